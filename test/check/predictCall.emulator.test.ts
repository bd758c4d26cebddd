import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localCheckEnvironment } from '../../harness/check/localCheckEnvironment';
import type { RequestConfig } from '../../harness/config/types';
import { localEnvironment } from '../../harness/environments/localEnvironment';
import { startLocalWorld } from '../../emulator/startLocalWorld';
import { loadWorld } from '../../world';
import { projectRoot } from '../support/paths';
import { compareWithEmulator } from '../world/support/compareWithEmulator';
import { WORLDS } from './support/worlds';

// The prediction must build the same authorization input as the local world: every caller of the
// world × every service and listener × these requests, sent for real and predicted offline; for
// hand-made worlds where each layer refuses, and for every shipped world.
const REQUESTS: Record<string, RequestConfig> = {
  'POST /': { method: 'POST', path: '/' },
  'GET /admin/users': {
    method: 'GET',
    path: '/admin/users',
    headers: { 'X-Team': 'blue' },
    query: { mode: ['fast', 'slow'] },
  },
  'PUT /parking/a+b': {
    method: 'PUT',
    path: '/parking/a+b,é',
    headers: { 'x-team': 'red' },
    query: { x: '1', q: 'a+b' },
    body: 'hello',
  },
};

const seen = new Set<string>();
const SHIPPED = readdirSync(join(projectRoot, 'scenarios', 'worlds'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

describe.each(Object.entries(WORLDS))('predictCall agrees with the local world: %s', (_name, makeWorld) => {
  it('predicts every caller × service × request as observed (a denial byte for byte)', async () => {
    const result = await compareWithEmulator(makeWorld(), REQUESTS);
    for (const o of result.outcomes) seen.add(o);
    expect(result.mismatches).toEqual([]);
  }, 300_000);
});

describe.each(SHIPPED)('predictCall agrees with the local world: shipped world %s', (name) => {
  it('predicts every caller × service × listener × request as observed', async () => {
    const spec = await loadWorld(name, join(projectRoot, 'scenarios'));
    const result = await compareWithEmulator(spec, REQUESTS);
    expect(result.mismatches).toEqual([]);
    expect(result.calls).toBeGreaterThan(0);
  }, 300_000);

  it('the offline local environment has the same callers and services as the running one', async () => {
    const spec = await loadWorld(name, join(projectRoot, 'scenarios'));
    const local = await startLocalWorld({ spec });
    try {
      const running = localEnvironment(local);
      const offline = localCheckEnvironment(spec);
      expect(Object.keys(offline.callers)).toEqual(Object.keys(running.callers));
      for (const [callerName, caller] of Object.entries(offline.callers)) {
        // Only the running world knows a user's keys.
        const { keys: _keys, ...withoutKeys } = running.callers[callerName] as { keys?: unknown };
        expect(caller).toEqual(withoutKeys);
      }
      expect(offline.services).toEqual(running.services);
      expect(offline.region).toBe(running.region);
    } finally {
      await local.close();
    }
  }, 60_000);
});

describe('the hand-made worlds above', () => {
  it('cover every outcome the authorizer and the network give: each layer refusing, implicitly and explicitly', () => {
    expect([...seen].sort()).toEqual(
      [
        'allowed',
        'credentials-failed',
        'denied identity',
        'denied identity explicit',
        'denied network',
        'denied network explicit',
        'denied service',
        'denied service explicit',
        'unreachable',
      ].sort(),
    );
  });
});
