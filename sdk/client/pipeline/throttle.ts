/**
 * Policy 3: keep at most N requests in flight, N starting at `maxConcurrency` and following the
 * server's recommended degree of parallelism (`x-ms-dop-hint`) once a response carries it; and pace
 * each attempt on the service-protection headers (see pacing.ts), so the burst budget the server
 * reports lasts its window. A slot is held while an attempt is out or waits for its pace, not
 * while a retry waits: the request's `pause` hands it back for the wait, so a resend queues (and
 * is paced) like any new request.
 * https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#how-to-maximize-throughput
 */
import { abortedError } from '../error-factory';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { RateLimitHeaders, type PacedSend, type RequestPacer } from './pacing';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from './policy';

/** Header carrying the recommended degree of parallelism. */
export const DOP_HINT_HEADER = RateLimitHeaders.dopHint;

/** What pacing needs besides the pacer: the clock and a way to wait. */
export interface ThrottlePacing {
  pacer: RequestPacer;
  now: () => number;
  /** Rejects when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Holds a limiter slot for each attempt of a request, paces it, and adapts to the server's hints. */
export function throttlePolicy(limiter: ConcurrencyLimiter, pacing?: ThrottlePacing): PipelinePolicy {
  const slot = (request: PipelineRequest): Promise<() => void> | (() => void) =>
    limiter.tryAcquire() ?? limiter.acquire(request.signal, () => abortedError(request));
  // Reserves the attempt's send time and waits for it.
  const pace = async (request: PipelineRequest): Promise<PacedSend | undefined> => {
    if (!pacing) return undefined;
    const now = pacing.now();
    const send = pacing.pacer.reserve(now);
    const at = send.at;
    if (at > now) {
      try {
        await pacing.sleep(at - now, request.signal);
      } catch {
        throw abortedError(request);
      }
      if (request.signal?.aborted) throw abortedError(request);
    }
    return send;
  };
  return {
    name: 'throttle',
    async sendRequest(request, next) {
      let release = await slot(request);
      let sent: PacedSend | undefined;
      const pause = async (wait: () => Promise<void>, failed?: PipelineResponse): Promise<void> => {
        if (pacing && sent && failed) {
          pacing.pacer.observe(sent, failed.headers, pacing.now());
          // A 429 was refused before it ran: the server did not count it, so neither does the pacer.
          if (failed.status === 429) pacing.pacer.cancel(sent);
        }
        release();
        await wait();
        release = await slot(request);
        sent = await pace(request);
      };
      try {
        sent = await pace(request);
        const response = await next({ ...request, pause });
        if (pacing && sent) pacing.pacer.observe(sent, response.headers, pacing.now());
        const hint = Number(response.headers[DOP_HINT_HEADER]);
        if (Number.isInteger(hint) && hint > 0 && hint !== limiter.limit) limiter.setLimit(hint);
        return response;
      } finally {
        // An attempt that got no response still counts until a window after it ended.
        if (pacing && sent && sent.doneAt === undefined) sent.doneAt = pacing.now();
        release();
      }
    },
  };
}
