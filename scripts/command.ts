/**
 * Helpers every command file uses: wrapping an action so it gets a {@link CommandContext}, an
 * "Examples" help section, and parsers for repeatable and numeric options.
 */
import { Command, InvalidArgumentError } from 'commander';
import { CommandContext, GlobalOptions } from './context';

/** An action body: the context, the command's own options, then the positional arguments. */
export type ActionBody<O> = (ctx: CommandContext, options: O, ...args: string[]) => Promise<void>;

/** Adapts an {@link ActionBody} to commander's `(...args, options, command)` calling convention. */
export function action<O>(body: ActionBody<O>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const positional = args.slice(0, -2) as string[];
    const ctx = new CommandContext(command.optsWithGlobals<GlobalOptions>());
    await body(ctx, command.opts() as O, ...positional);
  };
}

/** Help text listing usage examples, shown after the options. */
export function examples(lines: [command: string, what: string][]): string {
  return '\nExamples:\n' + lines.map(([cmd, what]) => `  # ${what}\n  $ ${cmd}\n`).join('');
}

/** Option parser for a repeatable option: `--role a --role b` → ['a', 'b']. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Option parser for a positive integer. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

/** Option parser for a TCP port (0 = any free port). */
export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535.');
  return n;
}
