/**
 * Pipeline step 4: resend requests that failed for a transient reason — 429 (honouring Retry-After),
 * 503, 502/504 and lost connections — up to `maxAttempts`. A request the server may already have run
 * (fate unknown) is resent only when repeating it is safe; see {@link isSafeToRepeat}.
 */
import { CanceledError, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type { ClientLogger, RetryEvent } from '../types';
import { stateOf } from '../request-state';
import { redactText } from '../redact';
import { backoffDelay, classifyFailure, isSafeToRepeat } from './retry-policy';
import type { PipelineStep } from './step';

/** Settings of the retry step. */
export interface RetryStepOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  onRetry?: (event: RetryEvent) => void;
  logger?: ClientLogger;
  /** Sends the request again through the whole pipeline (so auth and throttle run again). */
  resend: (config: AxiosRequestConfig) => Promise<AxiosResponse>;
}

/** Creates the retry step. */
export function retryStep(options: RetryStepOptions): PipelineStep {
  return {
    name: 'retry',
    error: async (error) => {
      const decision = classifyFailure(error, options.now());
      const config = (error as { config?: AxiosRequestConfig }).config;
      if (!decision || !config) throw error;
      const state = stateOf(config);
      if (state.attempt >= options.maxAttempts) throw error;
      if (!decision.notExecuted && !isSafeToRepeat(config)) throw error;
      const delayMs =
        decision.retryAfterMs ??
        backoffDelay(state.attempt, {
          baseDelayMs: options.baseDelayMs,
          maxDelayMs: options.maxDelayMs,
          random: options.random,
        });
      const event: RetryEvent = {
        attempt: state.attempt,
        delayMs,
        method: (config.method ?? 'get').toUpperCase(),
        url: redactText(
          `${config.baseURL && !/^https?:/i.test(config.url ?? '') ? config.baseURL : ''}${config.url ?? ''}`,
        ),
        status: decision.status,
        code: decision.code,
        reason: decision.reason,
      };
      options.onRetry?.(event);
      options.logger?.warn?.(`Retrying ${event.method} ${event.url} in ${delayMs} ms (${event.reason})`, {
        ...event,
      });
      const signal = config.signal as AbortSignal | undefined;
      try {
        await options.sleep(delayMs, signal);
      } catch {
        throw new CanceledError(undefined, config as never);
      }
      if (signal?.aborted) throw new CanceledError(undefined, config as never);
      return options.resend({
        ...config,
        dataverse: { ...state, attempt: state.attempt + 1, release: undefined },
      });
    },
  };
}
