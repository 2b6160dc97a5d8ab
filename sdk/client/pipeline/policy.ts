/**
 * The HTTP pipeline: a list of policies, each `sendRequest(request, next)`, that a request passes in
 * order before the transport makes one HTTP attempt. A policy may change the request it hands on,
 * look at the response it gets back, or call `next` again (a retry, a replay with a new token): a
 * second call goes through the policies after it only, so each of those sees every attempt once.
 * Requests are never mutated; a policy hands on a copy.
 */
import { mergeHeaders } from '../headers';

/** HTTP methods of the Web API. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One HTTP attempt as the policies see it. */
export interface PipelineRequest {
  readonly method: HttpMethod;
  /** Absolute URL, query string percent-encoded. */
  readonly url: string;
  /** Request headers; look names up with `headerValue` (case does not matter). */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON-serialisable body, or a string sent as is. */
  readonly body?: unknown;
  /** How the response body is read: parsed JSON, or text (a `$batch`). */
  readonly responseType: 'json' | 'text';
  /** Time allowed for this attempt. */
  readonly timeoutMs: number;
  /** The caller's cancellation. */
  readonly signal?: AbortSignal;
  /** Sending it again cannot apply it twice, even when an attempt's fate is unknown. */
  readonly idempotent: boolean;
  /** 1 for the first attempt; each resend (retry, replay after a 401) counts one more. */
  readonly attempt: number;
  /**
   * Runs `wait` (a retry's backoff) without holding what the policies before hold for this request:
   * the throttle frees its concurrency slot for the wait and takes one again after. Absent without
   * a throttle. `failed` is the response the retry waits after, if one arrived (a 429 was refused
   * before it ran, so it did not count against the caller's limits).
   */
  readonly pause?: (wait: () => Promise<void>, failed?: PipelineResponse) => Promise<void>;
}

/** What came back from one attempt: any HTTP status (a 4xx or 5xx is a response, not an error). */
export interface PipelineResponse {
  readonly status: number;
  /** Response headers with lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, text, or `''` for an empty body. */
  readonly data: unknown;
  /** The attempt this answers, as it was sent. */
  readonly request: PipelineRequest;
  /** What to do about a failure, when a policy knows better than the status (auth after a refused refresh). */
  readonly advice?: string;
}

/** Sends a request through the rest of the pipeline; rejects only when no response arrived. */
export type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;

/** One concern of the pipeline (user-agent, auth, throttle, retry, logging), one per file. */
export interface PipelinePolicy {
  /** Shown in diagnostics; names the file the policy lives in. */
  readonly name: string;
  /** Handles the request, calling `next` for the policies after it and the transport. */
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}

/** Chains the policies in the order given in front of `transport` (one HTTP attempt per call). */
export function composePipeline(policies: readonly PipelinePolicy[], transport: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>(
    (next, policy) => (request) => policy.sendRequest(request, next),
    transport,
  );
}

/** A copy of the request with one header set (replacing any spelling of the same name). */
export function withHeader(request: PipelineRequest, name: string, value: string): PipelineRequest {
  return { ...request, headers: mergeHeaders(request.headers, { [name]: value }) };
}
