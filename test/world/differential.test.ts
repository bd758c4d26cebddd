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
// text byte for byte), and an invoked relay sends the signed request from its own VPC. The worlds have
// organization guardrails too: SCPs, RCPs, a management account, permissions boundaries, session policies.
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
    let viaRelay = 0;
    const mismatches: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < WORLDS; i++) {
      const spec = resolveWorld(generateWorld(createRandom(SEED + i)), `/generated/world-${i}.ts`);
      const result = await compareWithEmulator(spec, REQUESTS);
      total += result.calls;
      viaRelay += result.relayCalls;
      for (const m of result.mismatches) mismatches.push({ world: i, ...m });
      for (const o of result.outcomes) seen.add(o);
    }
    console.log(
      `differential: ${WORLDS} worlds, ${total} calls (${viaRelay} through a relay), ${mismatches.length} ` +
        `differences; outcomes: ${[...seen].sort().join(', ')}`,
    );
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
      // Organization guardrails: an SCP (explicit, or an allow list without Invoke), a permissions boundary, a
      // session policy refuse an Invoke; an SCP or an RCP refuses the runner's AssumeRole.
      'denied organization',
      'denied organization explicit',
      'via relay denied organization explicit',
      'denied boundary',
      'denied boundary explicit',
      'denied session',
      'denied session explicit',
      'credentials-failed scp explicit',
      'credentials-failed rcp explicit',
    ]) {
      expect([...seen]).toContain(outcome);
    }
  }, 600_000);
});
