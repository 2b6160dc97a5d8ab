/**
 * Policy 4: resend requests that failed for a transient reason — 429 (honouring Retry-After), 503,
 * 502/504 and lost connections — up to `maxAttempts`, through the policies after this one only
 * (logging and the transport), so each attempt is logged once. A request the server may already
 * have run (fate unknown) is resent only when repeating it is safe; see {@link isSafeToRepeat}.
 * The wait runs through the request's `pause`, so the throttle's slot is free meanwhile.
 */
import { abortedError } from '../error-factory';
import { redactText } from '../redact';
import type { ClientLogger, RetryEvent } from '../types';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from './policy';
import {
  backoffDelay,
  classifyError,
  classifyResponse,
  isSafeToRepeat,
  type RetryDecision,
} from './retry-rules';

/** Settings of the retry policy. */
export interface RetryPolicyOptions {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** First backoff step in ms. */
  baseDelayMs: number;
  /** Cap of one backoff step in ms. */
  maxDelayMs: number;
  /** How to wait; rejects when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, for `Retry-After` dates. */
  now: () => number;
  /** Jitter source in [0,1). */
  random: () => number;
  /** Told before each wait. */
  onRetry?: (event: RetryEvent) => void;
  /** Warned before each wait. */
  logger?: ClientLogger;
}

type Outcome = { response: PipelineResponse } | { error: unknown };

/** Creates the retry policy. */
export function retryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const send = async (
    request: PipelineRequest,
    next: (r: PipelineRequest) => Promise<PipelineResponse>,
  ): Promise<Outcome> => {
    try {
      return { response: await next(request) };
    } catch (error) {
      return { error };
    }
  };
  return {
    name: 'retry',
    async sendRequest(request, next) {
      let current = request;
      for (;;) {
        const outcome = await send(current, next);
        const decision =
          'response' in outcome
            ? classifyResponse(outcome.response, options.now())
            : classifyError(outcome.error, current);
        const again =
          decision !== undefined &&
          current.attempt < options.maxAttempts &&
          (decision.notExecuted || isSafeToRepeat(current));
        if (!again) {
          if ('response' in outcome) return outcome.response;
          throw outcome.error;
        }
        await wait(current, decision, options, 'response' in outcome ? outcome.response : undefined);
        current = { ...current, attempt: current.attempt + 1 };
      }
    },
  };
}

async function wait(
  request: PipelineRequest,
  decision: RetryDecision,
  options: RetryPolicyOptions,
  failed?: PipelineResponse,
): Promise<void> {
  const delayMs =
    decision.retryAfterMs ??
    backoffDelay(request.attempt, {
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      random: options.random,
    });
  const event: RetryEvent = {
    attempt: request.attempt,
    delayMs,
    method: request.method,
    url: redactText(request.url),
    status: decision.status,
    code: decision.code,
    reason: decision.reason,
  };
  options.onRetry?.(event);
  options.logger?.warn?.(`Retrying ${event.method} ${event.url} in ${delayMs} ms (${event.reason})`, {
    ...event,
  });
  const sleep = async (): Promise<void> => {
    try {
      await options.sleep(delayMs, request.signal);
    } catch {
      throw abortedError(request);
    }
    if (request.signal?.aborted) throw abortedError(request);
  };
  await (request.pause ? request.pause(sleep, failed) : sleep());
}
