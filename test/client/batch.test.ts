import nock from 'nock';
import { ConcurrencyError, DataverseError, NotFoundError, type BatchItem } from '../../sdk/client';
import { FIXTURE_URL, withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const ADA = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';

describe('DataverseClient.batch', () => {
  it('returns one response per request, in order, across a read and a change set', async () => {
    const responses = await withFixture('client/batch-read-and-change-set', (url) =>
      testClient(url).client.batch([
        { method: 'GET', url: 'contacts?$select=fullname&$top=1' },
        {
          changeSet: [
            { method: 'POST', url: 'contacts', body: { lastname: 'Batch' }, contentId: '1' },
            { method: 'PATCH', url: '$1', body: { jobtitle: 'Tester' }, contentId: '2' },
          ],
        },
      ]),
    );
    expect(responses.map((r) => [r.status, r.contentId])).toEqual([
      [200, undefined],
      [204, '1'],
      [204, '2'],
    ]);
    expect((responses[0].body as { value: unknown[] }).value).toHaveLength(1);
    expect(responses[1].entityId).toBe('11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    expect(responses.every((r) => r.error === undefined)).toBe(true);
  });

  it('pins a failed change set on the request whose Content-ID it carries; the others are rolled back', async () => {
    const responses = await withFixture('client/batch-change-set-failed', (url) =>
      testClient(url).client.batch(
        [
          {
            changeSet: [
              { method: 'POST', url: 'adx_invitations', body: { adx_name: 'Invite' } },
              { method: 'POST', url: 'contacts', body: { contactid: ADA, lastname: 'Again' } },
            ],
          },
          { method: 'GET', url: 'WhoAmI()' },
        ],
        { continueOnError: true },
      ),
    );
    expect(responses.map((r) => [r.outcome, r.status, r.contentId])).toEqual([
      ['rolled-back', 0, '1'],
      ['failed', 412, '2'],
      ['succeeded', 200, undefined],
    ]);
    const failure = responses[1].error as ConcurrencyError;
    expect(failure).toBeInstanceOf(ConcurrencyError);
    expect(failure).toMatchObject({ code: '0x80040237', isDuplicate: true });
    expect(failure.requestId).toBe('0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
    expect(responses[0].error?.message).toMatch(/rolled back: the request with Content-ID 2/);
    expect(responses[0].error?.cause).toBeDefined();
  });

  it('reads a 400 batch answer part by part and marks the requests after the failure as not run', async () => {
    const responses = await withFixture('client/batch-stops-at-first-error', (url) =>
      testClient(url).client.batch([
        { method: 'GET', url: `contacts(${ADA})` },
        { method: 'GET', url: 'WhoAmI()' },
      ]),
    );
    expect(responses[0].error).toBeInstanceOf(NotFoundError);
    expect(responses[0]).toMatchObject({ outcome: 'failed', status: 404 });
    expect((responses[0].error as DataverseError).code).toBe('0x80040217');
    expect(responses[1]).toMatchObject({ status: 0, outcome: 'not-run' });
    expect(responses[1].error?.message).toMatch(/not run/);
  });
});

describe('DataverseClient.batch splitting', () => {
  afterEach(() => nock.cleanAll());

  function okBatch(body: string): [number, string, Record<string, string>] {
    const count = (body.match(/^GET /gm) ?? []).length;
    const part =
      'Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n';
    const text = `${'--batchresponse_x\r\n'.concat(part).repeat(count)}--batchresponse_x--\r\n`;
    return [200, text, { 'Content-Type': 'multipart/mixed; boundary=batchresponse_x' }];
  }

  it('sends more than 1000 requests as several $batch calls', async () => {
    const sizes: number[] = [];
    const scope = nock(FIXTURE_URL)
      .post('/api/data/v9.2/$batch')
      .times(2)
      .reply((_uri, body) => {
        sizes.push((String(body).match(/^GET /gm) ?? []).length);
        return okBatch(String(body));
      });
    const items: BatchItem[] = Array.from({ length: 1001 }, (_, i) => ({
      method: 'GET',
      url: `contacts?$top=${i}`,
    }));
    const responses = await testClient(FIXTURE_URL).client.batch(items);
    expect(sizes).toEqual([1000, 1]);
    expect(responses).toHaveLength(1001);
    scope.done();
  });

  it('never splits a change set: one that does not fit starts the next $batch', async () => {
    const sizes: number[] = [];
    const scope = nock(FIXTURE_URL)
      .post('/api/data/v9.2/$batch')
      .times(2)
      .reply((_uri, body) => {
        sizes.push((String(body).match(/^(GET|POST) /gm) ?? []).length);
        return [
          200,
          '--batchresponse_x--\r\n',
          { 'Content-Type': 'multipart/mixed; boundary=batchresponse_x' },
        ];
      });
    const gets: BatchItem[] = Array.from({ length: 999 }, () => ({ method: 'GET', url: 'WhoAmI()' }));
    const changeSet: BatchItem = {
      changeSet: [1, 2].map(() => ({ method: 'POST', url: 'contacts', body: {} })),
    };
    await testClient(FIXTURE_URL).client.batch([...gets, changeSet], { continueOnError: true });
    expect(sizes).toEqual([999, 2]);
    scope.done();
  });

  it('rejects a change set of more than 1000 requests before sending anything', async () => {
    const changeSet: BatchItem = {
      changeSet: Array.from({ length: 1001 }, () => ({ method: 'POST' as const, url: 'contacts', body: {} })),
    };
    await expect(testClient(FIXTURE_URL).client.batch([changeSet])).rejects.toThrow(/at most 1000/);
  });
});
