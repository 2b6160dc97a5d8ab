/**
 * Which failures are worth another attempt, which requests may be repeated, and how long to wait.
 * Pure functions so the policy can be read and tested on its own.
 */
import { isAxiosError, type AxiosRequestConfig } from 'axios';
import type { RetryEvent } from '../types';
import { parseRetryAfter } from '../retry-after';

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

/** Classifies a failure; undefined when it must not be retried (4xx, aborts, non-HTTP errors). */
export function classifyFailure(error: unknown, now: number): RetryDecision | undefined {
  if (!isAxiosError(error) || !error.config || error.code === 'ERR_CANCELED') return undefined;
  if ((error.config.signal as AbortSignal | undefined)?.aborted) return undefined;
  const response = error.response;
  // A refused connection never carried the request; any other lost connection may have.
  if (!response)
    return { reason: 'connection', code: error.code, notExecuted: error.code === 'ECONNREFUSED' };
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers?.['retry-after'], now);
  const code = (response.data as { error?: { code?: string } } | undefined)?.error?.code;
  // A 429 from Dataverse's service protection means the request was rejected before it ran.
  if (status === 429) return { reason: 'throttled', status, code, notExecuted: true, retryAfterMs };
  if (status === 503) return { reason: 'unavailable', status, code, notExecuted: false, retryAfterMs };
  if (status === 502 || status === 504)
    return { reason: 'gateway', status, code, notExecuted: false, retryAfterMs };
  return undefined;
}

/**
 * True when sending the request again cannot apply it twice: reads, deletes, writes guarded by
 * `If-Match`, and requests the caller marked idempotent (a create with a client-chosen id, a
 * `$batch` holding only GETs).
 */
export function isSafeToRepeat(config: AxiosRequestConfig): boolean {
  const method = (config.method ?? 'get').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE') return true;
  if (config.dataverse?.idempotent) return true;
  const headers = config.headers as { get?: (name: string) => unknown } | Record<string, unknown> | undefined;
  const ifMatch =
    typeof headers?.get === 'function'
      ? headers.get('If-Match')
      : (headers as Record<string, unknown>)?.['If-Match'];
  return (method === 'PATCH' || method === 'PUT') && typeof ifMatch === 'string' && ifMatch !== '';
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
