/**
 * Pipeline step 3: keep at most N requests in flight, N starting at `maxConcurrency` and following the
 * server's recommended degree of parallelism (`x-ms-dop-hint`) once a response carries it.
 * https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#how-to-maximize-throughput
 */
import { CanceledError, isAxiosError, type AxiosResponse } from 'axios';
import { stateOf } from '../request-state';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import type { PipelineStep } from './step';

/** Header carrying the recommended degree of parallelism. */
export const DOP_HINT_HEADER = 'x-ms-dop-hint';

/** Holds a limiter slot from sending until the response (or failure) comes back. */
export function throttleStep(limiter: ConcurrencyLimiter): PipelineStep {
  const adapt = (response: AxiosResponse | undefined): void => {
    const hint = Number(response?.headers?.[DOP_HINT_HEADER]);
    if (Number.isInteger(hint) && hint > 0 && hint !== limiter.limit) limiter.setLimit(hint);
  };
  return {
    name: 'throttle',
    request: async (config) => {
      const signal = config.signal as AbortSignal | undefined;
      stateOf(config).release = await limiter.acquire(signal, () => new CanceledError(undefined, config));
      return config;
    },
    response: (response) => {
      response.config.dataverse?.release?.();
      adapt(response);
      return response;
    },
    error: async (error) => {
      if (isAxiosError(error)) {
        error.config?.dataverse?.release?.();
        adapt(error.response);
      }
      throw error;
    },
  };
}
