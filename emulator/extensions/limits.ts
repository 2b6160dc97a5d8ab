/**
 * Service protection limits: per user, over a sliding window, answered with 429, `Retry-After` and
 * Microsoft's messages; every response tells what is left of the window.
 * https://learn.microsoft.com/power-apps/developer/data-platform/api-limits
 */
import type { RequestGate } from '../contracts';
import { ErrorCodes } from '../../sdk/client/errors';
import { RateLimitHeaders } from '../../sdk/client/pipeline/pacing';

/** Dataverse's service protection limits, per user, over a sliding window. */
export interface LimitsOptions {
  /** Requests allowed per user in the window; default 6000. 0 switches the limit off. */
  maxRequests: number;
  /** Combined execution time allowed per user in the window, in ms; default 20 minutes. 0 = off. */
  maxExecutionTimeMs: number;
  /** Requests in flight at once per user; default 52. 0 = off. */
  maxConcurrent: number;
  /** Length of the sliding window in ms; default 5 minutes. */
  windowMs: number;
  /** Value sent in `x-ms-dop-hint`; default 52 / 4 = 13, leaving headroom as Dataverse does. */
  dopHint: number;
}

/** The defaults Microsoft documents for Dataverse. */
export const DEFAULT_LIMITS: LimitsOptions = {
  maxRequests: 6000,
  maxExecutionTimeMs: 20 * 60 * 1000,
  maxConcurrent: 52,
  windowMs: 5 * 60 * 1000,
  dopHint: 13,
};

interface UserUsage {
  /** Start times of admitted requests still inside the window (ascending). */
  requests: number[];
  /** End time and duration of finished requests still inside the window (ascending by end). */
  executions: { endedAt: number; durationMs: number }[];
  inFlight: number;
}

/**
 * A pure {@link RequestGate}: the caller passes the clock reading to each call, so tests control time.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/api-limits
 */
export class ServiceProtectionGate implements RequestGate {
  /** The limits in force (defaults merged with the options given). */
  readonly limits: LimitsOptions;
  private readonly users = new Map<string, UserUsage>();

  constructor(options: Partial<LimitsOptions> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options };
  }

  /** Admits the request (and counts it) or answers with the limit it hit and when to retry. */
  admit(userId: string, now: number): { retryAfterSeconds: number; code: string; message: string } | null {
    const usage = this.usage(userId, now);
    const { maxRequests, maxExecutionTimeMs, maxConcurrent, windowMs } = this.limits;
    // The messages are Microsoft's, with the limits in force filled in.
    if (maxConcurrent > 0 && usage.inFlight >= maxConcurrent) {
      return {
        retryAfterSeconds: 1,
        code: ErrorCodes.ThrottleConcurrency,
        message: `Number of concurrent requests exceeded the limit of ${maxConcurrent}.`,
      };
    }
    if (maxRequests > 0 && usage.requests.length >= maxRequests) {
      const freedAt = usage.requests[usage.requests.length - maxRequests] + windowMs;
      return {
        retryAfterSeconds: secondsUntil(freedAt, now),
        code: ErrorCodes.ThrottleRequests,
        message: `Number of requests exceeded the limit of ${maxRequests} over time window of ${windowMs / 1000} seconds.`,
      };
    }
    const used = usedMs(usage);
    if (maxExecutionTimeMs > 0 && used >= maxExecutionTimeMs) {
      const freedAt = this.executionFreedAt(usage, used - maxExecutionTimeMs) + windowMs;
      return {
        retryAfterSeconds: secondsUntil(freedAt, now),
        code: ErrorCodes.ThrottleExecutionTime,
        message: `Combined execution time of incoming requests exceeded limit of ${maxExecutionTimeMs.toLocaleString('en-US')}  milliseconds over time window of ${windowMs / 1000} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`,
      };
    }
    // Kept in order of arrival time: a request admitted after a later one finished reading its body
    // must still leave the window first, or the window would hold stale counts.
    let at = usage.requests.length;
    while (at > 0 && usage.requests[at - 1] > now) at--;
    usage.requests.splice(at, 0, now);
    usage.inFlight += 1;
    return null;
  }

  /** Records the end of an admitted request. */
  release(userId: string, startedAt: number, now: number): void {
    const usage = this.usage(userId, now);
    usage.inFlight = Math.max(0, usage.inFlight - 1);
    usage.executions.push({ endedAt: now, durationMs: Math.max(0, now - startedAt) });
  }

  /** The recommended degree of parallelism for `x-ms-dop-hint`. */
  dopHint(): number {
    return this.limits.dopHint;
  }

  /**
   * The headers a response carries while limits are on: `x-ms-dop-hint`, and what is left of the
   * user's window, "the remaining number of requests" and "the remaining combined duration".
   * Microsoft does not document the duration's unit or format; the emulator sends seconds with
   * two decimals (see extensions/README.md).
   * https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#http-response-headers
   */
  responseHeaders(userId: string, now: number): Record<string, string> {
    const usage = this.usage(userId, now);
    const { maxRequests, maxExecutionTimeMs } = this.limits;
    const headers: Record<string, string> = { [RateLimitHeaders.dopHint]: String(this.limits.dopHint) };
    if (maxRequests > 0)
      headers[RateLimitHeaders.burstRemaining] = String(Math.max(0, maxRequests - usage.requests.length));
    if (maxExecutionTimeMs > 0)
      headers[RateLimitHeaders.timeRemaining] = (
        Math.max(0, maxExecutionTimeMs - usedMs(usage)) / 1000
      ).toFixed(2);
    return headers;
  }

  private usage(userId: string, now: number): UserUsage {
    let usage = this.users.get(userId);
    if (!usage) {
      usage = { requests: [], executions: [], inFlight: 0 };
      this.users.set(userId, usage);
    }
    const from = now - this.limits.windowMs;
    while (usage.requests.length > 0 && usage.requests[0] <= from) usage.requests.shift();
    while (usage.executions.length > 0 && usage.executions[0].endedAt <= from) usage.executions.shift();
    return usage;
  }

  /** End time of the execution whose expiry brings the total back under the limit. */
  private executionFreedAt(usage: UserUsage, excessMs: number): number {
    let freed = 0;
    for (const execution of usage.executions) {
      freed += execution.durationMs;
      if (freed > excessMs) return execution.endedAt;
    }
    return usage.executions[usage.executions.length - 1].endedAt;
  }
}

function usedMs(usage: UserUsage): number {
  return usage.executions.reduce((sum, e) => sum + e.durationMs, 0);
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** Builds the gate from `EmulatorOptions.limits`: `true` = defaults, an object = overrides, else none. */
export function createLimitsGate(
  limits: boolean | Partial<LimitsOptions> | undefined,
): RequestGate | undefined {
  if (!limits) return undefined;
  return new ServiceProtectionGate(limits === true ? {} : limits);
}
