/**
 * Global options → a Dataverse client. The URL comes from --url, else DATAVERSE_URL, else the local
 * emulator; credentials come from the environment exactly as the SDK reads them, except that a local
 * emulator with no AZURE_* variables gets a static token.
 */
import { clientFromEnv, DataverseClient, StaticTokenCredential } from '../sdk/client/index';
import type { DataverseClientOptions } from '../sdk/client/types';
import { CliError, UsageError } from './errors';
import { Output } from './output';

/** Where `npm start` and `portal-invite emulator` listen by default. */
export const EMULATOR_URL = 'http://127.0.0.1:5170';

/** Token sent to a local emulator when no real credentials are configured (it is not a secret). */
export const EMULATOR_TOKEN = 'emulator-local-token';

/** Options every command accepts. */
export interface GlobalOptions {
  /** Environment URL; default DATAVERSE_URL, else {@link EMULATOR_URL}. */
  url?: string;
  /** Print data as JSON. */
  json?: boolean;
  /** Debug output and stack traces on stderr. */
  verbose?: boolean;
}

/** True for http(s)://127.0.0.1, localhost or [::1], whatever the port. */
export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/** The environment URL the global options point at, validated. */
export function resolveUrl(options: GlobalOptions, env: NodeJS.ProcessEnv): string {
  const url = (options.url ?? env.DATAVERSE_URL ?? EMULATOR_URL).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `"${url}" is not a URL.`,
      'Pass --url https://<org>.crm.dynamics.com (or set DATAVERSE_URL).',
    );
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLocalUrl(url))) {
    throw new UsageError(
      `Refusing to talk to ${url} over plain http.`,
      'Use an https:// URL; plain http is only allowed for 127.0.0.1/localhost (the emulator).',
    );
  }
  return url;
}

/** Builds the client for a command: what the SDK reads from the environment, or a static token for the emulator. */
export function createClient(options: GlobalOptions, env: NodeJS.ProcessEnv, out: Output): DataverseClient {
  const url = resolveUrl(options, env);
  const extra: Partial<DataverseClientOptions> = {
    url,
    onRetry: (event) =>
      out.info(
        `retrying ${event.method} ${shortUrl(event.url)} in ${Math.round(event.delayMs)} ms (${event.reason}${event.status ? ` ${event.status}` : ''}, attempt ${event.attempt})`,
      ),
    // The client's own log lines repeat the retries above; show them only when asked.
    logger: out.verbose
      ? { debug: (m) => out.debug(m), info: (m) => out.debug(m), warn: (m) => out.debug(m) }
      : {},
  };
  const hasAzureVariables = Object.keys(env).some((key) => key.startsWith('AZURE_'));
  if (isLocalUrl(url) && !hasAzureVariables) {
    out.debug(`using a static token for the local environment ${url}`);
    return new DataverseClient({ ...extra, url, credential: new StaticTokenCredential(EMULATOR_TOKEN) });
  }
  try {
    return clientFromEnv({ ...env, DATAVERSE_URL: url }, extra);
  } catch (error) {
    throw new CliError(
      (error as Error).message,
      `Set the credential variables listed in \`portal-invite --help\` for ${url}, or use --url ${EMULATOR_URL} for the local emulator.`,
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

/** A request URL without the API root and query, for one-line messages. */
function shortUrl(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).replace(/^\/api\/data\/v[\d.]+\//, '');
  } catch {
    return url;
  }
}
