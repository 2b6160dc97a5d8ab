import nock from 'nock';
import { transportOf } from '../../sdk/client/internal';
import { USER_AGENT } from '../../sdk/client/pipeline/user-agent';
import { FIXTURE_URL } from '../support/fixtures';
import { TEST_TOKEN, testClient } from '../support/test-client';

const API = '/api/data/v9.2/';
const ID = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';

describe('request headers', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('sends the OData headers, the user agent and the bearer token', async () => {
    const scope = nock(FIXTURE_URL, {
      reqheaders: {
        accept: 'application/json',
        'odata-maxversion': '4.0',
        'odata-version': '4.0',
        'user-agent': USER_AGENT,
        authorization: `Bearer ${TEST_TOKEN}`,
      },
      badheaders: ['content-type'],
    })
      .get(`${API}WhoAmI()`)
      .reply(200, {});
    await testClient(FIXTURE_URL).client.whoAmI();
    scope.done();
  });

  it('sends Content-Type: application/json with a body', async () => {
    const scope = nock(FIXTURE_URL, { reqheaders: { 'content-type': 'application/json' } })
      .post(`${API}PublishAllXml`)
      .reply(204);
    await testClient(FIXTURE_URL).client.callAction('PublishAllXml');
    scope.done();
  });

  it('turns impersonate and bypassCustomLogic into CallerObjectId and MSCRM.BypassBusinessLogicExecution', async () => {
    const scope = nock(FIXTURE_URL, {
      reqheaders: {
        callerobjectid: 'e1f2a3b4-0000-4000-8000-000000000001',
        'mscrm.bypassbusinesslogicexecution': 'CustomSync,CustomAsync',
      },
    })
      .delete(`${API}contacts(${ID})`)
      .reply(204);
    await testClient(FIXTURE_URL).client.delete('contacts', ID, {
      impersonate: 'e1f2a3b4-0000-4000-8000-000000000001',
      bypassCustomLogic: true,
    });
    scope.done();
  });

  it('lets per-call headers override the client defaults', async () => {
    const scope = nock(FIXTURE_URL, { reqheaders: { 'x-tenant-tag': 'call' } })
      .get(`${API}WhoAmI()`)
      .reply(200, {});
    await testClient(FIXTURE_URL, { headers: { 'x-tenant-tag': 'client' } }).client.whoAmI({
      headers: { 'x-tenant-tag': 'call' },
    });
    scope.done();
  });

  it('asks for annotations and a page size in one Prefer header', async () => {
    const scope = nock(FIXTURE_URL, {
      reqheaders: { prefer: 'odata.maxpagesize=50,odata.include-annotations="*"' },
    })
      .get(`${API}contacts`)
      .reply(200, { value: [] });
    for await (const row of testClient(FIXTURE_URL).client.list('contacts', undefined, {
      pageSize: 50,
      annotations: true,
    })) {
      expect(row).toBeUndefined();
    }
    scope.done();
  });
});

describe('pipeline', () => {
  afterEach(() => nock.cleanAll());

  it('runs user-agent, auth, throttle, retry and logging in that order', () => {
    expect(transportOf(testClient(FIXTURE_URL).client).policyNames).toEqual([
      'user-agent',
      'auth',
      'throttle',
      'retry',
      'logging',
    ]);
  });

  it('logs requests with the Authorization header redacted', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (message: string, details?: Record<string, unknown>) =>
        lines.push(`${message} ${JSON.stringify(details ?? {})}`),
    };
    nock(FIXTURE_URL).get(`${API}WhoAmI()`).reply(200, {});
    await testClient(FIXTURE_URL, { logger }).client.whoAmI();
    expect(lines.join('\n')).toContain('[REDACTED]');
    expect(lines.join('\n')).not.toContain(TEST_TOKEN);
  });

  it('follows x-ms-dop-hint for its concurrency limit', async () => {
    nock(FIXTURE_URL).get(`${API}WhoAmI()`).reply(200, {}, { 'x-ms-dop-hint': '12' });
    const { client } = testClient(FIXTURE_URL, { maxConcurrency: 2 });
    await client.whoAmI();
    expect(transportOf(client).limiter.limit).toBe(12);
  });
});
