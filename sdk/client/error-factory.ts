/**
 * Turns a failed HTTP exchange into the right {@link DataverseError} subclass with a message that
 * says what happened and what to do, and a redacted copy of the request. No raw AxiosError is kept.
 */
import {
  isAxiosError,
  type AxiosError,
  type AxiosResponseHeaders,
  type RawAxiosResponseHeaders,
} from 'axios';
import {
  ConnectionError,
  DataverseError,
  ErrorCodes,
  errorClassForStatus,
  sanitizedCause,
  type RedactedRequest,
} from './errors';
import { unauthorizedAdvice } from './pipeline/auth';
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

/** Headers as a plain lower-cased string map. */
export function plainHeaders(
  headers: AxiosResponseHeaders | RawAxiosResponseHeaders | Record<string, unknown> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  const source =
    headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers ?? {});
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** A redacted copy of the request of a failed exchange. */
export function redactedRequest(config: AxiosError['config']): RedactedRequest | undefined {
  if (!config) return undefined;
  const base = config.baseURL && config.url && !/^https?:/i.test(config.url) ? config.baseURL : '';
  return redact({
    method: (config.method ?? 'get').toUpperCase(),
    url: `${base}${config.url ?? ''}`,
    headers: plainHeaders(config.headers as Record<string, unknown>),
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
  const message = `${where} failed with ${response.status}${code}: ${serverMessage}. ${response.advice ?? adviceFor(response.status, parsed.code)}`;
  return new ErrorClass(message, {
    status: response.status,
    code: parsed.code,
    requestId: response.headers['x-ms-service-request-id'] ?? response.headers['req_id'],
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], response.now),
    request: response.request,
    body: parsed.body === undefined ? undefined : redact(parsed.body),
    attempts: response.attempts,
  });
}

/** Converts whatever an axios call threw into a {@link DataverseError}; other errors pass through. */
export function errorFromAxios(error: unknown, now: number): unknown {
  if (error instanceof DataverseError || !isAxiosError(error)) return error;
  const request = redactedRequest(error.config);
  const attempts = error.config?.dataverse?.attempt;
  if (error.response) {
    const headers = plainHeaders(error.response.headers);
    return errorFromResponse({
      status: error.response.status,
      headers,
      data: error.response.data,
      request,
      attempts,
      now,
      advice: unauthorizedAdvice(error.config?.dataverse?.authFailure, headers['www-authenticate']),
    });
  }
  const where = request ? `${request.method} ${shortUrl(request.url)}` : 'Request';
  // Never the AxiosError itself as the cause: it holds the Authorization header and the body.
  const init = { status: 0, request, attempts, code: error.code, cause: sanitizedCause(error) };
  if (error.code === 'ERR_CANCELED') {
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    return new ConnectionError(`${where} was aborted by the caller's signal; nothing more was sent.`, {
      ...init,
      cause: abort,
    });
  }
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
    return new ConnectionError(
      `${where} timed out after ${error.config?.timeout ?? '?'} ms without a response; raise timeoutMs or check the network.`,
      init,
    );
  }
  return new ConnectionError(
    `${where} got no response (${redactText(error.code ?? error.message)}); check the environment URL and the network.`,
    init,
  );
}

function shortUrl(url: string): string {
  const api = url.indexOf('/api/data/');
  return api >= 0 ? url.slice(api) : url;
}
