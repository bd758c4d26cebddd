import { describe, expect, it } from 'vitest';
import type { RequestConfig } from '../../harness/config/types';
import { resolveWorld } from '../../world';
import { createRandom } from '../support/random';
import { compareWithEmulator } from './support/compareWithEmulator';
import { generateWorld } from './support/generateWorld';

// The guard over "one decision core": for generated worlds, every caller × service × listener ×
// request is sent to the local world for real and predicted offline by `check`; they must agree
// on every outcome, a denial byte for byte. Callers that send through a relay are sent through the
// world's Lambda endpoint: the runner's Invoke is decided there (a refusal is `relay-failed`, Lambda's
// text byte for byte), and an invoked relay sends the signed request from its own VPC.
const WORLDS = 24;
const SEED = 20_261_201;
const REQUESTS: Record<string, RequestConfig> = {
  'GET /': { method: 'GET', path: '/' },
  'POST /admin/users': {
    method: 'POST',
    path: '/admin/users',
    headers: { 'X-Team': 'blue' },
    query: { mode: ['fast', 'slow'] },
  },
  'PUT /public/a+b': {
    method: 'PUT',
    path: '/public/a+b,é',
    headers: { 'x-team': 'red' },
    query: { mode: 'fast' },
    body: 'x',
  },
};

describe('check predicts what the local world answers, over generated worlds', () => {
  it(`${WORLDS} worlds, every caller × service × listener × request: 0 differences`, async () => {
    let total = 0;
    const mismatches: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < WORLDS; i++) {
      const spec = resolveWorld(generateWorld(createRandom(SEED + i)), `/generated/world-${i}.ts`);
      const result = await compareWithEmulator(spec, REQUESTS);
      total += result.calls;
      for (const m of result.mismatches) mismatches.push({ world: i, ...m });
      for (const o of result.outcomes) seen.add(o);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(mismatches.length).toBe(0);
    expect(total).toBeGreaterThanOrEqual(1_000);
    // The generated worlds reach every outcome: the guard is not comparing only easy answers.
    for (const outcome of [
      'allowed',
      'credentials-failed',
      'unreachable',
      'denied network',
      'denied network explicit',
      'denied service',
      'denied service explicit',
      'denied identity',
      'denied identity explicit',
      // Callers that send through a relay: the runner's Invoke refused, or the service's answer to the relay.
      'relay-failed',
      'via relay allowed',
      'via relay denied network',
      'via relay denied service',
      'via relay denied identity',
      'via relay unreachable',
    ]) {
      expect([...seen]).toContain(outcome);
    }
    console.log(
      `differential: ${WORLDS} worlds, ${total} calls, ${mismatches.length} ` +
        `differences; outcomes: ${[...seen].sort().join(', ')}`,
    );
  }, 600_000);
});
