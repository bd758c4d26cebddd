import net from 'node:net';
import type { VerifyResult } from '../../emulator/sigv4';

/**
 * Writes request bytes to 127.0.0.1:port as they are and reads the server's answer until it
 * closes the connection. Returns the VerifyResult the server sent back, or the status line when
 * the server refused to parse the request (400 from Node's HTTP parser).
 */
export async function sendRawRequest(port: number, bytes: Uint8Array): Promise<VerifyResult | { status: string }> {
  const response = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer from 127.0.0.1:${port} within 10 s`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
  const text = response.toString('utf8');
  const headEnd = text.indexOf('\r\n\r\n');
  const statusLine = text.slice(0, text.indexOf('\r\n'));
  if (!statusLine.includes(' 200 ')) return { status: statusLine };
  return JSON.parse(text.slice(headEnd + 4)) as VerifyResult;
}
