/**
 * Policy 2: attach a bearer token from the {@link TokenCredential}, and recover once from a 401.
 * The credential caches and refreshes; a token with time left is reused without asking it. A 401
 * (token revoked, clock skew, a token cached from a replaced secret) drops the refused token,
 * fetches a new one past every cache and sends the request once more through the policies after
 * this one (throttle, retry, logging), so the replay queues, retries and logs like any request.
 */
import { abortedError } from '../error-factory';
import type { AccessToken, TokenCredential } from '../types';
import { withHeader, type PipelinePolicy, type PipelineResponse } from './policy';

/** The scope Dataverse expects for an environment: `<url>/.default`. */
export function scopeFor(url: string): string {
  return `${url.replace(/\/+$/, '')}/.default`;
}

/** Reuse a token without asking the credential while it has at least this long to live. */
const REUSE_MARGIN_MS = 2 * 60_000;

/** Why a 401 was not recovered from: the new token was refused too, or the credential cannot refresh. */
export type AuthFailure = 'refused-again' | 'cannot-refresh';

/** Sets `Authorization: Bearer <token>` for the environment's scope; answers a 401 with one replay. */
export function authPolicy(
  credential: TokenCredential,
  scope: string,
  now: () => number = Date.now,
): PipelinePolicy {
  let last: AccessToken | undefined;
  let renewing: Promise<AccessToken> | undefined;

  const current = async (signal: AbortSignal | undefined): Promise<AccessToken> => {
    // The credential itself refreshes earlier than this margin, so a fresh token is never missed for long.
    if (last && last.expiresOnTimestamp - REUSE_MARGIN_MS > now()) return last;
    last = await credential.getToken([scope], { signal });
    return last;
  };

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

  const failed = (response: PipelineResponse, failure: AuthFailure): PipelineResponse => ({
    ...response,
    advice: unauthorizedAdvice(failure, response.headers['www-authenticate']),
  });

  return {
    name: 'auth',
    async sendRequest(request, next) {
      const token = await current(request.signal);
      const response = await next(withHeader(request, 'Authorization', `Bearer ${token.token}`));
      if (response.status !== 401) return response;
      const renewed = await renew(token.token);
      if (renewed.token === token.token) return failed(response, 'cannot-refresh');
      if (request.signal?.aborted) throw abortedError(response.request);
      // A 401 means Dataverse did not run the request, so even a create is safe to send again.
      const replay = await next({
        ...withHeader(request, 'Authorization', `Bearer ${renewed.token}`),
        attempt: response.request.attempt + 1,
      });
      return replay.status === 401 ? failed(replay, 'refused-again') : replay;
    },
  };
}

/** The authority Dataverse names in `WWW-Authenticate: Bearer authorization_uri=…`, without the path. */
function expectedAuthority(wwwAuthenticate: string | undefined): string | undefined {
  const uri = /authorization_uri="?([^",\s]+)/i.exec(wwwAuthenticate ?? '')?.[1];
  return uri?.replace(/\/oauth2\/.*$/i, '');
}

/** What to check after a 401 the auth policy could not recover from, by why it could not. */
export function unauthorizedAdvice(failure: AuthFailure, wwwAuthenticate?: string): string {
  const authority = expectedAuthority(wwwAuthenticate);
  const tenant = authority ? ` (Dataverse expects tokens from ${authority})` : '';
  const checks =
    `check that the environment has an application user for this app registration (client id) with a security role, ` +
    `and that the tenant id${tenant}, client id and secret or certificate are the ones for this environment.`;
  if (failure === 'refused-again')
    return `Dataverse refused a newly issued token as well, so the request was not sent again: ${checks}`;
  return `The credential cannot issue a new token (it hands out a fixed token), so the request was not sent again: supply a valid token for this environment (DATAVERSE_TOKEN; for the emulator, the one given to --token), or ${checks}`;
}
