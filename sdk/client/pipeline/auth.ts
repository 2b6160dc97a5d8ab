/**
 * Pipeline step 2: attach a bearer token from the {@link TokenCredential}, and recover once from a
 * 401. The credential caches and refreshes; this step asks it on every attempt so a retry after a
 * long wait gets a fresh token. A 401 (token revoked, clock skew, a token cached from a replaced
 * secret) drops the refused token, fetches a new one past every cache and resends the request once.
 */
import { CanceledError, isAxiosError, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { stateOf, type RequestState } from '../request-state';
import type { AccessToken, TokenCredential } from '../types';
import type { PipelineStep } from './step';

/** The scope Dataverse expects for an environment: `<url>/.default`. */
export function scopeFor(url: string): string {
  return `${url.replace(/\/+$/, '')}/.default`;
}

/** Reuse a token without asking the credential while it has at least this long to live. */
const REUSE_MARGIN_MS = 2 * 60_000;

/** Sends a request again through the whole pipeline. */
export type Resend = (config: AxiosRequestConfig) => Promise<AxiosResponse>;

/** The bearer token a request carried, if any. */
function bearerOf(config: AxiosRequestConfig): string | undefined {
  const headers = config.headers as { get?: (name: string) => unknown } | Record<string, unknown> | undefined;
  const value =
    typeof headers?.get === 'function'
      ? headers.get('Authorization')
      : (headers as Record<string, unknown> | undefined)?.Authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : undefined;
}

/**
 * Sets `Authorization: Bearer <token>` for the environment's scope. With `resend`, a 401 is answered
 * by one replay with a newly fetched token; without it, a 401 fails at once.
 */
export function authStep(
  credential: TokenCredential,
  scope: string,
  now: () => number = Date.now,
  resend?: Resend,
): PipelineStep {
  let last: AccessToken | undefined;
  let renewing: Promise<AccessToken> | undefined;

  // Concurrent requests refused with the same token share one forced refresh, and a request refused
  // with a token that has already been replaced just uses the replacement.
  const renew = (refused: string): Promise<AccessToken> => {
    if (last && last.token !== refused) return Promise.resolve(last);
    last = undefined;
    renewing ??= credential
      .getToken([scope], { forceRefresh: true })
      .then((token) => {
        last = token;
        return token;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };

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
    error: async (error) => {
      if (!resend || !isAxiosError(error) || error.response?.status !== 401 || !error.config) throw error;
      const config = error.config;
      const refused = bearerOf(config);
      if (!refused) throw error;
      const state = stateOf(config);
      if (state.tokenRenewed) {
        state.authFailure = 'refused-again';
        throw error;
      }
      // The response side runs this step before the throttle step: free the slot now, or a replay
      // waiting for a slot while every slot waits on a replay would never finish.
      state.release?.();
      const token = await renew(refused);
      if (token.token === refused) {
        state.authFailure = 'cannot-refresh';
        throw error;
      }
      if ((config.signal as AbortSignal | undefined)?.aborted)
        throw new CanceledError(undefined, config as never);
      // A 401 means Dataverse did not run the request, so even a create is safe to send again.
      return resend({
        ...config,
        dataverse: { ...state, attempt: state.attempt + 1, release: undefined, tokenRenewed: true },
      });
    },
  };
}

/** The authority Dataverse names in `WWW-Authenticate: Bearer authorization_uri=…`, without the path. */
function expectedAuthority(wwwAuthenticate: string | undefined): string | undefined {
  const uri = /authorization_uri="?([^",\s]+)/i.exec(wwwAuthenticate ?? '')?.[1];
  return uri?.replace(/\/oauth2\/.*$/i, '');
}

/**
 * What to check after a 401 the auth step could not recover from, by why it could not
 * (see {@link RequestState.authFailure}); undefined when no recovery was tried.
 */
export function unauthorizedAdvice(
  failure: RequestState['authFailure'],
  wwwAuthenticate?: string,
): string | undefined {
  if (!failure) return undefined;
  const authority = expectedAuthority(wwwAuthenticate);
  const tenant = authority ? ` (Dataverse expects tokens from ${authority})` : '';
  const checks =
    `check that the environment has an application user for this app registration (client id) with a security role, ` +
    `and that the tenant id${tenant}, client id and secret or certificate are the ones for this environment.`;
  if (failure === 'refused-again')
    return `Dataverse refused a newly issued token as well, so the request was not sent again: ${checks}`;
  return `The credential cannot issue a new token (it hands out a fixed token), so the request was not sent again: supply a valid token for this environment (DATAVERSE_TOKEN; for the emulator, the one given to --token), or ${checks}`;
}
