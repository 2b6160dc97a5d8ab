/**
 * Which failures are worth another attempt, which requests may be repeated, and how long to wait.
 * Pure functions so the rules can be read and tested on their own.
 */
import { ConnectionError } from '../errors';
import { parseErrorBody } from '../error-factory';
import { headerValue } from '../headers';
import { parseRetryAfter } from '../retry-after';
import type { RetryEvent } from '../types';
import type { PipelineRequest, PipelineResponse } from './policy';

/** Why a failure may be retried, and whether the server is known not to have run the request. */
export interface RetryDecision {
  reason: RetryEvent['reason'];
  status?: number;
  code?: string;
  /** True when the server refused the request before running it (429), so any request may be resent. */
  notExecuted: boolean;
  /** Server-requested wait, when it sent `Retry-After`. */
  retryAfterMs?: number;
}

/** Classifies a response; undefined when it is not a transient failure (2xx, 4xx other than 429, 500). */
export function classifyResponse(response: PipelineResponse, now: number): RetryDecision | undefined {
  const status = response.status;
  if (status !== 429 && status !== 503 && status !== 502 && status !== 504) return undefined;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
  const code = parseErrorBody(response.data).code;
  // A 429 from Dataverse's service protection means the request was rejected before it ran.
  if (status === 429) return { reason: 'throttled', status, code, notExecuted: true, retryAfterMs };
  if (status === 503) return { reason: 'unavailable', status, code, notExecuted: false, retryAfterMs };
  return { reason: 'gateway', status, code, notExecuted: false, retryAfterMs };
}

/**
 * Classifies what an attempt threw; undefined unless the connection failed without the caller
 * cancelling (an abort, a credential failure or a bug is never retried).
 */
export function classifyError(error: unknown, request: PipelineRequest): RetryDecision | undefined {
  if (!(error instanceof ConnectionError) || request.signal?.aborted) return undefined;
  if (error.code === 'ERR_CANCELED') return undefined;
  // A refused connection never carried the request; any other lost connection may have.
  return { reason: 'connection', code: error.code, notExecuted: error.code === 'ECONNREFUSED' };
}

/**
 * True when sending the request again cannot apply it twice: reads, deletes, writes guarded by
 * `If-Match`, and requests the caller marked idempotent (a create with a client-chosen id, a
 * `$batch` holding only GETs).
 */
export function isSafeToRepeat(request: PipelineRequest): boolean {
  const method = request.method;
  if (method === 'GET' || method === 'DELETE' || request.idempotent) return true;
  const ifMatch = headerValue(request.headers, 'If-Match');
  return (method === 'PATCH' || method === 'PUT') && ifMatch !== undefined && ifMatch !== '';
}

/** Backoff settings. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/**
 * Wait before retry number `attempt` (1 = first retry): exponential from `baseDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (between half and all of the step) so clients spread out.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (options.random() * step) / 2);
}
