import { readFileSync } from 'node:fs';
import { parseDocument, type CollectionTag, type ScalarTag, type YAMLSeq } from 'yaml';

/**
 * A CloudFormation template read as CloudFormation reads it, for the tests of the templates under
 * docs/ci/: the short-form intrinsics (`!Ref`, `!Sub`, `!If`, ...) become their long forms, then
 * `resolveTemplate` settles every intrinsic from given parameter values, as a deployed stack would.
 * Only what the templates use is supported; anything else throws, naming it.
 */

// biome-ignore lint/suspicious/noExplicitAny: a template's JSON, read field by field as the template has it
export type Json = any;

const scalarTag = (tag: string, toLong: (value: string) => Json): ScalarTag => ({
  tag: `!${tag}`,
  resolve: (value: string) => toLong(value),
});
const seqTag = (tag: string): CollectionTag => ({
  tag: `!${tag}`,
  collection: 'seq',
  resolve: (seq) => ({ [`Fn::${tag}`]: (seq as YAMLSeq).toJSON() }),
});

const SHORT_TAGS = [
  scalarTag('Ref', (v) => ({ Ref: v })),
  scalarTag('Sub', (v) => ({ 'Fn::Sub': v })),
  scalarTag('GetAtt', (v) => ({ 'Fn::GetAtt': v.split('.') })),
  scalarTag('Condition', (v) => ({ Condition: v })),
  ...['If', 'Not', 'Equals', 'And', 'Or', 'Join', 'Split', 'Select', 'Sub'].map(seqTag),
];

/** The template file as JSON, short-form intrinsics in their long form; a YAML error fails. */
export function readTemplate(path: string): Json {
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true, customTags: SHORT_TAGS });
  if (doc.errors.length > 0 || doc.warnings.length > 0)
    throw new Error(`${path}: ${[...doc.errors, ...doc.warnings].map((e) => e.message).join('; ')}`);
  // A tag resolved to a plain value is kept as a scalar holding it; toJS unwraps it.
  return doc.toJS({ mapAsMap: false }) as Json;
}

/** Stands for AWS::NoValue until the value holding it is rebuilt without it. */
const NO_VALUE = Symbol('AWS::NoValue');

export interface StackFacts {
  accountId: string;
  partition?: string;
  region?: string;
}

/**
 * The template's Resources and Outputs as a stack with these parameters would have them: every
 * intrinsic function settled, resources whose Condition is false removed, AWS::NoValue dropped.
 * A parameter without a value takes its Default; one with neither throws.
 */
export function resolveTemplate(template: Json, parameters: Record<string, string>, facts: StackFacts): Json {
  const params: Record<string, string | string[]> = {};
  for (const [name, p] of Object.entries<Json>(template.Parameters ?? {})) {
    const value = parameters[name] ?? p.Default;
    if (value === undefined) throw new Error(`parameter ${name} has no value and no Default`);
    params[name] = p.Type === 'CommaDelimitedList' ? (value === '' ? [''] : String(value).split(',')) : String(value);
  }
  for (const name of Object.keys(parameters))
    if (!(name in params)) throw new Error(`the template has no parameter ${name}`);
  const partition = facts.partition ?? 'aws';
  const pseudo: Record<string, string> = {
    'AWS::AccountId': facts.accountId,
    'AWS::Partition': partition,
    'AWS::Region': facts.region ?? 'us-east-1',
    'AWS::StackName': 'stack',
  };
  const conditions: Record<string, boolean> = {};
  const ref = (name: string): Json => {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in params) return params[name];
    if (name in pseudo) return pseudo[name];
    if (name in (template.Resources ?? {})) return physicalName(name);
    throw new Error(`Ref to unknown ${name}`);
  };
  const physicalName = (logical: string): string => {
    const r = template.Resources[logical];
    return resolve(r.Properties?.RoleName ?? logical);
  };
  const getAtt = (logical: string, attribute: string): string => {
    const r = template.Resources[logical];
    if (r?.Type === 'AWS::IAM::Role' && attribute === 'Arn') {
      const path = resolve(r.Properties.Path ?? '/');
      return `arn:${partition}:iam::${facts.accountId}:role${path}${physicalName(logical)}`;
    }
    throw new Error(`Fn::GetAtt ${logical}.${attribute} is not supported`);
  };
  const sub = (text: string, vars: Record<string, Json>): string =>
    text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      if (name in vars) return String(vars[name]);
      if (name.includes('.')) return getAtt(name.split('.')[0]!, name.split('.')[1]!);
      const value = ref(name);
      if (typeof value !== 'string') throw new Error(`Fn::Sub \${${name}} is not a string`);
      return value;
    });
  const condition = (name: string): boolean => {
    if (!(name in conditions)) {
      const body = template.Conditions?.[name];
      if (body === undefined) throw new Error(`unknown condition ${name}`);
      conditions[name] = resolve(body) as boolean;
    }
    return conditions[name]!;
  };

  function resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map(resolve).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = value[key];
      switch (key) {
        case 'Ref':
          return ref(arg);
        case 'Condition':
          return condition(arg);
        case 'Fn::GetAtt':
          return getAtt(arg[0], arg[1]);
        case 'Fn::If':
          return resolve(condition(arg[0]) ? arg[1] : arg[2]);
        case 'Fn::Not':
          return !resolve(arg[0]);
        case 'Fn::Equals':
          return JSON.stringify(resolve(arg[0])) === JSON.stringify(resolve(arg[1]));
        case 'Fn::And':
          return arg.every((c: Json) => resolve(c) === true);
        case 'Fn::Or':
          return arg.some((c: Json) => resolve(c) === true);
        case 'Fn::Join':
          return (resolve(arg[1]) as string[]).join(arg[0]);
        case 'Fn::Split':
          return String(resolve(arg[1])).split(arg[0]);
        case 'Fn::Select':
          return resolve(arg[1])[Number(resolve(arg[0]))];
        case 'Fn::Sub':
          return Array.isArray(arg)
            ? sub(arg[0], Object.fromEntries(Object.entries<Json>(arg[1]).map(([k, v]) => [k, resolve(v)])))
            : sub(arg, {});
        default:
          if (key.startsWith('Fn::')) throw new Error(`${key} is not supported`);
      }
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = resolve(v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  const resources: Record<string, Json> = {};
  for (const [name, r] of Object.entries<Json>(template.Resources))
    if (r.Condition === undefined || condition(r.Condition)) resources[name] = resolve(r);
  return { Resources: resources, Outputs: resolve(template.Outputs ?? {}) };
}
