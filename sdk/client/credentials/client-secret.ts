/**
 * App-only authentication with a client secret, through msal-node.
 */
import { ConfigurationError } from '../../errors';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../types';
import { acquireToken, createMsalApp, type MsalCredentialOptions } from './msal-app';
import { TokenCache } from './token-cache';

/** Gets tokens for an app registration with a client secret; caches and refreshes them. */
export class ClientSecretCredential implements TokenCredential {
  private readonly app: ConfidentialClientApplication;
  private readonly cache: TokenCache;

  constructor(tenantId: string, clientId: string, clientSecret: string, options: MsalCredentialOptions = {}) {
    if (!clientSecret) throw new ConfigurationError('A client secret is required (AZURE_CLIENT_SECRET).');
    this.app = createMsalApp(tenantId, clientId, { clientSecret }, options);
    this.cache = new TokenCache((scopes, { forceRefresh }) =>
      acquireToken(this.app, scopes, forceRefresh, options.authorityHost),
    );
  }

  /**
   * A token for the scopes (e.g. `https://org.crm.dynamics.com/.default`); with `forceRefresh`, a new
   * one from Entra ID even if a cached one has not expired.
   */
  getToken(scopes: string[], options?: GetTokenOptions): Promise<AccessToken> {
    return this.cache.getToken(scopes, options);
  }
}
