import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS, optionsFromEnvironment, RELAY_ENV } from '../../relay/optionsFromEnvironment';
import type { RelayAnswer } from '../../relay/protocol';
import { projectRoot } from '../support/paths';
import { signed, startServer, type TestServer } from './support/relayFixtures';

type Handler = (event: unknown) => Promise<RelayAnswer>;
let bundlePath: string;
let server: TestServer;
let loads = 0;

/** The shipped bundle (dist/relay/index.mjs, built by vitest's global setup), loaded afresh with `env`. */
async function loadBundle(env: Record<string, string>): Promise<Handler> {
  const saved = Object.fromEntries(Object.values(RELAY_ENV).map((name) => [name, process.env[name]]));
  for (const name of Object.values(RELAY_ENV)) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return (await import(`${pathToFileURL(bundlePath).href}?load=${++loads}`)).handler;
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
}

beforeAll(async () => {
  ({ RELAY_BUNDLE: bundlePath } = await import(pathToFileURL(join(projectRoot, 'scripts', 'build.mjs')).href));
  server = await startServer(false, (_req, res, body) => res.end(Buffer.concat([Buffer.from('echo:'), body])));
});
afterAll(() => server.close());

describe('the shipped relay bundle', () => {
  it('imports nothing but Node built-ins (the Lambda runtime has no node_modules)', () => {
    const source = readFileSync(bundlePath, 'utf8');
    const imports = [...source.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^node:/);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it('sends to a host of RELAY_ALLOWED_HOSTS and refuses others', async () => {
    const handler = await loadBundle({ [RELAY_ENV.allowedHosts]: 'other.example, 127.0.0.1' });
    const payload = await signed({ secure: false, host: '127.0.0.1', port: server.port, body: Buffer.from('hi') });
    const answer = await handler(payload);
    expect(answer).toMatchObject({ v: 1, kind: 'response', status: 200 });
    expect(answer.kind === 'response' && Buffer.from(answer.body, 'base64').toString()).toBe('echo:hi');
    const elsewhere = await signed({ secure: false, host: 'localhost', port: server.port });
    expect(await handler(elsewhere)).toMatchObject({ kind: 'refused', reason: 'destination-not-allowed' });
  });

  it('applies RELAY_MAX_REQUEST_BYTES and RELAY_MAX_ANSWER_BYTES', async () => {
    const handler = await loadBundle({
      [RELAY_ENV.allowedHosts]: '127.0.0.1',
      [RELAY_ENV.maxRequestBytes]: '4',
      [RELAY_ENV.maxAnswerBytes]: '8',
    });
    const at = (body: string) =>
      signed({ secure: false, host: '127.0.0.1', port: server.port, body: Buffer.from(body) });
    expect(await handler(await at('12345'))).toMatchObject({ kind: 'refused', reason: 'request-too-large' });
    expect(await handler(await at('123'))).toMatchObject({
      kind: 'response',
      body: Buffer.from('echo:123').toString('base64'),
    });
    expect(await handler(await at('1234'))).toMatchObject({ kind: 'refused', reason: 'answer-too-large' });
  });

  it('refuses every call, naming the variable, when RELAY_ALLOWED_HOSTS is missing or empty', async () => {
    for (const env of [{}, { [RELAY_ENV.allowedHosts]: ' , ' }] as Record<string, string>[]) {
      const handler = await loadBundle(env);
      const answer = await handler(await signed({ secure: false, host: '127.0.0.1', port: server.port }));
      expect(answer).toMatchObject({ kind: 'refused', reason: 'destination-not-allowed' });
      expect(answer.kind === 'refused' && answer.message).toContain('RELAY_ALLOWED_HOSTS');
    }
  });
});

describe('optionsFromEnvironment', () => {
  it('has defaults: 1 MiB each way, 10 s', () => {
    const options = optionsFromEnvironment({ RELAY_ALLOWED_HOSTS: 'a.example,*.b.example' });
    expect(options).toEqual({
      allowedHosts: ['a.example', '*.b.example'],
      maxRequestBytes: DEFAULTS.maxRequestBytes,
      maxAnswerBytes: DEFAULTS.maxAnswerBytes,
      maxTimeoutMs: DEFAULTS.timeoutMs,
    });
    expect(DEFAULTS).toEqual({ maxRequestBytes: 1048576, maxAnswerBytes: 1048576, timeoutMs: 10000 });
  });

  it('makes the relay unusable, naming each bad variable, rather than guess', () => {
    const options = optionsFromEnvironment({
      RELAY_ALLOWED_HOSTS: 'a.example',
      RELAY_MAX_ANSWER_BYTES: '5000000',
      RELAY_TIMEOUT_MS: '10s',
      RELAY_MAX_REQUEST_BYTES: '-1',
    });
    expect(options.unusable).toMatch(/RELAY_MAX_REQUEST_BYTES.*RELAY_MAX_ANSWER_BYTES.*RELAY_TIMEOUT_MS/);
  });
});
