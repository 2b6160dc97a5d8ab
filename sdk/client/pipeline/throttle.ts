/**
 * Policy 3: keep at most N requests in flight, N starting at `maxConcurrency` and following the
 * server's recommended degree of parallelism (`x-ms-dop-hint`) once a response carries it. A slot
 * is held while an attempt is out, not while a retry waits: the request's `pause` hands it back for
 * the wait, so a resend queues like any new request.
 * https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#how-to-maximize-throughput
 */
import { abortedError } from '../error-factory';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import type { PipelinePolicy, PipelineRequest } from './policy';

/** Header carrying the recommended degree of parallelism. */
export const DOP_HINT_HEADER = 'x-ms-dop-hint';

/** Holds a limiter slot for each attempt of a request, and adapts the limit to the server's hint. */
export function throttlePolicy(limiter: ConcurrencyLimiter): PipelinePolicy {
  const slot = (request: PipelineRequest): Promise<() => void> | (() => void) =>
    limiter.tryAcquire() ?? limiter.acquire(request.signal, () => abortedError(request));
  return {
    name: 'throttle',
    async sendRequest(request, next) {
      let release = await slot(request);
      const pause = async (wait: () => Promise<void>): Promise<void> => {
        release();
        await wait();
        release = await slot(request);
      };
      try {
        const response = await next({ ...request, pause });
        const hint = Number(response.headers[DOP_HINT_HEADER]);
        if (Number.isInteger(hint) && hint > 0 && hint !== limiter.limit) limiter.setLimit(hint);
        return response;
      } finally {
        release();
      }
    },
  };
}
