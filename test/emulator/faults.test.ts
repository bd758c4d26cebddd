import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { assume, INVOKER_B, INVOKER_C, invoke, REGION, runnerCredentials, stsClient } from './support/localCalls';

let local: LocalWorld;

beforeAll(async () => {
  local = await startLocalWorld({ faults: { throttleAssumeRole: 1 } });
});
afterAll(() => local.close());
beforeEach(() => {
  local.faults.clear();
  local.world.resetStats();
});

const admin = (path: string, init?: RequestInit) => fetch(`${local.adminUrl}${path}`, init);

describe('fault injection', () => {
  it('starts with the faults given to startLocalWorld', async () => {
    const fresh = await startLocalWorld({ faults: { throttleAssumeRole: 1, stsLatencyMs: 5 } });
    try {
      expect(fresh.faults.current).toEqual({
        stsLatencyMs: 5,
        latticeLatencyMs: 0,
        throttleAssumeRole: 1,
        targetErrors: 0,
        dropConnections: 0,
      });
      await expect(assume(fresh, INVOKER_B)).rejects.toMatchObject({ name: 'Throttling' });
    } finally {
      await fresh.close();
    }
  });

  it("throttles the next N AssumeRole calls with STS's Throttling error, which the SDK retries", async () => {
    local.faults.set({ throttleAssumeRole: 2 });
    const once = stsClient(local);
    const error = await once
      .send(new AssumeRoleCommand({ RoleArn: INVOKER_B, RoleSessionName: 'throttled' }))
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    // The SDK retries it (a plain 400 it would not): its own retries get through once the faults are used up.
    const retrying = new STSClient({
      region: REGION,
      endpoint: local.stsEndpoint,
      credentials: runnerCredentials(local),
      maxAttempts: 3,
    });
    const out = await retrying.send(new AssumeRoleCommand({ RoleArn: INVOKER_B, RoleSessionName: 'retried' }));
    expect(out.$metadata.attempts).toBe(2);
    expect(local.world.stats.assumeRole.get(INVOKER_B)).toBe(3);
    expect(local.world.stats.throttled).toBe(2);
  });

  it('adds STS and Lattice latency', async () => {
    local.faults.set({ stsLatencyMs: 250, latticeLatencyMs: 250 });
    let started = performance.now();
    const credentials = await assume(local, INVOKER_B);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    started = performance.now();
    const answer = await invoke(local, credentials);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(answer).toMatchObject({ kind: 'response', status: 200 });
  });

  it('answers the next N allowed invokes with 503 from the target; denials do not use them up', async () => {
    const credentials = await assume(local, INVOKER_B);
    local.faults.set({ targetErrors: 1 });
    expect(await invoke(local, undefined)).toMatchObject({ status: 403 });
    expect(await invoke(local, credentials)).toMatchObject({ status: 503, body: 'Service Unavailable' });
    expect(await invoke(local, credentials)).toMatchObject({ status: 200, body: '"Lattice Success!"' });
    expect(local.world.stats.targetErrors).toBe(1);
  });

  it('drops the next N data-plane connections without an answer', async () => {
    const credentials = await assume(local, INVOKER_B);
    local.faults.set({ dropConnections: 2 });
    expect(await invoke(local, credentials)).toMatchObject({ kind: 'no-response', code: 'ECONNRESET' });
    expect(await invoke(local, credentials, { protocol: 'https:' })).toMatchObject({
      kind: 'no-response',
      code: 'ECONNRESET',
    });
    expect(await invoke(local, credentials)).toMatchObject({ kind: 'response', status: 200 });
    expect(local.world.stats.dropped).toBe(2);
  });
});

describe('admin endpoint', () => {
  it('sets faults and reads counters over HTTP, for another process', async () => {
    const set = await admin('/faults', {
      method: 'POST',
      body: JSON.stringify({ throttleAssumeRole: 1, latticeLatencyMs: 0 }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      stsLatencyMs: 0,
      latticeLatencyMs: 0,
      throttleAssumeRole: 1,
      targetErrors: 0,
      dropConnections: 0,
    });
    expect(await (await admin('/faults')).json()).toMatchObject({ throttleAssumeRole: 1 });

    await expect(assume(local, INVOKER_B)).rejects.toMatchObject({ name: 'Throttling' });
    const credentials = await assume(local, INVOKER_B);
    await assume(local, INVOKER_C, 'outsider', 'lattice-e2e-outsider');
    await invoke(local, credentials);
    await invoke(local, credentials, { path: '/again' });

    const stats = await (await admin('/stats')).json();
    expect(stats).toEqual({
      assumeRole: { [INVOKER_B]: 2, [INVOKER_C]: 1 },
      invokes: 2,
      invokesByService: { parking: 2 },
      throttled: 1,
      targetErrors: 0,
      dropped: 0,
      controlPlane: {},
    });
    const reset = await admin('/stats', { method: 'DELETE' });
    expect(await reset.json()).toMatchObject({ assumeRole: {}, invokes: 0 });
  });

  it("refuses bad settings and unknown paths in the control plane's error shape, changing nothing", async () => {
    local.faults.set({ targetErrors: 3 });
    const bad = await admin('/faults', {
      method: 'POST',
      body: JSON.stringify({ targetErrors: 1, throttleEverything: 5 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(await bad.json()).toMatchObject({
      reason: 'fieldValidationFailed',
      fieldList: [{ name: 'throttleEverything' }],
    });
    const negative = await admin('/faults', { method: 'POST', body: JSON.stringify({ dropConnections: -1 }) });
    expect(await negative.json()).toMatchObject({
      message: 'dropConnections must be a whole number from 0 to 10000000, got -1',
    });
    const garbage = await admin('/faults', { method: 'POST', body: '{nope' });
    expect(await garbage.json()).toMatchObject({ reason: 'cannotParse' });
    expect(local.faults.current.targetErrors).toBe(3);
    const unknown = await admin('/reboot', { method: 'POST' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ reason: 'unknownOperation' });
  });
});
