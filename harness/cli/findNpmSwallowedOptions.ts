import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The variable npm sets for an option it took: `--dry-run` → `npm_config_dry_run`. */
const npmVariable = (name: string) => `npm_config_${name.replace(/-/g, '_')}`;

/**
 * The command's own options that npm took for itself. `npm run scenario in-org --dry-run` (no
 * `--` before the options) hands `--dry-run` to npm, which sets `npm_config_dry_run=true` in the
 * script's environment and runs the command without it: a real run where a dry run was asked for.
 * An option npm does not know is taken the same way (`npm_config_env=true`), and its value is
 * passed on as if it were a name. Only the command's own option names are looked at: npm sets
 * such variables only for what it was given or configured with, never for its defaults.
 */
export function findNpmSwallowedOptions(env: NodeJS.ProcessEnv, options: Options): string[] {
  return Object.keys(options).filter((name) => env[npmVariable(name)] !== undefined);
}

/** What to tell the user: which options npm took, and the command that passes them on. */
export function describeNpmSwallowedOptions(
  command: string,
  argv: string[],
  swallowed: string[],
  options: Options,
): string {
  const flags = swallowed.map((name) => `--${name}`);
  const variables = swallowed.map(npmVariable);
  const valued = (name: string) => options[name].type === 'string';
  // A value npm passed on is among the names now: the exact command can only be given for flags alone.
  const example = swallowed.some(valued)
    ? `npm run ${command} -- <names> ${swallowed.map((name) => `--${name}${valued(name) ? ' <value>' : ''}`).join(' ')}`
    : `npm run ${command} -- ${[...argv, ...flags].join(' ')}`;
  const them = swallowed.length === 1 ? 'it' : 'them';
  return (
    `npm took ${flags.join(', ')} for itself (${variables.join(', ')} set) and this command never saw ${them}: ` +
    `put the options after \`--\`: \`${example}\``
  );
}
