/**
 * A request no nock interceptor matches (a broken test, a request body that drifted from its
 * recorded fixture) must fail that request with a message naming it, in whatever order this file
 * runs among the other nock-using files of the worker. test/support/nock-isolation.test.ts pins
 * the order; this file checks what the client's caller sees.
 */
import nock from 'nock';
import { ConnectionError } from '../../sdk/client';
import { FIXTURE_URL } from './fixtures';
import { testClient } from './test-client';

const API = '/api/data/v9.2/';

describe('a request nock does not match', () => {
  afterEach(() => nock.cleanAll());

  it('rejects with a ConnectionError naming its method and path', async () => {
    nock(FIXTURE_URL).post(`${API}contacts`, { lastname: 'Recorded' }).reply(204);
    const error = await testClient(FIXTURE_URL)
      .client.create('contacts', { lastname: 'Changed' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`POST ${API}contacts`);
    expect((error as Error).message).toContain('ERR_NOCK_NO_MATCH');
  });

  it("keeps nock's description of the request, with the full URL, as the cause", async () => {
    nock(FIXTURE_URL).post(`${API}contacts`, { lastname: 'Recorded' }).reply(204);
    const error = await testClient(FIXTURE_URL)
      .client.create('contacts', { lastname: 'Changed' })
      .catch((e: unknown) => e);
    const cause = (error as Error).cause as Error;
    expect(cause.message).toMatch(/No match for request/);
    expect(cause.message).toContain(`"url": "${FIXTURE_URL}${API}contacts"`);
  });

  it('leaves the interceptors of the test usable for the next request', async () => {
    const scope = nock(FIXTURE_URL)
      .post(`${API}contacts`, { lastname: 'Recorded' })
      .reply(204, '', {
        'OData-EntityId': `${FIXTURE_URL}${API}contacts(00000000-0000-0000-0000-000000000001)`,
      });
    const { client } = testClient(FIXTURE_URL);
    await client.create('contacts', { lastname: 'Changed' }).catch(() => undefined);
    await expect(client.create('contacts', { lastname: 'Recorded' })).resolves.toBeDefined();
    scope.done();
  });
});
