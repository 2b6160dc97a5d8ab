/**
 * Pacing on the service-protection headers. Every Dataverse response says what is left of the
 * caller's sliding window: `x-ms-ratelimit-burst-remaining-xrm-requests` ("the remaining number of
 * requests") and `x-ms-ratelimit-time-remaining-xrm-requests` ("the remaining combined duration").
 * The pacer keeps the send time of each attempt still inside the window, works out the limit the
 * server counts against (remaining + own sends in the window at that request's send), and holds an
 * attempt back until enough earlier sends have left the window, so a bulk job spends the budget
 * evenly instead of running into 429s. Microsoft calls the headers a debugging aid ("You should not
 * depend on these values to control how many requests you send"), so the 429 + Retry-After
 * handling of the retry policy stays the backstop; until a response carries the headers nothing
 * is held back.
 * https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#http-response-headers
 */
import { ConfigurationError } from '../../errors';

/** The service-protection response headers. */
export const RateLimitHeaders = {
  /** The requests left in the caller's window on this web server. */
  burstRemaining: 'x-ms-ratelimit-burst-remaining-xrm-requests',
  /** The combined execution time left in the window (format undocumented; read as seconds). */
  timeRemaining: 'x-ms-ratelimit-time-remaining-xrm-requests',
  /** The recommended degree of parallelism. */
  dopHint: 'x-ms-dop-hint',
} as const;

/** Dataverse's sliding window for service protection: 5 minutes. */
export const DEFAULT_RATE_WINDOW_MS = 5 * 60 * 1000;

/** Settings of a {@link RequestPacer}. */
export interface PacerOptions {
  /** Length of the server's sliding window; default 5 minutes, as Dataverse documents. */
  windowMs?: number;
  /**
   * Extra wait after an earlier send leaves the window: the server counts a request from when it
   * arrives, a little after it was sent. Default 20 ms.
   */
  guardMs?: number;
}

/** A number from a header value (`"5999"`, `"1,199.88"`), or undefined. */
export function headerNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replace(/,/g, '').trim());
  return value.trim() !== '' && Number.isFinite(number) ? number : undefined;
}

/** One attempt as the pacer tracks it. */
export interface PacedSend {
  /** When the attempt may go (and is taken to have gone). */
  readonly at: number;
  /** When its response arrived; the server counted it between `at` and this. */
  doneAt?: number;
}

/** Spaces sends so the burst budget the server reports lasts the window. */
export class RequestPacer {
  private readonly windowMs: number;
  private readonly guardMs: number;
  /** Attempts whose count may still be inside the server's window, by send time. */
  private readonly sends: PacedSend[] = [];
  private limit?: number;
  private readonly estimates: number[] = [];
  private timeExhausted = false;
  /** Mean latency (send to response) of recent responses, for attempts still out. */
  private latencyMs = 0;

  constructor(options: PacerOptions = {}) {
    if (options.windowMs !== undefined && !(options.windowMs > 0)) {
      throw new ConfigurationError(
        `rateLimitWindowMs must be a number of milliseconds above 0, got ${options.windowMs}; leave it out for Dataverse's 5 minutes.`,
      );
    }
    this.windowMs = options.windowMs ?? DEFAULT_RATE_WINDOW_MS;
    this.guardMs = options.guardMs ?? 20;
  }

  /** The limit worked out from the last response that carried the headers, if any. */
  get estimatedLimit(): number | undefined {
    return this.limit;
  }

  /** Reserves a send for one attempt at or after `now`, recorded at once so concurrent callers queue. */
  reserve(now: number): PacedSend {
    this.prune(now);
    let at = now;
    const limit = this.limit;
    if (limit !== undefined && this.sends.length >= limit) {
      // The server counted each attempt on arrival, before its response came back: the moment the
      // count that must leave the window first for this one to fit has surely left it.
      const leaves = this.leaveTimes();
      at = Math.max(now, leaves[this.sends.length - limit]);
    } else if (this.timeExhausted && this.sends.length > 0) {
      at = Math.max(now, this.leaveTimes()[0]);
    }
    const send: PacedSend = { at };
    this.sends.push(send);
    this.sends.sort((a, b) => a.at - b.at);
    return send;
  }

  /** Reads the headers of the response to `send`, received at `now`. */
  observe(send: PacedSend, headers: Readonly<Record<string, string>>, now: number): void {
    send.doneAt = Math.max(send.at, now);
    this.latencyMs = 0.8 * this.latencyMs + 0.2 * (send.doneAt - send.at);
    const remaining = headerNumber(headers[RateLimitHeaders.burstRemaining]);
    if (remaining !== undefined && remaining >= 0) {
      // The server reported what was left when it answered: its count then held every own send up
      // to this one that had not left the window by the answer. Sends that may have reached it
      // after this one are left out, so an estimate errs low (a little slower), never high (a 429).
      const from = send.doneAt - this.windowMs;
      const counted = this.sends.filter((s) => s.at <= send.at && s.at > from).length;
      // A send that reached the server after this one over another connection still makes a single
      // estimate one too high now and then; the lowest of the recent ones does not. Erring low costs
      // one send's spacing per window, erring high a 429 and its Retry-After.
      this.estimates.push(Math.max(1, Math.floor(remaining) + counted));
      if (this.estimates.length > 9) this.estimates.shift();
      this.limit = Math.min(...this.estimates);
    }
    const time = headerNumber(headers[RateLimitHeaders.timeRemaining]);
    if (time !== undefined) this.timeExhausted = time <= 0;
  }

  /** Forgets `send`: the server refused it (429) without counting it. */
  cancel(send: PacedSend): void {
    const i = this.sends.indexOf(send);
    if (i >= 0) this.sends.splice(i, 1);
  }

  // When each tracked count leaves the server's window, ascending.
  private leaveTimes(): number[] {
    return this.sends
      .map((s) => (s.doneAt ?? s.at + this.latencyMs) + this.windowMs + this.guardMs)
      .sort((a, b) => a - b);
  }

  private prune(now: number): void {
    // A count surely left the window once its response is a window old.
    for (let i = this.sends.length - 1; i >= 0; i--) {
      const s = this.sends[i];
      if ((s.doneAt ?? Infinity) <= now - this.windowMs) this.sends.splice(i, 1);
    }
  }
}
