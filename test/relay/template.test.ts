import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { RELAY_ENV_NAMES } from '../../relay/optionsFromEnvironment';
import { projectRoot } from '../support/paths';

const TEMPLATE = join(projectRoot, 'relay', 'template.yaml');

interface Resource {
  Type: string;
  Condition?: string;
  // biome-ignore lint/suspicious/noExplicitAny: a resource's properties, read field by field as the template has them
  Properties: Record<string, any>;
}
interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
}
interface Template {
  Parameters: Record<string, { Type: string; Default?: unknown }>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
}

let template: Template;
let relayBundle: string;

beforeAll(async () => {
  // Long-form intrinsics only: a short-form tag (`!Ref`) would be an unknown tag here, as for plain YAML tools.
  const doc = parseDocument(readFileSync(TEMPLATE, 'utf8'), { uniqueKeys: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(doc.warnings.map((e) => e.message)).toEqual([]);
  template = doc.toJS() as Template;
  // The build's own notion of where the relay bundle goes (vitest's global setup has built it).
  ({ RELAY_BUNDLE: relayBundle } = await import(pathToFileURL(join(projectRoot, 'scripts', 'build.mjs')).href));
});

const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const only = (type: string): [string, Resource] => {
  const found = ofType(type);
  expect(found.map(([name]) => name)).toHaveLength(1);
  return found[0]!;
};

/** Every `Ref`, `Fn::GetAtt` and `${...}` of `Fn::Sub` in a value. */
function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref') found.push(v as string);
      else if (key === 'Fn::GetAtt') found.push((v as string[])[0]!);
      else if (key === 'Fn::Sub')
        for (const m of String(Array.isArray(v) ? v[0] : v).matchAll(/\$\{([^}!]+)\}/g))
          found.push(m[1]!.split('.')[0]!);
      references(v, found);
    }
  }
  return found;
}

describe('the relay template', () => {
  it('refers only to its own parameters, resources and pseudo parameters', () => {
    const known = new Set([...Object.keys(template.Parameters), ...Object.keys(template.Resources)]);
    for (const name of references({ ...template.Resources, ...template.Outputs }))
      expect(name.startsWith('AWS::') || known.has(name), name).toBe(true);
  });

  it('runs the shipped bundle: Handler index.handler, Code the build output of relay/index.ts', async () => {
    const [, fn] = only('AWS::Lambda::Function');
    expect(fn.Properties.Runtime).toBe('nodejs20.x');
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(resolve(dirname(TEMPLATE), fn.Properties.Code)).toBe(dirname(relayBundle));
    expect(basename(relayBundle)).toBe('index.mjs');
    const bundle = await import(pathToFileURL(relayBundle).href);
    expect(typeof bundle.handler).toBe('function');
    expect(readFileSync(relayBundle, 'utf8')).not.toMatch(/console\./);
  });

  it('sets exactly the environment variables relay/index.ts reads', () => {
    const [, fn] = only('AWS::Lambda::Function');
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual([...RELAY_ENV_NAMES].sort());
    expect(fn.Properties.Environment.Variables.RELAY_ALLOWED_HOSTS).toEqual({ Ref: 'AllowedHosts' });
  });

  it('lets the invoker role do lambda:InvokeFunction on this function, and no one anything else', () => {
    const [, permission] = only('AWS::Lambda::Permission');
    expect(permission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [only('AWS::Lambda::Function')[0], 'Arn'] },
      Principal: { Ref: 'InvokerRoleArn' },
    });
    expect(template.Parameters.InvokerRoleArn!.Default).toBeUndefined();
    expect(ofType('AWS::Lambda::Url')).toEqual([]);
    expect(ofType('AWS::Lambda::EventSourceMapping')).toEqual([]);
  });

  it('grants the function nothing beyond network interfaces and its own logs', () => {
    const [roleName, role] = only('AWS::IAM::Role');
    expect(only('AWS::Lambda::Function')[1].Properties.Role).toEqual({ 'Fn::GetAtt': [roleName, 'Arn'] });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.PermissionsBoundary).toBeUndefined();
    expect(ofType('AWS::IAM::Policy')).toEqual([]);
    expect(ofType('AWS::IAM::ManagedPolicy')).toEqual([]);
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const statements = (role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    );
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
    }
    const actions = statements.flatMap((s) => s.Action).sort();
    // AWSLambdaVPCAccessExecutionRole, less logs:CreateLogGroup (the stack creates the log group).
    expect(actions).toEqual(
      [
        'ec2:AssignPrivateIpAddresses',
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:UnassignPrivateIpAddresses',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ].sort(),
    );
    const logs = statements.find((s) => s.Action.includes('logs:PutLogEvents'));
    const [logGroup] = only('AWS::Logs::LogGroup');
    expect(references(logs?.Resource)).toEqual([logGroup]);
  });

  it('attaches the function to the subnets, and a created security group sends on 443 and 80 only', () => {
    const [, fn] = only('AWS::Lambda::Function');
    expect(fn.Properties.VpcConfig.SubnetIds).toEqual({ Ref: 'SubnetIds' });
    expect(template.Parameters.SubnetIds!.Type).toBe('List<AWS::EC2::Subnet::Id>');
    const [, group] = only('AWS::EC2::SecurityGroup');
    expect(group.Condition).toBe('CreateSecurityGroup');
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    const rules = group.Properties.SecurityGroupEgress as { IpProtocol: string; FromPort: number; ToPort: number }[];
    expect(rules.map((r) => [r.IpProtocol, r.FromPort, r.ToPort])).toEqual([
      ['tcp', 443, 443],
      ['tcp', 80, 80],
    ]);
    expect(ofType('AWS::EC2::SecurityGroupEgress')).toEqual([]);
    expect(ofType('AWS::EC2::SecurityGroupIngress')).toEqual([]);
  });

  it("outputs the function's ARN", () => {
    expect(template.Outputs.FunctionArn!.Value).toEqual({ 'Fn::GetAtt': [only('AWS::Lambda::Function')[0], 'Arn'] });
  });
});
