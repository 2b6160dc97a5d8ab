/**
 * The only place HTTP happens: an axios instance with the pipeline installed in its fixed order
 * (user-agent → auth → throttle → retry → logging), and conversion of failures to DataverseError.
 */
import axios, { type AxiosInstance, type AxiosResponse, type ResponseType } from 'axios';
import { errorFromAxios } from './error-factory';
import { BASE_HEADERS } from './headers';
import { authStep, scopeFor } from './pipeline/auth';
import { ConcurrencyLimiter } from './pipeline/concurrency-limiter';
import { loggingStep } from './pipeline/logging';
import { retryStep } from './pipeline/retry';
import { installPipeline, type PipelineStep } from './pipeline/step';
import { throttleStep } from './pipeline/throttle';
import { userAgentStep } from './pipeline/user-agent';
import { defaultSleep } from './sleep';
import type { DataverseClientOptions, RequestOptions } from './types';

/** One HTTP request to the Web API. */
export interface WebRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the Web API root, or absolute (a `@odata.nextLink`). */
  url: string;
  data?: unknown;
  headers?: Record<string, string>;
  options?: RequestOptions;
  /** Repeating the request cannot apply it twice (see the retry step). */
  idempotent?: boolean;
  responseType?: ResponseType;
}

/** Sends Web API requests through the pipeline. */
export class Transport {
  /** The axios instance; exposed for diagnostics and the benchmark. */
  readonly http: AxiosInstance;
  /** The concurrency limiter the throttle step uses. */
  readonly limiter: ConcurrencyLimiter;
  /** Names of the pipeline steps, in the order a request passes them. */
  readonly steps: readonly string[];
  private readonly now: () => number;
  private readonly defaultTimeoutMs: number;

  constructor(apiUrl: string, options: DataverseClientOptions) {
    this.now = options.now ?? Date.now;
    this.defaultTimeoutMs = options.timeoutMs ?? 120_000;
    this.limiter = new ConcurrencyLimiter(options.maxConcurrency ?? 4);
    this.http = axios.create({
      baseURL: apiUrl,
      headers: { ...BASE_HEADERS, ...options.headers },
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
      maxRedirects: 0,
    });
    const steps: PipelineStep[] = [
      userAgentStep(),
      authStep(options.credential, scopeFor(options.url), this.now, (config) => this.http.request(config)),
      throttleStep(this.limiter),
      retryStep({
        maxAttempts: options.maxAttempts ?? 5,
        baseDelayMs: options.retryBaseDelayMs ?? 500,
        maxDelayMs: options.retryMaxDelayMs ?? 30_000,
        sleep: options.sleep ?? defaultSleep,
        now: this.now,
        random: options.random ?? Math.random,
        onRetry: options.onRetry,
        logger: options.logger,
        resend: (config) => this.http.request(config),
      }),
      loggingStep(options.logger, this.now),
    ];
    installPipeline(this.http, steps);
    this.steps = steps.map((step) => step.name);
  }

  /** Sends the request; resolves with the 2xx response or rejects with a DataverseError subclass. */
  async send<T = unknown>(request: WebRequest): Promise<AxiosResponse<T>> {
    const headers = { ...request.headers };
    if (request.data !== undefined && !hasHeader(headers, 'Content-Type')) {
      headers['Content-Type'] = 'application/json';
    }
    try {
      return await this.http.request<T>({
        method: request.method,
        url: request.url,
        data: request.data,
        headers,
        signal: request.options?.signal,
        timeout: request.options?.timeoutMs ?? this.defaultTimeoutMs,
        responseType: request.responseType ?? 'json',
        dataverse: { attempt: 1, idempotent: request.idempotent },
      });
    } catch (error) {
      throw errorFromAxios(error, this.now());
    }
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}
