/** `portal-invite emulator`: run the local Dataverse Web API emulator until Ctrl+C. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { limitsFromOptions, limitCount, limitSeconds } from '../../emulator/cli';
import { startEmulator } from '../../emulator/index';
import { action, examples, port } from '../command';
import { describeListenError } from '../listen-error';
import { onShutdown } from '../serve';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** Options of `emulator` (the same as `npm run emulator`). */
export interface EmulatorCommandOptions {
  /** Port; default 5170 (0 = any free port). */
  port: number;
  /** SQLite file. */
  db: string;
  /** Keep everything in memory (nothing is written). */
  memory?: boolean;
  /** Load the sample portal data. */
  seed?: boolean;
  /** Bearer token required from callers (default: any). */
  token?: string;
  /** Turn on service-protection limits (429 + Retry-After). */
  limits?: boolean;
  /** Requests per user per window (implies limits; 0 = off). */
  limitRequests?: number;
  /** Window length in seconds (implies limits). */
  limitWindow?: number;
  /** Requests in flight per user (implies limits; 0 = off). */
  limitConcurrency?: number;
  /** Execution seconds per user per window (implies limits; 0 = off). */
  limitExecutionSeconds?: number;
}

/** Registers the `emulator` command on the program. */
export function registerEmulator(program: Command): void {
  program
    .command('emulator')
    .description('run the local Dataverse Web API emulator (SQLite) until Ctrl+C')
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', port, 5170)
    .option('--db <file>', 'SQLite database file', '.data/dataverse.sqlite')
    .option('--memory', 'keep everything in memory (nothing is written to disk)')
    .option(
      '--seed',
      `add the sample portal: website, web roles, contacts, ${SEND_INVITATION_WORKFLOW_NAME} workflow`,
    )
    .option('--token <token>', 'bearer token callers must send (default: any)')
    .option('--limits', 'enforce service-protection limits (429 with Retry-After)')
    .option('--limit-requests <n>', 'requests per user per window (implies --limits; 0 = off)', limitCount)
    .option('--limit-window <seconds>', 'length of the sliding window (implies --limits)', limitSeconds)
    .option('--limit-concurrency <n>', 'requests in flight per user (implies --limits; 0 = off)', limitCount)
    .option(
      '--limit-execution-seconds <n>',
      'execution time per user per window (implies --limits; 0 = off)',
      limitCount,
    )
    .addHelpText(
      'after',
      examples([
        ['portal-invite emulator', 'on http://127.0.0.1:5170 with .data/dataverse.sqlite'],
        [
          'portal-invite emulator --port 0 --db :memory: --limits',
          'throwaway, on a free port, with throttling',
        ],
        [
          'portal-invite emulator --memory --limit-requests 100 --limit-window 60',
          'throttle after 100 requests a minute',
        ],
      ]),
    )
    .action(
      action<EmulatorCommandOptions>(async (ctx, options) => {
        const db = options.memory ? ':memory:' : options.db;
        if (!options.memory) await mkdir(dirname(db), { recursive: true });
        const emulator = await startEmulator({
          port: options.port,
          db,
          seed: options.seed === true,
          token: options.token,
          limits: limitsFromOptions(options),
        }).catch((error: unknown) => {
          throw describeListenError(error, options.port, 'the emulator');
        });
        const shutdown = onShutdown(ctx.out, [emulator]);
        ctx.out.data({ url: emulator.url, apiUrl: emulator.apiUrl, db }, () =>
          [
            `Dataverse emulator on ${emulator.url} (Web API ${emulator.apiUrl}), database ${db}.`,
            `Point the CLI at it with --url ${emulator.url} (the default when DATAVERSE_URL is unset). Ctrl+C to stop.`,
          ].join('\n'),
        );
        await shutdown.done;
      }),
    );
}
