import {
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  type GetFunctionConfigurationCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { parseDocument, ReadFailure, step } from './readSteps';
import type { DeployedRelay } from './types';

/** A Lambda function ARN without its qualifier: `arn:<partition>:lambda:<region>:<account>:function:<name>`. */
export const unqualifiedFunctionArn = (arn: string): string => arn.split(':').slice(0, 7).join(':');

const isNotFound = (error: unknown) => (error as Error | undefined)?.name === 'ResourceNotFoundException';

/**
 * A relay's function as deployed: its VPC (GetFunctionConfiguration's `VpcConfig.VpcId`) and its resource-based
 * policy (GetPolicy; a function without one answers ResourceNotFoundException, and has none). Undefined when the
 * function does not exist; any other failure is a ReadFailure (never "not deployed"). The client reads one region:
 * a function of another region fails, naming both.
 */
export async function readDeployedRelay(
  lambda: LambdaClient,
  functionArn: string,
  region: string,
): Promise<DeployedRelay | undefined> {
  const arn = unqualifiedFunctionArn(functionArn);
  const [, , , arnRegion = '', account = '', , functionName = ''] = arn.split(':');
  if (arnRegion !== region)
    // Not sent: no AWS error, a name of our own (as NoRoot is).
    throw new ReadFailure(
      'GetFunctionConfiguration',
      'OtherRegion',
      `the function is in region ${arnRegion}; the environment reads region ${region}`,
    );
  let configuration: GetFunctionConfigurationCommandOutput;
  try {
    configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn }));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    return step('GetFunctionConfiguration', () => Promise.reject(error));
  }
  let policy: unknown;
  try {
    const out = await lambda.send(new GetPolicyCommand({ FunctionName: arn }));
    policy = parseDocument(out.Policy, false, 'GetPolicy');
  } catch (error) {
    // No resource-based policy.
    if (!isNotFound(error)) return step('GetPolicy', () => Promise.reject(error));
  }
  const vpc = configuration.VpcConfig?.VpcId;
  return {
    arn,
    account,
    functionName,
    ...(vpc && { vpc }),
    ...(policy !== undefined && { policy }),
  };
}
