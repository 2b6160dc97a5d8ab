/**
 * Per-request bookkeeping that travels with an axios request config through the pipeline.
 */

/** State the pipeline keeps on each request (as `config.dataverse`). */
export interface RequestState {
  /** 1 for the first attempt, incremented before each retry. */
  attempt: number;
  /**
   * Set by the caller when repeating the request cannot apply it twice even if the first
   * attempt's fate is unknown (a client-chosen id on create, a `$batch` of GETs only).
   */
  idempotent?: boolean;
  /** Frees this attempt's concurrency slot; set by the throttle step, idempotent to call. */
  release?: () => void;
  /** When this attempt started (the injected clock), for logging. */
  startedAt?: number;
  /** Set on the one replay after a 401 with a newly fetched token; a second 401 is final. */
  tokenRenewed?: boolean;
  /**
   * Why a 401 was not recovered from, for the error message: the new token was refused too, or the
   * credential handed back the refused token (it cannot refresh).
   */
  authFailure?: 'refused-again' | 'cannot-refresh';
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Dataverse pipeline state; see {@link RequestState}. */
    dataverse?: RequestState;
  }
}

/** The request's state, created on first use. */
export function stateOf(config: { dataverse?: RequestState }): RequestState {
  config.dataverse ??= { attempt: 1 };
  return config.dataverse;
}
