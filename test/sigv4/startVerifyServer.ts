import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRequest, type VerifyOptions, type VerifyResult } from '../../emulator/sigv4';

export interface VerifyServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1, port 0, that runs verifyRequest on what Node's parser hands it
 * (`req.method`, `req.url`, `req.rawHeaders`, the body) and answers with the VerifyResult as
 * JSON. `options` is read per request, so one server serves many cases.
 */
export async function startVerifyServer(options: () => VerifyOptions): Promise<VerifyServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const result: VerifyResult = verifyRequest(
        { method: req.method ?? '', target: req.url ?? '', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) },
        options(),
      );
      const body = JSON.stringify(result);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
