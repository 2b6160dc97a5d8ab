/**
 * Public types of the Dataverse Web API client. Every other part of the product codes against
 * these shapes; change them only together with their callers.
 */
import type { ODataExpand } from './query/expand';

export type { ListQuery } from './query/list-query';

/** A row as the Web API returns it: logical column names, `_x_value` lookups, `@odata.*` annotations. */
export type WebApiRecord = Record<string, unknown>;

/** Options of {@link TokenCredential.getToken}. */
export interface GetTokenOptions {
  /** Cancels the token request. */
  signal?: AbortSignal;
  /**
   * The server refused the cached token (401): drop it and get a new one past every cache.
   * A credential that cannot get a new token (a fixed token) may ignore it; the client then
   * sees the same token come back and does not resend the request.
   */
  forceRefresh?: boolean;
}

/** Anything that can hand out a bearer token for a set of scopes. */
export interface TokenCredential {
  /** Returns a token valid for the scopes; implementations cache and refresh before expiry. */
  getToken(scopes: string[], options?: GetTokenOptions): Promise<AccessToken>;
}

/** A bearer token and when it stops being valid (epoch milliseconds). */
export interface AccessToken {
  /** The bearer token. */
  token: string;
  /** When it expires, epoch milliseconds. */
  expiresOnTimestamp: number;
}

/** What happened on a retry, for logging. */
export interface RetryEvent {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** HTTP method. */
  method: string;
  /** Request URL (redacted). */
  url: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Dataverse error code or network error code. */
  code?: string;
  /** Why: 429, 503, 502/504, or no response. */
  reason: 'throttled' | 'unavailable' | 'gateway' | 'connection';
}

/** A minimal logger; messages are already redacted. */
export interface ClientLogger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
}

/** Options for {@link DataverseClient}'s constructor. */
export interface DataverseClientOptions {
  /** Environment URL, e.g. `https://org.crm.dynamics.com`; plain http only to loopback (`http://127.0.0.1:5170`). */
  url: string;
  /** Where bearer tokens come from (scope `<url>/.default`). */
  credential: TokenCredential;
  /** Web API version; default `9.2`. */
  apiVersion?: string;
  /** Total attempts for a retryable request, first included; default 5. */
  maxAttempts?: number;
  /** First backoff step in ms; default 500. */
  retryBaseDelayMs?: number;
  /** Cap for one backoff wait in ms; default 30000. */
  retryMaxDelayMs?: number;
  /** Requests in flight at once before `x-ms-dop-hint` is known; default 4. Adapts to the hint. */
  maxConcurrency?: number;
  /**
   * Length of the server's service-protection window in ms, for pacing on the
   * `x-ms-ratelimit-*` headers; default 300000 (Dataverse's 5 minutes). Set it only for a server
   * with another window (an emulator started with `limits: { windowMs }`).
   */
  rateLimitWindowMs?: number;
  /** Pace requests on the `x-ms-ratelimit-*` headers; default true (429s are retried either way). */
  pacing?: boolean;
  /** Default per-request timeout in ms; default 120000. */
  timeoutMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Called before each retry wait. */
  onRetry?: (event: RetryEvent) => void;
  /** Receives redacted request, response and retry messages. */
  logger?: ClientLogger;
  /** Injected for tests: how to wait (default setTimeout honouring the signal). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests: the clock (default Date.now). */
  now?: () => number;
  /** Injected for tests: jitter source in [0,1) (default Math.random). */
  random?: () => number;
}

/** Per-call options accepted by every operation. They override the client defaults. */
export interface RequestOptions {
  /** Cancels the call (and any retry wait). */
  signal?: AbortSignal;
  /** Timeout of each attempt in ms; default the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Extra headers; they win over the client's and the operation's own. */
  headers?: Record<string, string>;
  /** Entra object id of the user to act as (`CallerObjectId`). */
  impersonate?: string;
  /** Skip custom sync/async logic (`MSCRM.BypassBusinessLogicExecution: CustomSync,CustomAsync`). */
  bypassCustomLogic?: boolean;
}

/** Options of `DataverseClient.create`. */
export interface CreateOptions extends RequestOptions {
  /** Return the created row (`Prefer: return=representation`, 201) instead of only its id. */
  returnRepresentation?: boolean;
  /** `$select` for the returned representation. */
  select?: readonly string[];
  /**
   * Client-chosen primary key. Makes the create safe to retry: a replay that hits
   * 0x80040237 (duplicate) after a lost response is reported as success.
   */
  id?: string;
}

/** Options of `DataverseClient.retrieve`. */
export interface RetrieveOptions extends RequestOptions {
  /** Columns to return (`$select`). */
  select?: readonly string[];
  /** Related rows to include (`$expand`): text, or an object with nested options. */
  expand?: ODataExpand;
  /** Ask for formatted values and lookup names (`odata.include-annotations="*"`). */
  annotations?: boolean;
}

