import type { RequestGate } from '../contracts';
import { ErrorCodes } from '../../sdk/client/errors';

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
    if (maxConcurrent > 0 && usage.inFlight >= maxConcurrent) {
      return {
        retryAfterSeconds: 1,
        code: ErrorCodes.ThrottleConcurrency,
        message: `Number of concurrent requests exceeded the limit of ${maxConcurrent}. Wait for requests in flight to finish, then retry.`,
      };
    }
    if (maxRequests > 0 && usage.requests.length >= maxRequests) {
      const freedAt = usage.requests[usage.requests.length - maxRequests] + windowMs;
      return {
        retryAfterSeconds: secondsUntil(freedAt, now),
        code: ErrorCodes.ThrottleRequests,
        message: `Number of requests exceeded the limit of ${maxRequests} over time window of ${windowMs / 1000} seconds. Retry after the Retry-After interval.`,
      };
    }
    const used = usage.executions.reduce((sum, e) => sum + e.durationMs, 0);
    if (maxExecutionTimeMs > 0 && used >= maxExecutionTimeMs) {
      const freedAt = this.executionFreedAt(usage, used - maxExecutionTimeMs) + windowMs;
      return {
        retryAfterSeconds: secondsUntil(freedAt, now),
        code: ErrorCodes.ThrottleExecutionTime,
        message: `Combined execution time of incoming requests exceeded the limit of ${maxExecutionTimeMs / 1000} seconds over time window of ${windowMs / 1000} seconds. Retry after the Retry-After interval.`,
      };
    }
    usage.requests.push(now);
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
