import type { AccessToken, GetTokenOptions, TokenCredential } from '../../sdk/client';
import { AuthenticationError } from '../../sdk/client';
import { transportOf } from '../../sdk/client/internal';
import { startLocalServer, type LocalRequest, type LocalResponse } from '../support/local-server';
import { TEST_TOKEN, testClient } from '../support/test-client';

/** Caches token-1 until asked for a forced refresh, then hands out token-2, …; records each request. */
class RenewingCredential implements TokenCredential {
  readonly requests: { forceRefresh: boolean }[] = [];
  private generation = 1;
  async getToken(_scopes: string[], options: GetTokenOptions = {}): Promise<AccessToken> {
    this.requests.push({ forceRefresh: options.forceRefresh === true });
    if (options.forceRefresh) this.generation++;
    return { token: `token-${this.generation}`, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** Answers 401 to requests carrying `refused`, 200 to the others. */
function refusing(refused: string): (request: LocalRequest) => LocalResponse {
  return (request) =>
    request.headers.authorization === `Bearer ${refused}` ? { status: 401 } : { status: 200, body: {} };
}

describe('401 recovery in the auth step', () => {
  it('does not resend when a static token is refused, and says why', async () => {
    const server = await startLocalServer(() => ({ status: 401 }));
    try {
      const { client } = testClient(server.url);
      const error = (await client.whoAmI().catch((e: unknown) => e)) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(server.requests).toHaveLength(1);
      expect(error.message).toMatch(/cannot issue a new token/);
      expect(error.message).toMatch(/application user .* security role/);
      expect(error.message).not.toContain(TEST_TOKEN);
      expect(JSON.stringify(error.toJSON())).not.toContain(TEST_TOKEN);
    } finally {
      await server.close();
    }
  });

  it('asks the credential for a forced refresh and sends the new token', async () => {
    const server = await startLocalServer(refusing('token-1'));
    try {
      const credential = new RenewingCredential();
      const { client } = testClient(server.url, { credential });
      await client.whoAmI();
      expect(credential.requests).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer token-1',
        'Bearer token-2',
      ]);
    } finally {
      await server.close();
    }
  });

  it('uses the new token for later requests without refreshing again', async () => {
    const server = await startLocalServer(refusing('token-1'));
    try {
      const credential = new RenewingCredential();
      const { client } = testClient(server.url, { credential });
      await client.whoAmI();
      await client.whoAmI();
      expect(credential.requests).toHaveLength(2);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer token-1',
        'Bearer token-2',
        'Bearer token-2',
      ]);
    } finally {
      await server.close();
    }
  });

  it('shares one forced refresh among concurrent requests refused with the same token', async () => {
    const server = await startLocalServer(refusing('token-1'));
    try {
      const credential = new RenewingCredential();
      const { client } = testClient(server.url, { credential, maxConcurrency: 4 });
      await Promise.all([1, 2, 3, 4].map(() => client.whoAmI()));
      expect(credential.requests.filter((r) => r.forceRefresh)).toHaveLength(1);
      expect(server.requests.filter((r) => r.headers.authorization === 'Bearer token-2')).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('frees its concurrency slot before resending, so a limit of one does not deadlock', async () => {
    const server = await startLocalServer(refusing('token-1'));
    try {
      const credential = new RenewingCredential();
      const { client } = testClient(server.url, { credential, maxConcurrency: 1 });
      await Promise.all([client.whoAmI(), client.whoAmI()]);
      expect(server.requests).toHaveLength(4);
      expect(transportOf(client).limiter.inFlight).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('retries a throttled replay like any other request', async () => {
    let calls = 0;
    const server = await startLocalServer(() => {
      calls++;
      if (calls === 1) return { status: 401 };
      if (calls === 2) return { status: 429, headers: { 'Retry-After': '1' } };
      return { status: 200, body: {} };
    });
    try {
      const credential = new RenewingCredential();
      const { client, waits } = testClient(server.url, { credential });
      await client.whoAmI();
      expect(waits).toEqual([1000]);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer token-1',
        'Bearer token-2',
        'Bearer token-2',
      ]);
    } finally {
      await server.close();
    }
  });
});
