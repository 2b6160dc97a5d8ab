/**
 * Token caching shared by the msal-backed credentials: one cached token per scope set, refreshed
 * shortly before it expires, and one in-flight request shared by concurrent callers.
 */
import type { AccessToken } from '../types';

/** Fetches a fresh token for the scopes. */
export type TokenFetcher = (scopes: string[]) => Promise<AccessToken>;

/** Settings of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** Refresh this long before expiry; default 5 minutes. */
  refreshMarginMs?: number;
  /** The clock; default Date.now. */
  now?: () => number;
}

/** Caches tokens per scope set for one credential instance. */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly pending = new Map<string, Promise<AccessToken>>();
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(
    private readonly fetchToken: TokenFetcher,
    options: TokenCacheOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A cached token that is not about to expire, or a fresh one (fetched once for all callers). */
  async getToken(scopes: string[]): Promise<AccessToken> {
    const key = [...scopes].sort().join(' ');
    const cached = this.tokens.get(key);
    if (cached && cached.expiresOnTimestamp - this.refreshMarginMs > this.now()) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const request = this.fetchToken(scopes)
      .then((token) => {
        this.tokens.set(key, token);
        return token;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, request);
    return request;
  }
}
