import { ConnectionError, type RetryEvent } from '../../sdk/client';
import { startLocalServer, type LocalResponse } from '../support/local-server';
import { testClient } from '../support/test-client';

const ID = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';
const duplicate = {
  error: { code: '0x80040237', message: 'A record with matching key values already exists.' },
};

// A real server that drops the first connection: the client sees a genuine reset (fate unknown).
async function resetThen(answer: LocalResponse) {
  let calls = 0;
  return startLocalServer(() => (++calls === 1 ? { destroy: true } : answer));
}

describe('retry after a lost connection', () => {
  it('retries a GET', async () => {
    const server = await resetThen({ status: 200, body: { UserId: 'u' } });
    try {
      const events: RetryEvent[] = [];
      await testClient(server.url, { onRetry: (e) => events.push(e) }).client.whoAmI();
      expect(events.map((e) => e.reason)).toEqual(['connection']);
    } finally {
      await server.close();
    }
  });

  it('does not replay a create without an id', async () => {
    const server = await resetThen({ status: 204 });
    try {
      const error = await testClient(server.url)
        .client.create('contacts', { lastname: 'A' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('replays a create with a client-chosen id and treats the duplicate as the earlier success', async () => {
    const server = await resetThen({ status: 412, body: duplicate });
    try {
      const id = await testClient(server.url).client.create(
        'contacts',
        { contactid: ID, lastname: 'A' },
        { id: ID },
      );
      expect(id).toBe(ID);
      expect(server.requests).toHaveLength(2);
      expect(JSON.parse(server.requests[1].body)).toEqual({ contactid: ID, lastname: 'A' });
    } finally {
      await server.close();
    }
  });
});

describe('retry after a refused connection', () => {
  it('replays even a create without an id, because the request never left', async () => {
    const server = await startLocalServer(() => ({ status: 204 }));
    const url = server.url;
    await server.close();
    const events: RetryEvent[] = [];
    const error = await testClient(url, { maxAttempts: 2, onRetry: (e) => events.push(e) })
      .client.create('contacts', { lastname: 'A' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(events).toMatchObject([{ reason: 'connection', code: 'ECONNREFUSED' }]);
  });
});
