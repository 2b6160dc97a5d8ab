/**
 * The only place HTTP happens: the pipeline in its fixed order (user-agent → auth → throttle →
 * retry → logging) in front of one axios attempt, and the conversion of a final failure to a
 * DataverseError. Internal: the client hands out none of it.
 */
import { errorFromPipelineResponse, abortedError } from './error-factory';
import { BASE_HEADERS, headerValue, mergeHeaders } from './headers';
import { authPolicy, scopeFor } from './pipeline/auth';
import { axiosTransport } from './pipeline/axios-transport';
import { ConcurrencyLimiter } from './pipeline/concurrency-limiter';
import { loggingPolicy } from './pipeline/logging';
import {
  composePipeline,
  type HttpMethod,
  type PipelinePolicy,
  type PipelineRequest,
  type SendRequest,
} from './pipeline/policy';
import { RequestPacer } from './pipeline/pacing';
import { retryPolicy } from './pipeline/retry';
import { throttlePolicy } from './pipeline/throttle';
import { userAgentPolicy } from './pipeline/user-agent';
import { defaultSleep } from './sleep';
import type { DataverseClientOptions, RequestOptions } from './types';

/** One Web API request, as an operation describes it. */
export interface WebRequest {
  method: HttpMethod;
  /** Relative to the Web API root, or absolute (a `@odata.nextLink`). */
  url: string;
  data?: unknown;
  headers?: Record<string, string>;
  options?: RequestOptions;
  /** Repeating the request cannot apply it twice (see the retry policy). */
  idempotent?: boolean;
  /** `text` for a `$batch` response; default `json`. */
  responseType?: 'json' | 'text';
  /**
   * Resolves with a response outside 2xx instead of rejecting when this says so (a failed `$batch`
   * answers 400 with a multipart body the batch reads part by part).
   */
  accept?: (response: { status: number; headers: Readonly<Record<string, string>> }) => boolean;
}

/** A 2xx response (or one the request's `accept` took). */
export interface WebResponse<T> {
  status: number;
  /** Response headers with lower-case names. */
  headers: Readonly<Record<string, string>>;
  data: T;
}

/** Sends Web API requests through the pipeline. */
export class Transport {
  /** The concurrency limiter the throttle policy uses. */
  readonly limiter: ConcurrencyLimiter;
  private readonly policies: PipelinePolicy[];
  private readonly network: SendRequest;
  private pipeline: SendRequest;
  private readonly headers: Record<string, string>;
  private readonly now: () => number;
  private readonly defaultTimeoutMs: number;

  constructor(
    private readonly apiUrl: string,
    options: DataverseClientOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.defaultTimeoutMs = options.timeoutMs ?? 120_000;
    this.headers = mergeHeaders(BASE_HEADERS, options.headers);
    this.limiter = new ConcurrencyLimiter(options.maxConcurrency ?? 4);
    this.policies = [
      userAgentPolicy(),
      authPolicy(options.credential, scopeFor(options.url), this.now),
      throttlePolicy(
        this.limiter,
        options.pacing === false
          ? undefined
          : {
              pacer: new RequestPacer({ windowMs: options.rateLimitWindowMs }),
              now: this.now,
              sleep: options.sleep ?? defaultSleep,
            },
      ),
      retryPolicy({
        maxAttempts: options.maxAttempts ?? 5,
        baseDelayMs: options.retryBaseDelayMs ?? 500,
        maxDelayMs: options.retryMaxDelayMs ?? 30_000,
        sleep: options.sleep ?? defaultSleep,
        now: this.now,
        random: options.random ?? Math.random,
        onRetry: options.onRetry,
        logger: options.logger,
      }),
      loggingPolicy(options.logger, this.now),
    ];
    this.network = axiosTransport();
    this.pipeline = composePipeline(this.policies, this.network);
  }

  /** Names of the policies, in the order a request passes them. */
  get policyNames(): readonly string[] {
    return this.policies.map((policy) => policy.name);
  }

  /**
   * Adds a policy right before the network, after logging (tests use it to see what is sent).
   * Internal: not part of the package's API.
   */
  use(policy: PipelinePolicy): void {
    this.policies.push(policy);
    this.pipeline = composePipeline(this.policies, this.network);
  }

  /** Sends the request; resolves with the 2xx response or rejects with a DataverseError subclass. */
  async send<T = unknown>(request: WebRequest): Promise<WebResponse<T>> {
    const headers = mergeHeaders(this.headers, request.headers);
    if (request.data !== undefined && headerValue(headers, 'Content-Type') === undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const pipelineRequest: PipelineRequest = {
      method: request.method,
      url: /^https?:\/\//i.test(request.url) ? request.url : `${this.apiUrl}${request.url}`,
      headers,
      body: request.data,
      responseType: request.responseType ?? 'json',
      timeoutMs: request.options?.timeoutMs ?? this.defaultTimeoutMs,
      signal: request.options?.signal,
      idempotent: request.idempotent ?? false,
      attempt: 1,
    };
    if (pipelineRequest.signal?.aborted) throw abortedError(pipelineRequest);
    const response = await this.pipeline(pipelineRequest);
    const ok = response.status >= 200 && response.status < 300;
    if (!ok && !request.accept?.(response)) {
      throw errorFromPipelineResponse(response, this.now());
    }
    return { status: response.status, headers: response.headers, data: response.data as T };
  }
}
