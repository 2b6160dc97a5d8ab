import nock from 'nock';
import { ConnectionError } from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';
import { testClient } from '../support/test-client';

const API = '/api/data/v9.2/';

describe('abort and timeout', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  // The delayed replies below never get sent; their nock timers must not outlive the test.
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  it('an already aborted signal fails with ConnectionError whose cause is an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await testClient(FIXTURE_URL)
      .client.whoAmI({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({ name: 'AbortError' });
  });

  it('aborting while the response is pending stops the request at once', async () => {
    const controller = new AbortController();
    const scope = nock(FIXTURE_URL).get(`${API}WhoAmI()`).delay(10_000).reply(200, {});
    scope.on('request', () => controller.abort());
    const error = await testClient(FIXTURE_URL)
      .client.whoAmI({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/aborted/);
    scope.done();
  });

  it('aborting during a retry wait stops retrying', async () => {
    const controller = new AbortController();
    const scope = nock(FIXTURE_URL).get(`${API}WhoAmI()`).reply(429, {}, { 'Retry-After': '60' });
    const { client } = testClient(FIXTURE_URL, {
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
          controller.abort();
        }),
    });
    const error = await client.whoAmI({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({ name: 'AbortError' });
    scope.done();
  });

  it('a per-call timeoutMs fails a slow request with a ConnectionError that names the timeout', async () => {
    const scope = nock(FIXTURE_URL).post(`${API}contacts`).delay(2_000).reply(204);
    const error = await testClient(FIXTURE_URL)
      .client.create('contacts', { lastname: 'Slow' }, { timeoutMs: 25 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/timed out after 25 ms/);
    scope.done();
  });
});
