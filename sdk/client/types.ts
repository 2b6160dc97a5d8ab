/**
 * Public types of the Dataverse Web API client. Every other part of the product codes against
 * these shapes; change them only together with their callers.
 */

/** A row as the Web API returns it: logical column names, `_x_value` lookups, `@odata.*` annotations. */
export type WebApiRecord = Record<string, unknown>;

/** Anything that can hand out a bearer token for a set of scopes. */
export interface TokenCredential {
  /** Returns a token valid for the scopes; implementations cache and refresh before expiry. */
  getToken(scopes: string[], options?: { signal?: AbortSignal }): Promise<AccessToken>;
}

/** A bearer token and when it stops being valid (epoch milliseconds). */
export interface AccessToken {
  token: string;
  expiresOnTimestamp: number;
}

/** What happened on a retry, for logging. */
export interface RetryEvent {
  attempt: number;
  delayMs: number;
  method: string;
  url: string;
  status?: number;
  code?: string;
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
  /** Environment URL, e.g. `https://org.crm.dynamics.com` or `http://127.0.0.1:5170`. */
  url: string;
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
  /** Default per-request timeout in ms; default 120000. */
  timeoutMs?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Called before each retry wait. */
  onRetry?: (event: RetryEvent) => void;
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
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Entra object id of the user to act as (`CallerObjectId`). */
  impersonate?: string;
  /** Skip custom sync/async logic (`MSCRM.BypassBusinessLogicExecution: CustomSync,CustomAsync`). */
  bypassCustomLogic?: boolean;
}

/** An odata-query `QueryOptions`-compatible query (select, filter, orderBy, top, expand, count). */
export interface ListQuery {
  select?: string[];
  filter?: unknown;
  orderBy?: string | string[];
  top?: number;
  expand?: unknown;
  /** Raw OData query string appended as is, for what odata-query cannot express. */
  raw?: string;
}

export interface CreateOptions extends RequestOptions {
  /** Return the created row (`Prefer: return=representation`, 201) instead of only its id. */
  returnRepresentation?: boolean;
  /** `$select` for the returned representation. */
  select?: string[];
  /**
   * Client-chosen primary key. Makes the create safe to retry: a replay that hits
   * 0x80040237 (duplicate) after a lost response is reported as success.
   */
  id?: string;
}

export interface RetrieveOptions extends RequestOptions {
  select?: string[];
  expand?: unknown;
  /** Ask for formatted values and lookup names (`odata.include-annotations="*"`). */
  annotations?: boolean;
}

export interface UpdateOptions extends RequestOptions {
  /** An etag (from `@odata.etag`) or `*`. With an etag, a changed row fails with ConcurrencyError. */
  ifMatch?: string;
  returnRepresentation?: boolean;
  select?: string[];
}

export interface UpsertOptions extends RequestOptions {
  /** `If-None-Match: *` — only create, never update. */
  createOnly?: boolean;
  returnRepresentation?: boolean;
}

export interface DeleteOptions extends RequestOptions {
  ifMatch?: string;
}

export interface ListOptions extends RequestOptions {
  /** `Prefer: odata.maxpagesize`; default 5000 (the Web API's maximum). */
  pageSize?: number;
  annotations?: boolean;
}

/** One page of a list: its rows and the link to the next one. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
  count?: number;
}

/** `for await (const row of client.list(...))`, or page by page with `byPage()`. */
export interface PagedAsyncIterable<T> extends AsyncIterable<T> {
  byPage(): AsyncIterable<Page<T>>;
}

/** A function or action bound to a record or a collection. */
export interface BoundTo {
  entitySet: string;
  /** Omit for a collection-bound operation. */
  id?: string;
}

export interface OperationOptions extends RequestOptions {
  boundTo?: BoundTo;
}

/** One request inside a `$batch`. */
export interface BatchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the Web API root (`contacts(…)`), or `$1` (a Content-ID reference) + path. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Content-ID inside a change set, referable as `$<contentId>` by later requests of the set. */
  contentId?: string;
}

/** A list of requests that succeed or fail together. */
export interface ChangeSet {
  changeSet: BatchRequest[];
}

export type BatchItem = BatchRequest | ChangeSet;

export interface BatchOptions extends RequestOptions {
  /** `Prefer: odata.continue-on-error`. */
  continueOnError?: boolean;
}

/** The outcome of one request of a batch, in the order given. */
export interface BatchResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  contentId?: string;
  /** Set when the request failed (status ≥ 400) or was not run because its change set failed. */
  error?: Error;
  /** Id from `OData-EntityId`, for creates. */
  entityId?: string;
}

/** `WhoAmI` result. */
export interface WhoAmIResponse {
  UserId: string;
  BusinessUnitId: string;
  OrganizationId: string;
}
