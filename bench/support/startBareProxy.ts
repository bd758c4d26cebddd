import { Agent, createServer, request } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './listenOnLoopback';

/**
 * A node:http server that forwards every request to `upstream` over a kept-alive agent and relays
 * the answer, and does nothing else: the cost of a second HTTP exchange alone, the ceiling any
 * forwarding data plane in this process reaches.
 */
export async function startBareProxy(upstream: { address: string; port: number }): Promise<LoopbackServer> {
  const agent = new Agent({ keepAlive: true, timeout: 1_000 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = request(
        {
          host: upstream.address,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'content-length': String(body.length) },
          agent,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(parts);
            res.writeHead(answer.statusCode ?? 502, {
              'content-type': String(answer.headers['content-type'] ?? 'application/octet-stream'),
              'content-length': String(text.length),
            });
            res.end(text);
          });
        },
      );
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  return listenOnLoopback(server, () => agent.destroy());
}
