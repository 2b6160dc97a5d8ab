#!/usr/bin/env node
/**
 * `npm run emulator -- [--port 5170] [--db .data/dataverse.sqlite | --memory] [--seed] [--limits] [--token <t>]`
 * Starts the Dataverse emulator on 127.0.0.1 until SIGINT/SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startEmulator, type Emulator } from './index';

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

interface CliOptions {
  port: number;
  db: string;
  memory?: boolean;
  seed?: boolean;
  limits?: boolean;
  token?: string;
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
    .option('--seed', 'add the sample portal: website, web roles, contacts, Send Invitation workflow')
    .option('--limits', "enforce Dataverse's service protection limits (429 + Retry-After)")
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
  if (!options.memory) mkdirSync(dirname(db), { recursive: true });
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      port: options.port,
      host: '127.0.0.1',
      db,
      seed: options.seed === true,
      limits: options.limits === true,
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

if (require.main === module) {
  void runEmulatorCli(process.argv.slice(2));
}
