import http from 'node:http';
import type { VerifyResult } from '../../emulator/sigv4';

export interface OutgoingRequest {
  method: string;
  /** Path and query exactly as they go on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Sends a request with Node's own HTTP client, as an SDK would, and returns the server's VerifyResult. */
export async function sendWithNodeHttp(port: number, request: OutgoingRequest): Promise<VerifyResult> {
  return new Promise<VerifyResult>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as VerifyResult);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from 127.0.0.1:${port} within 10 s`)));
    req.on('error', reject);
    req.end(request.body);
  });
}
