/**
 * The shape of one pipeline step and how the steps are installed on an axios instance.
 */
import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/** One concern of the HTTP pipeline (user-agent, auth, throttle, retry, logging). */
export interface PipelineStep {
  /** Shown in diagnostics; names the file the step lives in. */
  name: string;
  /** Runs on the way out, in pipeline order. */
  request?: (
    config: InternalAxiosRequestConfig,
  ) => InternalAxiosRequestConfig | Promise<InternalAxiosRequestConfig>;
  /** Runs on a 2xx response, in pipeline order. */
  response?: (response: AxiosResponse) => AxiosResponse | Promise<AxiosResponse>;
  /** Runs on a failure, in pipeline order; rethrows or recovers with a response. */
  error?: (error: unknown) => Promise<AxiosResponse>;
}

/**
 * Installs the steps so that both the request and the response side run them in the order given.
 * axios runs request interceptors last-registered-first, so those are registered in reverse.
 * The response side runs in the same order, which lets the throttle free its slot before the retry
 * step waits and resends (a resend queues like any new request instead of holding a slot while asleep).
 */
export function installPipeline(instance: AxiosInstance, steps: readonly PipelineStep[]): void {
  for (const step of [...steps].reverse()) {
    if (step.request) instance.interceptors.request.use(step.request);
  }
  for (const step of steps) {
    if (step.response || step.error) instance.interceptors.response.use(step.response, step.error);
  }
}
