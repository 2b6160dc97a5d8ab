import type { AccessToken, TokenCredential } from '../../sdk/client';
import { transportOf } from '../../sdk/client/internal';
import { startLocalServer } from '../support/local-server';
import { testClient } from '../support/test-client';

class CountingCredential implements TokenCredential {
  calls = 0;
  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}
  async getToken(): Promise<AccessToken> {
    this.calls++;
    return { token: `token-${this.calls}`, expiresOnTimestamp: this.now() + this.lifetimeMs };
  }
}

describe('auth step', () => {
  it('reuses a fresh token without asking the credential again', async () => {
    const server = await startLocalServer(() => ({ status: 200, body: {} }));
    try {
      const credential = new CountingCredential(60 * 60_000, Date.now);
      const { client } = testClient(server.url, { credential });
      await client.whoAmI();
      await client.whoAmI();
      expect(credential.calls).toBe(1);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer token-1',
        'Bearer token-1',
      ]);
    } finally {
      await server.close();
    }
  });

  it('asks the credential again when the token is about to expire', async () => {
    const server = await startLocalServer(() => ({ status: 200, body: {} }));
    try {
      let now = 0;
      const credential = new CountingCredential(60 * 60_000, () => now);
      const { client } = testClient(server.url, { credential, now: () => now });
      await client.whoAmI();
      now = 59 * 60_000;
      await client.whoAmI();
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer token-1',
        'Bearer token-2',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('throttle step', () => {
  it('keeps no more than maxConcurrency requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await startLocalServer(() => ({ status: 200, body: {} }));
    try {
      const { client } = testClient(server.url, { maxConcurrency: 2 });
      // Added after every other policy: it sees exactly what reaches the network.
      transportOf(client).use({
        name: 'network-probe',
        async sendRequest(request, next) {
          inFlight++;
          most = Math.max(most, inFlight);
          try {
            return await next(request);
          } finally {
            inFlight--;
          }
        },
      });
      await Promise.all(Array.from({ length: 6 }, () => client.whoAmI()));
      expect(most).toBe(2);
      expect(server.requests).toHaveLength(6);
    } finally {
      await server.close();
    }
  });
});
