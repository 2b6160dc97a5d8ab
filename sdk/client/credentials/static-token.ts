/**
 * A credential that always hands out the same token (the emulator, tests, a token from elsewhere).
 */
import { ConfigurationError } from '../../errors';
import type { AccessToken, TokenCredential } from '../types';

/** Always returns the given token. */
export class StaticTokenCredential implements TokenCredential {
  private readonly accessToken: AccessToken;

  /** @param token the bearer token; `expiresOnTimestamp` defaults to never. */
  constructor(token: string, expiresOnTimestamp = Number.MAX_SAFE_INTEGER) {
    if (!token) throw new ConfigurationError('StaticTokenCredential needs a non-empty token.');
    this.accessToken = { token, expiresOnTimestamp };
  }

  /** Returns the token, whatever the scopes. */
  async getToken(): Promise<AccessToken> {
    return this.accessToken;
  }
}
