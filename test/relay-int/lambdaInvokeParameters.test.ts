import { join } from 'node:path';
import { InvokeCommand, type InvokeCommandInput, LambdaClient, type LogType } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorld, type LocalWorld } from '../../emulator/startLocalWorld';
import { loadWorld } from '../../world';
import { projectRoot } from '../support/paths';

const B_RELAY = 'arn:aws:lambda:us-east-1:222222222222:function:lattice-e2e-relay-consumer-b';

let local: LocalWorld;
let client: LambdaClient;
beforeAll(async () => {
  local = await startLocalWorld({ spec: await loadWorld('relays', join(projectRoot, 'scenarios')) });
  client = new LambdaClient({
    region: 'us-east-1',
    endpoint: local.lambdaEndpoint,
    credentials: local.world.runnerKey,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await local?.close();
});

const invoke = (input: Partial<InvokeCommandInput>) =>
  client.send(new InvokeCommand({ FunctionName: B_RELAY, Payload: new TextEncoder().encode('{}'), ...input }));
/** The relay's refusal of an empty payload: the answer of an Invoke that ran the relay. */
const ranTheRelay = { StatusCode: 200, ExecutedVersion: '$LATEST' };

// Invoke's parameters as the real SDK client sends them (X-Amz-Log-Type, the Qualifier query, a qualified name).
describe('the local Lambda endpoint reads the Invoke parameters as Lambda does', () => {
  it('LogType None or Tail runs the function; another value is a 400 naming logType and its enum', async () => {
    await expect(invoke({ LogType: 'None' })).resolves.toMatchObject(ranTheRelay);
    await expect(invoke({ LogType: 'Tail' })).resolves.toMatchObject(ranTheRelay);
    await expect(invoke({ LogType: 'Full' as LogType })).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'Full' at 'logType' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [None, Tail]',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('$LATEST, by name or Qualifier, is the function; a version or alias it lacks is a 404', async () => {
    await expect(invoke({ Qualifier: '$LATEST' })).resolves.toMatchObject(ranTheRelay);
    await expect(invoke({ FunctionName: `${B_RELAY}:$LATEST` })).resolves.toMatchObject(ranTheRelay);
    for (const input of [{ Qualifier: 'prod' }, { FunctionName: `${B_RELAY}:prod` }]) {
      await expect(invoke(input)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Function not found: ${B_RELAY}:prod`,
        $metadata: { httpStatusCode: 404 },
      });
    }
    await expect(invoke({ Qualifier: '7' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${B_RELAY}:7`,
    });
  });

  it('a Qualifier out of its pattern, or other than the name says, is a 400', async () => {
    await expect(invoke({ Qualifier: 'prod.1' })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value 'prod.1' at 'qualifier' failed to satisfy constraint"),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(invoke({ FunctionName: `${B_RELAY}:prod`, Qualifier: 'live' })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The derived qualifier from the function name does not match the specified qualifier.',
    });
  });
});
