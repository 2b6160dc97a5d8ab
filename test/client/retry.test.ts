import nock from 'nock';
import { DataverseError, ThrottledError, type RetryEvent } from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';
import { testClient } from '../support/test-client';

const API = '/api/data/v9.2/';
const ID = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';
const throttled = {
  error: {
    code: '0x80072322',
    message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
  },
};
const unavailable = { error: { code: '0x80040216', message: 'Service unavailable' } };

describe('retry step', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('retries a 429 after the Retry-After seconds and then succeeds', async () => {
    const events: RetryEvent[] = [];
    const scope = nock(FIXTURE_URL)
      .get(`${API}WhoAmI()`)
      .reply(429, throttled, { 'Retry-After': '7' })
      .get(`${API}WhoAmI()`)
      .reply(200, { UserId: 'u' });
    const { client, waits } = testClient(FIXTURE_URL, { onRetry: (event) => events.push(event) });
    await expect(client.whoAmI()).resolves.toEqual({ UserId: 'u' });
    expect(waits).toEqual([7000]);
    expect(events[0]).toMatchObject({
      attempt: 1,
      delayMs: 7000,
      status: 429,
      code: '0x80072322',
      reason: 'throttled',
    });
    scope.done();
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const now = Date.parse('Sat, 21 Nov 2026 09:00:00 GMT');
    const scope = nock(FIXTURE_URL)
      .get(`${API}WhoAmI()`)
      .reply(429, throttled, { 'Retry-After': 'Sat, 21 Nov 2026 09:00:03 GMT' })
      .get(`${API}WhoAmI()`)
      .reply(200, {});
    const { client, waits } = testClient(FIXTURE_URL, { now: () => now });
    await client.whoAmI();
    expect(waits).toEqual([3000]);
    scope.done();
  });

  it('retries a 429 even for a create without an id, because Dataverse did not run it', async () => {
    const scope = nock(FIXTURE_URL)
      .post(`${API}contacts`)
      .reply(429, throttled, { 'Retry-After': '1' })
      .post(`${API}contacts`)
      .reply(204, '', { 'OData-EntityId': `${FIXTURE_URL}${API}contacts(${ID})` });
    await expect(testClient(FIXTURE_URL).client.create('contacts', { lastname: 'A' })).resolves.toBe(ID);
    scope.done();
  });

  it('backs off exponentially with jitter on 503 for a GET', async () => {
    const scope = nock(FIXTURE_URL)
      .get(`${API}WhoAmI()`)
      .times(2)
      .reply(503, unavailable)
      .get(`${API}WhoAmI()`)
      .reply(200, {});
    const { client, waits } = testClient(FIXTURE_URL, { retryBaseDelayMs: 100, random: () => 0.5 });
    await client.whoAmI();
    expect(waits).toEqual([75, 150]);
    scope.done();
  });

  it('caps a backoff step at retryMaxDelayMs', async () => {
    const scope = nock(FIXTURE_URL)
      .get(`${API}WhoAmI()`)
      .times(3)
      .reply(502, '')
      .get(`${API}WhoAmI()`)
      .reply(200, {});
    const { client, waits } = testClient(FIXTURE_URL, {
      retryBaseDelayMs: 1000,
      retryMaxDelayMs: 1500,
      random: () => 1,
    });
    await client.whoAmI();
    expect(waits).toEqual([1000, 1500, 1500]);
    scope.done();
  });

  it('does not replay a create without an id after a 503 (its fate is unknown)', async () => {
    const scope = nock(FIXTURE_URL).post(`${API}contacts`).reply(503, unavailable);
    const error = await testClient(FIXTURE_URL)
      .client.create('contacts', { lastname: 'A' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseError);
    expect((error as DataverseError).status).toBe(503);
    scope.done();
  });

  it('reports a duplicate on the first attempt of a create with an id as an error', async () => {
    const scope = nock(FIXTURE_URL)
      .post(`${API}contacts`)
      .reply(412, {
        error: { code: '0x80040237', message: 'A record with matching key values already exists.' },
      });
    await expect(
      testClient(FIXTURE_URL).client.create('contacts', { contactid: ID }, { id: ID }),
    ).rejects.toMatchObject({ isDuplicate: true });
    scope.done();
  });

  it('retries a write guarded by If-Match after a 502', async () => {
    const scope = nock(FIXTURE_URL)
      .patch(`${API}contacts(${ID})`)
      .reply(502, '')
      .patch(`${API}contacts(${ID})`)
      .reply(204);
    await testClient(FIXTURE_URL).client.update('contacts', ID, { jobtitle: 'x' });
    scope.done();
  });

  it('retries a $batch of GETs only, never one with a change set, after a 503', async () => {
    const ok = [
      200,
      '--batchresponse_x--\r\n',
      { 'Content-Type': 'multipart/mixed; boundary=batchresponse_x' },
    ] as const;
    const scope = nock(FIXTURE_URL)
      .post(`${API}$batch`)
      .reply(503, unavailable)
      .post(`${API}$batch`)
      .reply(...ok);
    const { client } = testClient(FIXTURE_URL);
    await client.batch([{ method: 'GET', url: 'WhoAmI()' }]);
    scope.done();
    const writes = nock(FIXTURE_URL).post(`${API}$batch`).reply(503, unavailable);
    await expect(
      client.batch([{ changeSet: [{ method: 'POST', url: 'contacts', body: {} }] }]),
    ).rejects.toMatchObject({
      status: 503,
    });
    writes.done();
  });

  it('gives up after maxAttempts with a ThrottledError carrying retryAfterMs', async () => {
    const scope = nock(FIXTURE_URL)
      .get(`${API}WhoAmI()`)
      .times(3)
      .reply(429, throttled, { 'Retry-After': '2' });
    const error = await testClient(FIXTURE_URL, { maxAttempts: 3 })
      .client.whoAmI()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ attempts: 3, retryAfterMs: 2000, code: '0x80072322' });
    scope.done();
  });
});
