/**
 * The client's error hierarchy. Every failure of a Dataverse call is a {@link DataverseError};
 * the subclass says what kind of failure it was, chosen from the HTTP status.
 */
import { ErrorKind, PortalInvitationsError } from '../errors';
import { redactText } from './redact';

export { ErrorCodes, type ErrorCode } from './error-codes';
import { ErrorCodes } from './error-codes';

/** A copy of the failed request with every secret removed. */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** What a {@link DataverseError} is built from. */
export interface DataverseErrorInit {
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** Dataverse error code such as `0x80040217`. */
  code?: string;
  /** `x-ms-service-request-id` (or `REQ_ID` inside a batch) for Microsoft support. */
  requestId?: string;
  /** How long the server asked to wait before trying again. */
  retryAfterMs?: number;
  /** The request, already redacted. */
  request?: RedactedRequest;
  /** The parsed error body, already redacted. */
  body?: unknown;
  /** Attempts made, the first included. */
  attempts?: number;
  /**
   * The underlying error (for example the AbortError of a cancelled request). Only a sanitised copy
   * is kept, see {@link sanitizedCause}.
   */
  cause?: unknown;
}

/** Raised when a Dataverse call fails; the base of every client error. */
export class DataverseError extends PortalInvitationsError {
  /** The `kind` of this class's errors (subclasses name their own). */
  static readonly errorKind: ErrorKind = ErrorKind.Dataverse;

  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** Dataverse error code such as `0x80040217`, when the server sent one. */
  readonly code?: string;
  /** Server request id, quoted when asking Microsoft for help. */
  readonly requestId?: string;
  /** Milliseconds the server asked to wait (from `Retry-After`). */
  readonly retryAfterMs?: number;
  /** The request that failed, with secrets removed. */
  readonly request?: RedactedRequest;
  /** The parsed error body, with secrets removed. */
  readonly body?: unknown;
  /** Attempts made, the first included. */
  readonly attempts?: number;

  constructor(message: string, init: DataverseErrorInit) {
    super(
      (new.target as typeof DataverseError).errorKind,
      redactText(message),
      init.cause === undefined ? undefined : { cause: sanitizedCause(init.cause) },
    );
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.request = init.request;
    this.body = init.body;
    this.attempts = init.attempts;
  }

  /** A JSON-safe summary; it holds only redacted data. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
      request: this.request,
      body: this.body,
    };
  }
}

/**
 * A copy of an underlying error that is safe to print: only its name, its `code` and its message
 * (through redactText), with the stack frames but none of its other properties and no nested cause.
 * An AxiosError, for one, holds the request config with the `Authorization` header and the body,
 * which `util.inspect`/`console.error` would print.
 */
export function sanitizedCause(cause: unknown): Error {
  const source = cause instanceof Error ? cause : undefined;
  const name = source?.name ?? 'Error';
  const message = redactText(source ? source.message : String(cause));
  const copy = new Error(message) as Error & { code?: string };
  copy.name = name;
  const code = (source as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' || typeof code === 'number') copy.code = String(code);
  const frames = (source?.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  copy.stack = [`${name}: ${message}`, ...frames.map((frame) => redactText(frame))].join('\n');
  return copy;
}

/** Raised on 429: service protection limits were hit; wait `retryAfterMs` or lower concurrency. */
export class ThrottledError extends DataverseError {
  static override readonly errorKind: ErrorKind = ErrorKind.Throttled;
}

/** Raised on 404: the row, table or operation does not exist. */
export class NotFoundError extends DataverseError {
  static override readonly errorKind: ErrorKind = ErrorKind.NotFound;
}

/** Raised on 412: the row changed since it was read, or (`isDuplicate`) the key already exists. */
export class ConcurrencyError extends DataverseError {
  static override readonly errorKind: ErrorKind = ErrorKind.Concurrency;

  /**
   * True when the 412 means "a row with this key already exists": the code says so (0x80040237),
   * or, when the body carries no known code, the request does: a create (POST, which only fails
   * with 412 on a client-chosen id) or an upsert told to create only (`If-None-Match: *`).
   * Microsoft's own examples show 412 bodies with `"code":""` for both kinds.
   * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api
   */
  get isDuplicate(): boolean {
    if (this.code === ErrorCodes.DuplicateRecord) return true;
    if (this.code === ErrorCodes.ConcurrencyVersionMismatch) return false;
    const request = this.request;
    if (!request) return false;
    if (request.method === 'POST') return true;
    return headerIn(request.headers, 'if-none-match') === '*';
  }

  /** True when the 412 means "the row changed since it was read" (an `If-Match` write lost a race). */
  get isVersionMismatch(): boolean {
    return !this.isDuplicate;
  }
}

function headerIn(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Raised on 401/403: the token was refused or the caller lacks privileges. */
export class AuthenticationError extends DataverseError {
  static override readonly errorKind: ErrorKind = ErrorKind.Authentication;
}

/** Raised when no response arrived: refused, reset, timed out or aborted (status 0). */
export class ConnectionError extends DataverseError {
  static override readonly errorKind: ErrorKind = ErrorKind.Connection;
}

/** The subclass for an HTTP status. */
export function errorClassForStatus(status: number): typeof DataverseError {
  if (status === 0) return ConnectionError;
  if (status === 429) return ThrottledError;
  if (status === 404) return NotFoundError;
  if (status === 412) return ConcurrencyError;
  if (status === 401 || status === 403) return AuthenticationError;
  return DataverseError;
}
