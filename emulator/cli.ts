#!/usr/bin/env node
/**
 * `npm run emulator -- [--port 5170] [--db .data/dataverse.sqlite | --memory] [--seed] [--limits]
 *   [--limit-requests <n>] [--limit-window <seconds>] [--limit-concurrency <n>]
 *   [--limit-execution-seconds <n>] [--token <t>]`
 * Starts the Dataverse emulator on 127.0.0.1 until SIGINT/SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startEmulator, type Emulator, type LimitsOptions } from './index';
import { SEND_INVITATION_WORKFLOW_NAME } from '../sdk/entities/workflow';

/** Where the CLI writes and which signals stop it (injected by tests). */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Registers the stop handler (it resolves once stopped); default: on SIGINT and SIGTERM. */
  onStop: (stop: () => Promise<void>) => void;
}

const defaultIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  onStop: (stop) => {
    const handler = () => void stop();
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  },
};

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('Use a port number from 0 to 65535.');
  return n;
}

/** Option parser for a `--limit-*` count: a whole number, 0 or more (0 switches that limit off). */
export function limitCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('Use a whole number, 0 or more (0 = off).');
  return n;
}

/** Option parser for `--limit-window`: seconds above 0. */
export function limitSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Use a number of seconds above 0.');
  return n;
}

interface CliOptions {
  port: number;
  db: string;
  memory?: boolean;
  seed?: boolean;
  limits?: boolean;
  limitRequests?: number;
  limitWindow?: number;
  limitConcurrency?: number;
  limitExecutionSeconds?: number;
  token?: string;
}

/**
 * The `limits` option for startEmulator: off, Dataverse's defaults (`--limits`), or the defaults
 * with the values any `--limit-*` option gives (each of which switches the limits on).
 */
export function limitsFromOptions(options: {
  limits?: boolean;
  limitRequests?: number;
  limitWindow?: number;
  limitConcurrency?: number;
  limitExecutionSeconds?: number;
}): boolean | Partial<LimitsOptions> {
  const overrides: Partial<LimitsOptions> = {};
  if (options.limitRequests !== undefined) overrides.maxRequests = options.limitRequests;
  if (options.limitWindow !== undefined) overrides.windowMs = options.limitWindow * 1000;
  if (options.limitConcurrency !== undefined) overrides.maxConcurrent = options.limitConcurrency;
  if (options.limitExecutionSeconds !== undefined)
    overrides.maxExecutionTimeMs = options.limitExecutionSeconds * 1000;
  if (Object.keys(overrides).length > 0) return overrides;
  return options.limits === true;
}

/**
 * Parses the arguments and starts the emulator. Resolves with the running emulator, or undefined
 * when it could not start (the reason is on stderr and `process.exitCode` is 1).
 */
export async function runEmulatorCli(argv: string[], io: CliIo = defaultIo): Promise<Emulator | undefined> {
  const program = new Command()
    .name('emulator')
    .description('A local Dataverse Web API (SQLite-backed) for demos, tests and recording fixtures.')
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', port, 5170)
    .option('--db <file>', 'SQLite database file', '.data/dataverse.sqlite')
    .addOption(
      new Option('--memory', 'keep everything in memory (nothing is written to disk)').conflicts('db'),
    )
    .option(
      '--seed',
      `add the sample portal: website, web roles, contacts, ${SEND_INVITATION_WORKFLOW_NAME} workflow`,
    )
    .option('--limits', "enforce Dataverse's service protection limits (429 + Retry-After)")
    .option(
      '--limit-requests <n>',
      'requests per user per window (implies --limits; default 6000, 0 = off)',
      limitCount,
    )
    .option(
      '--limit-window <seconds>',
      'length of the sliding window (implies --limits; default 300)',
      limitSeconds,
    )
    .option(
      '--limit-concurrency <n>',
      'requests in flight per user (implies --limits; default 52, 0 = off)',
      limitCount,
    )
    .option(
      '--limit-execution-seconds <n>',
      'execution time per user per window (implies --limits; default 1200, 0 = off)',
      limitCount,
    )
    .option('--token <token>', 'bearer token clients must send (default: any token is accepted)')
    .configureOutput({ writeOut: (s) => io.stdout(s.trimEnd()), writeErr: (s) => io.stderr(s.trimEnd()) })
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    process.exitCode = code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 1;
    return undefined;
  }
  const options = program.opts<CliOptions>();
  const db = options.memory ? ':memory:' : options.db;
  const limits = limitsFromOptions(options);
  if (!options.memory) mkdirSync(dirname(db), { recursive: true });
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      port: options.port,
      host: '127.0.0.1',
      db,
      seed: options.seed === true,
      limits,
      token: options.token,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'EADDRINUSE'
        ? `Port ${options.port} on 127.0.0.1 is already in use. Stop the process using it, or start the emulator with --port <another port> (0 picks a free one).`
        : `The emulator could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
    return undefined;
  }
  io.stdout(`Dataverse emulator listening on http://127.0.0.1:${emulator.port}/api/data/v9.2/`);
  if (limits) io.stderr(`Service protection limits on: ${describeLimits(limits)}.`);
  io.onStop(() =>
    emulator.close().then(
      () => io.stderr('Dataverse emulator stopped.'),
      (error: unknown) => {
        io.stderr(
          `The emulator did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exitCode = 1;
      },
    ),
  );
  return emulator;
}

function describeLimits(limits: true | Partial<LimitsOptions>): string {
  if (limits === true) return "Dataverse's defaults";
  const parts: string[] = [];
  if (limits.maxRequests !== undefined) parts.push(`${limits.maxRequests} requests`);
  if (limits.maxExecutionTimeMs !== undefined)
    parts.push(`${limits.maxExecutionTimeMs / 1000} s of execution`);
  if (limits.maxConcurrent !== undefined) parts.push(`${limits.maxConcurrent} concurrent requests`);
  const window = limits.windowMs !== undefined ? `${limits.windowMs / 1000} s` : 'the default window';
  return `${parts.join(', ') || 'the default limits'} per user per ${window} (others: Dataverse's defaults; 0 = off)`;
}

if (require.main === module) {
  void runEmulatorCli(process.argv.slice(2));
}
