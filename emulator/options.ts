/**
 * Checks of what `startEmulator` is given, and the errors it raises when it cannot start: each
 * names the option or the resource at fault and what to do, and extends the package's error root.
 */
import { ConfigurationError, InvalidArgumentError } from '../sdk/errors';

/**
 * Raised when the emulator cannot start with the options given: the port is taken or not
 * allowed, the database file cannot be opened. `code` is the system error's (`EADDRINUSE`,
 * `EACCES`, `SQLITE_CANTOPEN`...) when there is one.
 */
export class EmulatorStartError extends ConfigurationError {
  /** The system error code behind the failure, if any. */
  readonly code?: string;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    const code = (options.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') this.code = code;
  }
}

/** The options of the core that can be wrong (see `EmulatorCoreOptions`). */
export interface CheckedCoreOptions {
  port?: unknown;
  host?: unknown;
  db?: unknown;
  token?: unknown;
  maxBodyBytes?: unknown;
  now?: unknown;
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Throws `InvalidArgumentError` for the first core option that cannot work. */
export function checkCoreOptions(options: CheckedCoreOptions): void {
  const { port, host, db, token, maxBodyBytes, now } = options;
  if (port !== undefined && (!isWhole(port) || port < 0 || port > 65535))
    throw new InvalidArgumentError(
      'port',
      `port ${String(port)} is not a port: use 0 to 65535 (0 picks a free one).`,
    );
  if (host !== undefined && host !== '127.0.0.1')
    throw new InvalidArgumentError(
      'host',
      `host ${String(host)} is not supported: the emulator listens on 127.0.0.1 only, so it is never reachable from other machines.`,
    );
  if (db !== undefined && (typeof db !== 'string' || db.trim() === ''))
    throw new InvalidArgumentError('db', "db must be a SQLite file path or ':memory:'.");
  if (token !== undefined && (typeof token !== 'string' || token === ''))
    throw new InvalidArgumentError(
      'token',
      'token must be a non-empty string (or left out to accept any token).',
    );
  if (maxBodyBytes !== undefined && (!isWhole(maxBodyBytes) || maxBodyBytes <= 0))
    throw new InvalidArgumentError('maxBodyBytes', 'maxBodyBytes must be a whole number of bytes above 0.');
  if (now !== undefined && typeof now !== 'function')
    throw new InvalidArgumentError('now', 'now must be a function returning the current Date.');
}

/** Throws `InvalidArgumentError` for a service-protection limit that is not a number of 0 or more. */
export function checkLimits(limits: unknown): void {
  if (limits === undefined || typeof limits === 'boolean') return;
  if (typeof limits !== 'object' || limits === null)
    throw new InvalidArgumentError(
      'limits',
      "limits must be true (Dataverse's defaults), false or an object of limits.",
    );
  for (const [name, value] of Object.entries(limits)) {
    const positive = name === 'windowMs' || name === 'dopHint';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      throw new InvalidArgumentError(
        `limits.${name}`,
        `limits.${name} is ${String(value)}; use a number ${positive ? 'above 0' : 'of 0 or more (0 switches the limit off)'}.`,
      );
    }
  }
}

/** Throws `InvalidArgumentError` for a webhook delivery setting that cannot work. */
export function checkWebhookOptions(webhooks: { timeoutMs?: unknown; maxDepth?: unknown } | undefined): void {
  const { timeoutMs, maxDepth } = webhooks ?? {};
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0)))
    throw new InvalidArgumentError(
      'webhooks.timeoutMs',
      'webhooks.timeoutMs must be a number of milliseconds above 0.',
    );
  if (maxDepth !== undefined && (!isWhole(maxDepth) || maxDepth < 1))
    throw new InvalidArgumentError(
      'webhooks.maxDepth',
      'webhooks.maxDepth must be a whole number of 1 or more (Dataverse uses 8).',
    );
}

/** The error for a server that could not listen on `port`. */
export function listenError(error: unknown, port: number): EmulatorStartError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  const fix =
    code === 'EADDRINUSE'
      ? `Port ${port} on 127.0.0.1 is already in use. Stop the process using it, or start the emulator on another port (0 picks a free one).`
      : code === 'EACCES'
        ? `Not allowed to listen on port ${port} on 127.0.0.1. Use a port above 1024 (or 0 for a free one).`
        : `The emulator could not listen on 127.0.0.1:${port} (${detail}).`;
  return new EmulatorStartError(fix, { cause: error });
}

/** The error for a database file that could not be opened. */
export function openError(error: unknown, file: string): EmulatorStartError {
  const detail = error instanceof Error ? error.message : String(error);
  return new EmulatorStartError(
    `The emulator could not open its database ${file} (${detail}). Check that the folder exists and is writable, or use db: ':memory:'.`,
    { cause: error },
  );
}
