/**
 * What the msal-node credentials share: building the ConfidentialClientApplication and turning its
 * result into an {@link AccessToken}, with failures as ConnectionError (authority unreachable) or
 * AuthenticationError (refused), see {@link msalFailure}.
 */
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { ConfigurationError } from '../../errors';
import { AuthenticationError } from '../errors';
import type { AccessToken } from '../types';
import { msalFailure } from './msal-errors';

/** Default Entra ID authority host (public cloud). */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** Options shared by the msal-backed credentials. */
export interface MsalCredentialOptions {
  /** Authority host, e.g. `https://login.microsoftonline.us`; default public cloud. */
  authorityHost?: string;
}

/** Builds the msal application for a tenant and client with the given client credential. */
export function createMsalApp(
  tenantId: string,
  clientId: string,
  credential: Pick<NonNullable<Configuration['auth']>, 'clientSecret' | 'clientCertificate'>,
  options: MsalCredentialOptions = {},
): ConfidentialClientApplication {
  if (!tenantId) throw new ConfigurationError('A tenant id is required (AZURE_TENANT_ID).');
  if (!clientId) throw new ConfigurationError('A client id is required (AZURE_CLIENT_ID).');
  const host = (options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
  return new ConfidentialClientApplication({
    auth: { clientId, authority: `${host}/${tenantId}`, ...credential },
  });
}

/**
 * Runs the client-credentials flow and converts the result. `forceRefresh` skips msal's own token
 * cache (`skipCache`), so a token the server refused is not handed out again. `authorityHost` (the
 * one the app was built with) is named when it cannot be reached.
 */
export async function acquireToken(
  app: ConfidentialClientApplication,
  scopes: string[],
  forceRefresh = false,
  authorityHost: string = DEFAULT_AUTHORITY_HOST,
): Promise<AccessToken> {
  let result;
  try {
    result = await app.acquireTokenByClientCredential({ scopes, skipCache: forceRefresh });
  } catch (error) {
    throw msalFailure(error, scopes, authorityHost);
  }
  if (!result?.accessToken) {
    throw new AuthenticationError(`Entra ID returned no access token for ${scopes.join(' ')}.`, {
      status: 401,
    });
  }
  return {
    token: result.accessToken,
    expiresOnTimestamp: result.expiresOn ? result.expiresOn.getTime() : Date.now() + 5 * 60_000,
  };
}
