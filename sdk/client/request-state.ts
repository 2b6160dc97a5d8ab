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
