/**
 * Policy 5 (last before the transport): log each attempt as it goes out and as it comes back. It
 * sits after the retry and auth resends, so every attempt passes it exactly once. Everything
 * passes through redact(); the logger never sees a token.
 */
import { readableUrl } from '../error-factory';
import { redact, redactText } from '../redact';
import type { ClientLogger } from '../types';
import type { PipelinePolicy, PipelineRequest } from './policy';

function describe(request: PipelineRequest): string {
  return `${request.method} ${redactText(readableUrl(request.url))}`;
}

/** Creates the logging policy; without a logger it hands requests straight on. */
export function loggingPolicy(logger: ClientLogger | undefined, now: () => number): PipelinePolicy {
  if (!logger) return { name: 'logging', sendRequest: (request, next) => next(request) };
  return {
    name: 'logging',
    async sendRequest(request, next) {
      const started = now();
      logger.debug?.(`→ ${describe(request)}`, {
        attempt: request.attempt,
        headers: redact(request.headers) as Record<string, unknown>,
      });
      try {
        const response = await next(request);
        const line = `← ${response.status} ${describe(request)} in ${now() - started} ms`;
        if (response.status < 400) logger.debug?.(line);
        else {
          logger.warn?.(line, {
            attempt: request.attempt,
            requestId: response.headers['x-ms-service-request-id'],
          });
        }
        return response;
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        logger.warn?.(`← ${typeof code === 'string' ? code : 'no response'} ${describe(request)}`, {
          attempt: request.attempt,
        });
        throw error;
      }
    },
  };
}