/** Options of `DataverseClient.update`. */
export interface UpdateOptions extends RequestOptions {
  /** An etag (from `@odata.etag`) or `*`. With an etag, a changed row fails with ConcurrencyError. */
  ifMatch?: string;
  /** Return the updated row (`Prefer: return=representation`). */
  returnRepresentation?: boolean;
  /** `$select` for the returned row. */
  select?: readonly string[];
}

/** Options of `DataverseClient.upsert`. */
export interface UpsertOptions extends RequestOptions {
  /** `If-None-Match: *` — only create, never update. */
  createOnly?: boolean;
  /** Sends `Prefer: return=representation` (the result is not returned by `upsert`). */
  returnRepresentation?: boolean;
}

/** Options of `DataverseClient.delete`. */
export interface DeleteOptions extends RequestOptions {
  /** Delete only if the row still has this etag (ConcurrencyError otherwise). */
  ifMatch?: string;
}

/** Options of `DataverseClient.list`. */
export interface ListOptions extends RequestOptions {
  /**
   * `Prefer: odata.maxpagesize`; default 5000 (the Web API's maximum). Not sent for a query with
   * `top` (Dataverse would ignore the `$top`), and refused together with one.
   */
  pageSize?: number;
  /** Ask for formatted values and lookup names (`odata.include-annotations="*"`). */
  annotations?: boolean;
}

/** One page of a list: its rows and the link to the next one. */
export interface Page<T> {
  /** The page's rows. */
  value: T[];
  /** The exact `@odata.nextLink`; absent on the last page. */
  nextLink?: string;
  /** `@odata.count`, when `$count=true` was asked for. */
  count?: number;
}

/** `for await (const row of client.list(...))`, or page by page with `byPage()`. */
export interface PagedAsyncIterable<T> extends AsyncIterable<T> {
  /** The same rows, one page at a time. */
  byPage(): AsyncIterable<Page<T>>;
}

/** A function or action bound to a record or a collection. */
export interface BoundTo {
  /** Entity set name, e.g. `workflows`. */
  entitySet: string;
  /** Omit for a collection-bound operation. */
  id?: string;
}

/** Options of `callAction` / `callFunction`. */
export interface OperationOptions extends RequestOptions {
  /** The record or collection the operation is bound to; omit for an unbound one. */
  boundTo?: BoundTo;
}

/** One request inside a `$batch`. */
export interface BatchRequest {
  /** HTTP method; GET is not allowed inside a change set. */
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the Web API root (`contacts(…)`), or `$1` (a Content-ID reference) + path. */
  url: string;
  /** JSON body. */
  body?: unknown;
  /** Headers of this request inside the batch. */
  headers?: Record<string, string>;
  /** Content-ID inside a change set, referable as `$<contentId>` by later requests of the set. */
  contentId?: string;
}

/** A list of requests that succeed or fail together. */
export interface ChangeSet {
  /** The requests, applied in one transaction. */
  changeSet: BatchRequest[];
}

/** One item of `batch()`: a request, or a change set of requests. */
export type BatchItem = BatchRequest | ChangeSet;

/** Options of `DataverseClient.batch`. */
export interface BatchOptions extends RequestOptions {
  /** `Prefer: odata.continue-on-error`. */
  continueOnError?: boolean;
}

/**
 * What became of one request of a batch: it succeeded; it failed itself (its own status ≥ 400); it
 * was rolled back because another request of its change set failed; or it was never run because
 * the batch stopped at an earlier failure (no `continueOnError`).
 */
export type BatchOutcome = 'succeeded' | 'failed' | 'rolled-back' | 'not-run';

/** The outcome of one request of a batch, in the order given. */
export interface BatchResponse {
  /** HTTP status of this request; 0 when it was rolled back or not run. */
  status: number;
  /** What became of the request; only `failed` carries the server's own error for it. */
  outcome: BatchOutcome;
  /** Its response headers, lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON body, if any. */
  body?: unknown;
  /** Content-ID of a change set request (the one it was sent with). */
  contentId?: string;
  /**
   * Set unless the request succeeded: for `failed`, the DataverseError subclass of its own response
   * (a 412 is a ConcurrencyError); for `rolled-back`, an error whose `cause` is the failure that
   * rolled the change set back; for `not-run`, an error saying the batch stopped.
   */
  error?: Error;
  /** Id from `OData-EntityId`, for creates. */
  entityId?: string;
}

/** `WhoAmI` result. */
export interface WhoAmIResponse {
  /** systemuserid of the caller. */
  UserId: string;
  /** The caller's business unit. */
  BusinessUnitId: string;
  /** The organization (environment) id. */
  OrganizationId: string;
}
