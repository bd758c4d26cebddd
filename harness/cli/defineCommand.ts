import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors';

/** One option of a command, as its help shows it. */
export interface OptionSpec {
  /** Commander's flags, e.g. `--env <name>`, `--all`, `-h, --help`. */
  flags: string;
  description: string;
  default?: string | boolean;
  /** May be given several times (the values are collected in order). */
  repeatable?: boolean;
}

/** A command's definition: its help, its errors and its exit codes all come from here. */
export interface CommandSpec {
  /** How it is run, e.g. `npm run scenario --`. */
  name: string;
  /** The positional arguments, e.g. `[name...]`. */
  arguments?: string;
  description: string;
  options: OptionSpec[];
  /** Text after the options: examples, exit codes. */
  epilog?: string;
}

export type ParsedCommand =
  | { help: true; text: string }
  | { help: false; values: Record<string, unknown>; positionals: string[] };

function build(spec: CommandSpec): Command {
  const command = new Command(spec.name)
    // One paragraph, wrapped to the terminal by commander (a line break in the source is a space).
    .description(spec.description.replace(/\s*\n\s*/g, ' '))
    .helpOption('-h, --help', 'print this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true);
  if (spec.arguments) command.arguments(spec.arguments);
  for (const o of spec.options) {
    const option = new Option(o.flags, o.description);
    if (o.default !== undefined) option.default(o.default);
    if (o.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    command.addOption(option);
  }
  if (spec.epilog) command.addHelpText('after', `\n${spec.epilog}`);
  return command;
}

/** The command's help text: usage, description, options, and the epilog. */
export function commandHelp(spec: CommandSpec): string {
  const command = build(spec);
  let text = '';
  command.configureOutput({ writeOut: (t) => (text += t) });
  command.outputHelp();
  return text.trimEnd();
}

/**
 * Parses a command line against the command's definition with commander: a mistake (an unknown
 * option, a missing value, an extra argument) is a UserError with commander's message; `--help`
 * returns the help text. Values are keyed by commander's camel-cased option names.
 */
export function parseCommand(spec: CommandSpec, argv: string[]): ParsedCommand {
  const command = build(spec);
  try {
    command.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help')
        return { help: true, text: commandHelp(spec) };
      throw new UserError('USAGE', error.message.replace(/^error: /, ''));
    }
    throw error;
  }
  return { help: false, values: command.opts(), positionals: command.args };
}

/** The long options of a command by name (`dry-run`, `env`...), valued or not: what npm may take for itself. */
export function npmOptionsOf(spec: CommandSpec): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const o of spec.options) {
    const match = /--([a-z][a-z0-9-]*)(\s*[<[])?/.exec(o.flags);
    if (match) options[match[1]!] = { type: match[2] ? 'string' : 'boolean' };
  }
  return options;
}
