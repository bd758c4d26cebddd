/**
 * The harness against checking by hand: the same calls made by one Node process per call that
 * assumes the role, signs and sends with the AWS SDK (bench/support/byHandCall.mjs, the way a
 * botocore script is written), one after another as a shell loop runs them, and by the harness
 * (runPlan in this process, concurrency 1 and its default 4, each role assumed once per run).
 * Rounds interleave the contenders; every answer must be 200 and the success body.
 *
 * The harness figure leaves out the command's own start-up (see "Start-up" in bench/README.md),
 * which a run pays once, not per call.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startLocalWorld } from '../emulator/startLocalWorld';
import { quietSdkNodeWarning } from '../harness/cli/quietSdkNodeWarning';
import { createCredentialSource, type RoleCaller } from '../harness/credentials/createCredentialSource';
import { localEnvironment } from '../harness/environments/localEnvironment';
import type { Plan } from '../harness/resolve/types';
import { Redactor } from '../harness/run/Redactor';
import { runPlan } from '../harness/run/runPlan';
import { benchCalls, benchWorld, SUCCESS_BODY } from './support/benchWorld';
import { fail, fmt, median } from './support/stats';

const ROLES = 2;
const PER_ROLE = 4;
const ROUNDS = 3;
const SCRIPT = resolve(import.meta.dirname, 'support/byHandCall.mjs');

function byHand(vars: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT], { env: vars, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => done(out.trim()));
  });
}

export default async function run(): Promise<void> {
  quietSdkNodeWarning();
  const local = await startLocalWorld({ spec: benchWorld({ roles: ROLES }) });
  try {
    const env = localEnvironment(local);
    const plan: Plan = { environment: env, calls: benchCalls(env, ROLES, PER_ROLE) };
    const n = plan.calls.length;
    const keys = local.world.runnerKey;
    const processes = plan.calls.map((call) => {
      const caller = call.caller as RoleCaller;
      const connectTo = env.resolve[`${call.service.url.hostname}:80`]!;
      return {
        PATH: process.env.PATH,
        AWS_REGION: env.region,
        AWS_ENDPOINT_URL_STS: env.stsEndpoint,
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        ROLE_ARN: caller.roleArn,
        SERVICE_URL: call.service.url.href,
        LOCAL_ADDRESS: caller.localAddress,
        CONNECT_TO: `${connectTo.address}:${connectTo.port}`,
        AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
      };
    });
    const harness = (concurrency: number) => async () => {
      const summary = await runPlan(plan, {
        reporter: {},
        redactor: new Redactor(),
        credentials: createCredentialSource(env),
        concurrency,
      });
      return summary.failed;
    };
    const contenders: [string, () => Promise<number>][] = [
      [
        'by hand: a process per call',
        async () => {
          let bad = 0;
          for (const vars of processes) if ((await byHand(vars)) !== `200 ${SUCCESS_BODY}`) bad++;
          return bad;
        },
      ],
      ['harness, concurrency 1', harness(1)],
      ['harness, concurrency 4', harness(4)],
    ];
    console.log(
      `seed bench: ${n} calls (${ROLES} roles × ${PER_ROLE}), each answer checked; ${ROUNDS} interleaved rounds`,
    );
    const walls = contenders.map(() => [] as number[]);
    let bad = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, fn]] of contenders.entries()) {
        const started = performance.now();
        bad += await fn();
        walls[i]!.push(performance.now() - started);
      }
    }
    const meds = walls.map(median);
    for (const [i, [name]] of contenders.entries()) {
      console.log(`  ${name.padEnd(30)} ${fmt(meds[i]!)} ms for ${n} calls, ${fmt(meds[i]! / n, 1)} ms per call`);
    }
    console.log(`  answers not 200 "Lattice Success!": ${bad} of ${n * ROUNDS * contenders.length}`);
    console.log(
      `  by hand / harness: ${(meds[0]! / meds[1]!).toFixed(0)}x at ` +
        `concurrency 1, ${(meds[0]! / meds[2]!).toFixed(0)}x at concurrency 4`,
    );
    if (bad > 0) fail('seed', 'some answers were not the expected ones');
  } finally {
    await local.close();
  }
}
