/**
 * `portal-invite emulator` (also `npm run emulator`): serve the local Dataverse Web API emulator on
 * 127.0.0.1 until Ctrl+C, optionally seeded, with a required token and service-protection limits.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import {
  EMULATOR_DATA_MODELS,
  startEmulator,
  type EmulatorDataModel,
  type LimitsOptions,
} from '../../emulator/index';
import { action, EMULATOR_URL, examples } from '../command';
import { limitCount, limitSeconds, port } from '../options';
import { describeListenError, onShutdown } from '../serve';

/** Where the emulator keeps its data unless told otherwise (the same file `npm start` uses). */
export const DEFAULT_EMULATOR_DB = '.data/dataverse.sqlite';

/** The `--limit-*` options: each one given switches the limits on with that value. */
export interface LimitOptions {
  /** Turn on service-protection limits (429 + Retry-After) with Dataverse's defaults. */
  limits?: boolean;
  /** Requests per user per window (0 = off). */
  limitRequests?: number;
  /** Window length in seconds. */
  limitWindow?: number;
  /** Requests in flight per user (0 = off). */
  limitConcurrency?: number;
  /** Execution seconds per user per window (0 = off). */
  limitExecutionSeconds?: number;
}

/** Options of `emulator`. */
export interface EmulatorServeOptions extends LimitOptions {
  /** Port; default 5170 (0 = any free port). */
  port: number;
  /** SQLite file; default {@link DEFAULT_EMULATOR_DB}. */
  db: string;
  /** Keep everything in memory (nothing is written). */
  memory?: boolean;
  /** Load the sample portal data. */
  seed?: boolean;
  /** Bearer token required from callers (default: any). */
  token?: string;
  /** Which data model's tables the environment has; default both. */
  dataModel: EmulatorDataModel;
}

/**
 * The `limits` option for startEmulator: off, Dataverse's defaults (`--limits`), or the defaults
 * with the values any `--limit-*` option gives (each of which switches the limits on).
 */
export function limitsFromOptions(options: LimitOptions): boolean | Partial<LimitsOptions> {
  const overrides: Partial<LimitsOptions> = {};
  if (options.limitRequests !== undefined) overrides.maxRequests = options.limitRequests;
  if (options.limitWindow !== undefined) overrides.windowMs = options.limitWindow * 1000;
  if (options.limitConcurrency !== undefined) overrides.maxConcurrent = options.limitConcurrency;
  if (options.limitExecutionSeconds !== undefined)
    overrides.maxExecutionTimeMs = options.limitExecutionSeconds * 1000;
  if (Object.keys(overrides).length > 0) return overrides;
  return options.limits === true;
}

/** The limits in words, for the line saying they are on. */
export function describeLimits(limits: true | Partial<LimitsOptions>): string {
  if (limits === true) return "Dataverse's defaults";
  const parts: string[] = [];
  if (limits.maxRequests !== undefined) parts.push(`${limits.maxRequests} requests`);
  if (limits.maxExecutionTimeMs !== undefined)
    parts.push(`${limits.maxExecutionTimeMs / 1000} s of execution`);
  if (limits.maxConcurrent !== undefined) parts.push(`${limits.maxConcurrent} concurrent requests`);
  const window = limits.windowMs !== undefined ? `${limits.windowMs / 1000} s` : 'the default window';
  return `${parts.join(', ') || 'the default limits'} per user per ${window} (others: Dataverse's defaults; 0 = off)`;
}

/** Registers the `emulator` command on the program. */
export function registerEmulatorServe(program: Command): void {
  program
    .command('emulator')
    .description('run the local Dataverse Web API emulator (SQLite) on 127.0.0.1 until Ctrl+C')
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', port, 5170)
    .option('--db <file>', 'SQLite database file', DEFAULT_EMULATOR_DB)
    .addOption(
      new Option('--memory', 'keep everything in memory (nothing is written to disk)').conflicts('db'),
    )
    .option(
      '--seed',
      'add the sample portal: a site of each data model with web roles, contacts, Send Invitation workflow',
    )
    .addOption(
      new Option(
        '--data-model <model>',
        'whose tables the environment has: both, enhanced (no adx_website/adx_webrole) or standard (no powerpagesite/powerpagecomponent)',
      )
        .choices([...EMULATOR_DATA_MODELS])
        .default('both'),
    )
    .option(
      '--token <token>',
      'bearer token callers must send (default: any); run the CLI with DATAVERSE_TOKEN=<token>',
    )
    .option('--limits', "enforce Dataverse's service protection limits (429 with Retry-After)")
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
    .addHelpText(
      'after',
      examples([
        ['portal-invite emulator', `on http://127.0.0.1:5170 with ${DEFAULT_EMULATOR_DB}`],
        ['portal-invite emulator --port 0 --memory --limits', 'throwaway, on a free port, with throttling'],
        [
          'portal-invite emulator --memory --seed --data-model enhanced',
          'an environment whose sites all use the enhanced data model',
        ],
        [
          'portal-invite emulator --memory --limit-requests 100 --limit-window 60',
          'throttle after 100 requests a minute',
        ],
        ['npm run emulator -- --seed', 'the same command from a clone of this repository'],
      ]),
    )
    .action(
      action<EmulatorServeOptions>(async (ctx, options) => {
        const db = options.memory ? ':memory:' : options.db;
        if (db !== ':memory:') await mkdir(dirname(db), { recursive: true });
        const limits = limitsFromOptions(options);
        const emulator = await startEmulator({
          port: options.port,
          db,
          seed: options.seed === true,
          token: options.token,
          limits,
          dataModel: options.dataModel,
        }).catch((error: unknown) => {
          throw describeListenError(error, options.port, 'the emulator');
        });
        const shutdown = onShutdown(ctx.out, [emulator]);
        if (limits) ctx.out.info(`Service protection limits on: ${describeLimits(limits)}.`);
        if (options.dataModel !== 'both')
          ctx.out.info(`Only the ${options.dataModel} data model's tables are served.`);
        ctx.out.data(
          { url: emulator.url, apiUrl: emulator.apiUrl, db, limits, dataModel: options.dataModel },
          () =>
            [
              `Dataverse emulator on ${emulator.url} (Web API ${emulator.apiUrl}), database ${db}.`,
              emulator.url === EMULATOR_URL
                ? `The CLI talks to it when DATAVERSE_URL is unset (or pass --url ${emulator.url}). Ctrl+C to stop.`
                : `Point the CLI at it with --url ${emulator.url}. Ctrl+C to stop.`,
            ].join('\n'),
        );
        await shutdown.done;
      }),
    );
}
