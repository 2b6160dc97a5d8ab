/**
 * Pipeline step 5 (last before the network): log each attempt and each final outcome. Everything
 * passes through redact(); the logger never sees a token.
 */
import { isAxiosError, type AxiosResponse } from 'axios';
import type { ClientLogger } from '../types';
import { stateOf } from '../request-state';
import { redact, redactText } from '../redact';
import type { PipelineStep } from './step';

function describe(config: { method?: string; baseURL?: string; url?: string }): string {
  const url = config.url ?? '';
  const full = config.baseURL && !/^https?:/i.test(url) ? `${config.baseURL}${url}` : url;
  return `${(config.method ?? 'get').toUpperCase()} ${redactText(full)}`;
}

/** Creates the logging step; without a logger it installs no handlers (nothing to do, no cost). */
export function loggingStep(logger: ClientLogger | undefined, now: () => number): PipelineStep {
  if (!logger) return { name: 'logging' };
  // A retried request's outcome flows through this step twice (inner and outer chain); log it once.
  const seen = new WeakSet<object>();
  return {
    name: 'logging',
    request: (config) => {
      const state = stateOf(config);
      state.startedAt = now();
      logger.debug?.(`→ ${describe(config)}`, {
        attempt: state.attempt,
        headers: redact(config.headers) as Record<string, unknown>,
      });
      return config;
    },
    response: (response: AxiosResponse) => {
      if (!seen.has(response)) {
        seen.add(response);
        const started = response.config.dataverse?.startedAt ?? now();
        logger.debug?.(`← ${response.status} ${describe(response.config)} in ${now() - started} ms`);
      }
      return response;
    },
    error: async (error) => {
      if (isAxiosError(error) && error.config && !seen.has(error)) {
        seen.add(error);
        const status = error.response?.status ?? error.code ?? 'no response';
        logger.warn?.(`← ${status} ${describe(error.config)}`, {
          attempt: error.config.dataverse?.attempt,
          requestId: error.response?.headers?.['x-ms-service-request-id'],
        });
      }
      throw error;
    },
  };
}
