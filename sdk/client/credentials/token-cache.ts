/**
 * Token caching shared by the msal-backed credentials: one cached token per scope set, refreshed
 * shortly before it expires, one in-flight request shared by concurrent callers, and a forced
 * refresh that drops a token the server refused.
 */
import type { AccessToken, GetTokenOptions } from '../types';

/** Fetches a fresh token for the scopes; `forceRefresh` must bypass any cache below (msal's own). */
export type TokenFetcher = (scopes: string[], options: { forceRefresh: boolean }) => Promise<AccessToken>;

/** Settings of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Refresh this long before expiry; default 5 minutes. */
  refreshMarginMs?: number;
  /** The clock; default Date.now. */
  now?: () => number;
}

/** A token request under way, and whether it bypasses every cache. */
interface PendingFetch {
  promise: Promise<AccessToken>;
  forced: boolean;
}

/** Caches tokens per scope set for one credential instance. */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly pending = new Map<string, PendingFetch>();
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(
    private readonly fetchToken: TokenFetcher,
    options: TokenCacheOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * A cached token that is not about to expire, or a fresh one (fetched once for all callers).
   * With `forceRefresh` the cached token is dropped and a new one is fetched past every cache;
   * concurrent forced callers share that one request.
   */
  async getToken(scopes: string[], options: GetTokenOptions = {}): Promise<AccessToken> {
    const key = [...scopes].sort().join(' ');
    const forceRefresh = options.forceRefresh === true;
    if (forceRefresh) {
      this.tokens.delete(key);
    } else {
      const cached = this.tokens.get(key);
      if (cached && cached.expiresOnTimestamp - this.refreshMarginMs > this.now()) return cached;
    }
    const inFlight = this.pending.get(key);
    // An ordinary refresh under way may still come back with the refused token from msal's cache.
    if (inFlight && (inFlight.forced || !forceRefresh)) return inFlight.promise;
    // Only the latest request may fill the cache, so a superseded ordinary refresh cannot
    // overwrite the token of a forced one.
    const isCurrent = (): boolean => this.pending.get(key)?.promise === promise;
    const promise: Promise<AccessToken> = this.fetchToken(scopes, { forceRefresh })
      .then((token) => {
        if (isCurrent()) this.tokens.set(key, token);
        return token;
      })
      .finally(() => {
        if (isCurrent()) this.pending.delete(key);
      });
    this.pending.set(key, { promise, forced: forceRefresh });
    return promise;
  }
}
