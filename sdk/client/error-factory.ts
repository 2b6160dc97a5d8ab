/**
 * Turns a failed HTTP exchange into the right {@link DataverseError} subclass with a message that
 * says what happened and what to do, and a redacted copy of the request. No transport object is kept.
 */
import {
  ConcurrencyError,
  ConnectionError,
  DataverseError,
  ErrorCodes,
  errorClassForStatus,
  type RedactedRequest,
} from './errors';
import { plainHeaders } from './headers';
import type { PipelineRequest, PipelineResponse } from './pipeline/policy';
import { redact, redactText } from './redact';
import { parseRetryAfter } from './retry-after';

/** The code and message of a Web API error body `{"error":{"code","message"}}`. */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
  body?: unknown;
}

/** Reads a Web API error body given as an object, a JSON string or a Buffer. */
export function parseErrorBody(data: unknown): ParsedErrorBody {
  let body = data;
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return text.trim() ? { message: text.trim().slice(0, 500), body: text } : {};
    }
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error || typeof error !== 'object') return { body };
  return {
    code: typeof error.code === 'string' ? error.code : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
    body,
  };
}

/** What to do about a failure, by status and code. */
export function adviceFor(status: number, code?: string): string {
  if (code === ErrorCodes.DuplicateRecord)
    return 'A row with this key already exists: update it, or use another id.';
  if (code === ErrorCodes.ConcurrencyVersionMismatch || status === 412)
    return 'The row changed since it was read: read it again and reapply the change.';
  if (code === ErrorCodes.IsvAborted) return 'A plug-in refused the operation; its message says why.';
  if (code === ErrorCodes.PublishedWorkflowUpdate) return 'Deactivate the workflow before changing it.';
  if (status === 429)
    return 'Dataverse service protection limits were hit: wait for Retry-After, then lower the concurrency.';
  if (status === 404) return 'Check the entity set name, the id and the operation name.';
  if (status === 401)
    return 'The token was refused: check the tenant, client id and secret/certificate, and the environment URL.';
  if (status === 403)
    return 'The caller lacks privileges: give the application user a security role in this environment.';
  if (status >= 500) return 'Dataverse failed to process the request: try again later.';
  return 'Fix the request: the message above says what Dataverse refused.';
}

/** A redacted copy of a request, as errors carry it. */
export function redactedRequest(
  request: Pick<PipelineRequest, 'method' | 'url' | 'headers'>,
): RedactedRequest {
  return redact({
    method: request.method,
    url: request.url,
    headers: plainHeaders(request.headers),
  }) as RedactedRequest;
}

/** Fields that describe one Web API response that failed. */
export interface FailedResponse {
  status: number;
  headers: Record<string, string>;
  data: unknown;
  request?: RedactedRequest;
  attempts?: number;
  now: number;
  /** What to do, when the caller knows better than the status alone (a 401 after a token refresh). */
  advice?: string;
}

/** Builds the error for a response with status ≥ 400 (also used for failed parts of a `$batch`). */
export function errorFromResponse(response: FailedResponse): DataverseError {
  const parsed = parseErrorBody(response.data);
  const ErrorClass = errorClassForStatus(response.status);
  const where = response.request ? `${response.request.method} ${shortUrl(response.request.url)}` : 'Request';
  // The message is followed by ". <advice>"; a server sentence's own full stop would double it.
  const serverMessage = parsed.message
    ? redactText(parsed.message).trimEnd().replace(/\.$/, '')
    : 'no message';
  const code = parsed.code ? ` ${parsed.code}` : '';
  const init = {
    status: response.status,
    code: parsed.code,
    requestId: response.headers['x-ms-service-request-id'] ?? response.headers['req_id'],
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], response.now),
    request: response.request,
    body: parsed.body === undefined ? undefined : redact(parsed.body),
    attempts: response.attempts,
  };
  // A 412 with an empty code is told apart by its request (see ConcurrencyError.isDuplicate).
  const probe = ErrorClass === ConcurrencyError ? new ConcurrencyError('', init) : undefined;
  const advice =
    response.advice ??
    (probe?.isDuplicate
      ? adviceFor(response.status, ErrorCodes.DuplicateRecord)
      : adviceFor(response.status, parsed.code));
  const message = `${where} failed with ${response.status}${code}: ${serverMessage}. ${advice}`;
  return new ErrorClass(message, init);
}

/** The error for a response outside 2xx that the pipeline gave up on. */
export function errorFromPipelineResponse(response: PipelineResponse, now: number): DataverseError {
  return errorFromResponse({
    status: response.status,
    headers: { ...response.headers },
    data: response.data,
    request: redactedRequest(response.request),
    attempts: response.request.attempt,
    now,
    advice: response.advice,
  });
}

/** Why no response arrived. */
export type ConnectionFailure = 'aborted' | 'timeout' | 'network';

/**
 * The ConnectionError (status 0) for an attempt that got no response. `code` is the network code
 * (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, …); the cause is kept only as a sanitised copy.
 */
export function connectionError(
  request: PipelineRequest,
  failure: ConnectionFailure,
  detail: { code?: string; cause?: unknown } = {},
): ConnectionError {
  const redacted = redactedRequest(request);
  const where = `${redacted.method} ${shortUrl(redacted.url)}`;
  const init = { status: 0, request: redacted, attempts: request.attempt, code: detail.code };
  if (failure === 'aborted') {
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    return new ConnectionError(`${where} was aborted by the caller's signal; nothing more was sent.`, {
      ...init,
      code: detail.code ?? 'ERR_CANCELED',
      cause: abort,
    });
  }
  if (failure === 'timeout') {
    return new ConnectionError(
      `${where} timed out after ${request.timeoutMs} ms without a response; raise timeoutMs or check the network.`,
      { ...init, cause: detail.cause },
    );
  }
  return new ConnectionError(
    `${where} got no response (${redactText(detail.code ?? messageOf(detail.cause))}); check the environment URL and the network.`,
    { ...init, cause: detail.cause },
  );
}

/** The error for an attempt stopped by the caller's signal (while waiting for a slot or a retry). */
export function abortedError(request: PipelineRequest): ConnectionError {
  return connectionError(request, 'aborted');
}

/** The error for a 2xx response that lacks what the operation needs (a header, a count, a body). */
export function unexpectedResponse(
  response: { status: number; headers: Readonly<Record<string, string>> },
  message: string,
): DataverseError {
  return new DataverseError(message, {
    status: response.status,
    requestId: response.headers['x-ms-service-request-id'] ?? response.headers['req_id'],
  });
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause ?? 'unknown error');
}

/**
 * A URL as people read it: the query percent-decoded (`name eq 'A&B'`, not `name%20eq%20%27A%26B%27`).
 * Redact after decoding, never before: decoding could reassemble what a pattern looks for.
 */
export function readableUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function shortUrl(url: string): string {
  const api = url.indexOf('/api/data/');
  return readableUrl(api >= 0 ? url.slice(api) : url);
}
