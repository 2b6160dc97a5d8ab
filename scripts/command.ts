/**
 * What every command file builds on: the global options, the {@link CommandContext} an action gets
 * (output, and a Dataverse client built on first use), the wrapper that adapts an action to
 * commander, and the "Examples" help section.
 *
 * The URL comes from --url, else DATAVERSE_URL, else the local emulator; credentials follow the
 * SDK's one rule (`clientForUrl`): DATAVERSE_TOKEN when set; a loopback URL without a complete set
 * of AZURE_* variables gets a static token (leftovers are named and ignored); any other URL the
 * credentials the environment names.
 */
import type { Command } from 'commander';
import {
  assertSecureUrl,
  clientForUrl,
  DataverseClient,
  EMULATOR_TOKEN,
  EMULATOR_URL,
  ignoredEntraVariables,
} from '../sdk/client/index';
import type { DataverseClientOptions } from '../sdk/client/types';
import { CliError, UsageError } from './errors';
import { Output } from './output';

export { EMULATOR_TOKEN, EMULATOR_URL };

/** Options every command accepts. */
export interface GlobalOptions {
  /** Environment URL; default DATAVERSE_URL, else {@link EMULATOR_URL}. */
  url?: string;
  /** Print data as JSON. */
  json?: boolean;
  /** Debug output and stack traces on stderr. */
  verbose?: boolean;
}

/** The environment URL the global options point at (blank values count as unset), validated. */
export function resolveUrl(options: GlobalOptions, env: NodeJS.ProcessEnv): string {
  const url = (options.url?.trim() || env.DATAVERSE_URL?.trim() || EMULATOR_URL).replace(/\/+$/, '');
  try {
    assertSecureUrl(url);
  } catch (error) {
    throw new UsageError(
      (error as Error).message,
      'Pass --url https://<org>.crm.dynamics.com (or set DATAVERSE_URL); plain http only for the local emulator.',
      { cause: error },
    );
  }
  return url;
}

/** Builds the client for a command with the SDK's rule for credentials (see the file comment). */
export function createClient(options: GlobalOptions, env: NodeJS.ProcessEnv, out: Output): DataverseClient {
  const url = resolveUrl(options, env);
  const extra: Partial<DataverseClientOptions> = {
    onRetry: (event) =>
      out.info(
        `retrying ${event.method} ${shortUrl(event.url)} in ${Math.round(event.delayMs)} ms (${event.reason}${event.status ? ` ${event.status}` : ''}, attempt ${event.attempt})`,
      ),
    // The client's own log lines repeat the retries above; show them only when asked.
    logger: out.verbose
      ? { debug: (m) => out.debug(m), info: (m) => out.debug(m), warn: (m) => out.debug(m) }
      : {},
  };
  const ignored = ignoredEntraVariables(url, env);
  if (ignored.length > 0) {
    out.info(
      `note: ${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} set but not a complete Entra ID sign-in; the local emulator at ${url} needs no credentials, so ${ignored.length === 1 ? 'it is' : 'they are'} ignored.`,
    );
  }
  try {
    return clientForUrl(url, env, extra);
  } catch (error) {
    // The SDK's message names every missing variable; the hint fits the environment pointed at.
    throw new CliError(
      (error as Error).message,
      `${url} is not the local emulator, so it needs Entra ID credentials: set the variables named above (see \`portal-invite --help\`), or set DATAVERSE_TOKEN to a token, e.g. from \`az account get-access-token --resource ${url} --query accessToken -o tsv\`.`,
      { cause: error },
    );
  }
}

/** What a command's action receives: output, lazily-built client, and the process environment. */
export class CommandContext {
  readonly out: Output;
  private clientInstance?: DataverseClient;

  constructor(
    readonly globals: GlobalOptions,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.out = new Output({ json: globals.json === true, verbose: globals.verbose === true });
  }

  /** The Dataverse client, built on first use so offline commands never need credentials. */
  get client(): DataverseClient {
    this.clientInstance ??= createClient(this.globals, this.env, this.out);
    return this.clientInstance;
  }

  /** The environment URL the command talks to. */
  get url(): string {
    return resolveUrl(this.globals, this.env);
  }
}

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

/** A request URL without the API root and query, for one-line messages. */
function shortUrl(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).replace(/^\/api\/data\/v[\d.]+\//, '');
  } catch {
    return url;
  }
}
