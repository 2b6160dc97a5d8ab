/**
 * Pipeline step 2: attach a bearer token from the {@link TokenCredential}. The credential caches and
 * refreshes; this step asks it on every attempt so a retry after a long wait gets a fresh token.
 */
import type { AccessToken, TokenCredential } from '../types';
import type { PipelineStep } from './step';

/** The scope Dataverse expects for an environment: `<url>/.default`. */
export function scopeFor(url: string): string {
  return `${url.replace(/\/+$/, '')}/.default`;
}

/** Reuse a token without asking the credential while it has at least this long to live. */
const REUSE_MARGIN_MS = 2 * 60_000;

/** Sets `Authorization: Bearer <token>` for the environment's scope. */
export function authStep(
  credential: TokenCredential,
  scope: string,
  now: () => number = Date.now,
): PipelineStep {
  let last: AccessToken | undefined;
  return {
    name: 'auth',
    request: (config) => {
      // Skipping the credential's promise for a token that is still fresh keeps per-request cost low;
      // the credential itself refreshes earlier than this margin, so a fresh token is never missed for long.
      if (last && last.expiresOnTimestamp - REUSE_MARGIN_MS > now()) {
        config.headers.set('Authorization', `Bearer ${last.token}`);
        return config;
      }
      return credential
        .getToken([scope], { signal: config.signal as AbortSignal | undefined })
        .then((token) => {
          last = token;
          config.headers.set('Authorization', `Bearer ${token.token}`);
          return config;
        });
    },
  };
}
