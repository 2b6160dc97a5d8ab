/**
 * The client against the exact `$batch` responses Microsoft shows (test/fixtures/client/docs, the
 * bodies copied from the page with `[Organization Uri]` filled in; the page shows no response
 * Content-Type, so the fixture names the boundary the body uses).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 */
import { DataverseError, type BatchRequest } from '../../sdk/client';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const ACCOUNT = '00000000-0000-0000-0000-000000000001';
const task = (subject: string, contentId?: string): BatchRequest => ({
  method: 'POST',
  url: 'tasks',
  body: { subject, 'regardingobjectid_account_task@odata.bind': `accounts(${ACCOUNT})` },
  ...(contentId ? { contentId } : {}),
});
const tooLong = `Subject is too long ${'x'.repeat(200)}`;

describe('DataverseClient.batch against Microsoft documented responses', () => {
  it('reads the 400 of a batch that stopped at its first request: that request failed, the rest never ran', async () => {
    const responses = await withFixture('client/docs/batch-stops-at-first-error', (url) =>
      testClient(url).client.batch([task(tooLong), task('Task 2 in batch'), task('Task 3 in batch')]),
    );
    expect(responses.map((r) => r.outcome)).toEqual(['failed', 'not-run', 'not-run']);
    const error = responses[0].error as DataverseError;
    expect(error).toBeInstanceOf(DataverseError);
    expect(error).toMatchObject({
      status: 400,
      code: '0x80044331',
      requestId: '5ecd1cb3-1730-4ffc-909c-d44c22270026',
    });
    expect(error.message).toMatch(/exceeded the maximum allowed length of '200'/);
  });

  it('reads a continue-on-error batch: the failure and the two creates with their ids', async () => {
    const responses = await withFixture('client/docs/batch-continue-on-error', (url) =>
      testClient(url).client.batch([task(tooLong), task('Task 2 in batch'), task('Task 3 in batch')], {
        continueOnError: true,
      }),
    );
    expect(responses.map((r) => [r.outcome, r.status, r.entityId])).toEqual([
      ['failed', 400, undefined],
      ['succeeded', 204, 'aed2ae8b-3c94-ed11-aad1-000d3a9933c9'],
      ['succeeded', 204, 'b181a991-3c94-ed11-aad1-000d3a9933c9'],
    ]);
    expect((responses[0].error as DataverseError).requestId).toBe('de4c5227-4a28-4ebd-8ced-3392ece1697b');
  });

  it('reads a change set and a GET: Content-IDs, created ids and the rows', async () => {
    const responses = await withFixture('client/docs/batch-change-set', (url) =>
      testClient(url).client.batch([
        {
          changeSet: [
            task('Task 1 in batch', '1'),
            task('Task 2 in batch', '2'),
            task('Task 3 in batch', '3'),
          ],
        },
        { method: 'GET', url: `accounts(${ACCOUNT})/Account_Tasks?$select=subject` },
      ]),
    );
    expect(responses.map((r) => [r.contentId, r.entityId])).toEqual([
      ['1', 'e73ffc82-e292-ed11-aad1-000d3a9933c9'],
      ['2', 'e83ffc82-e292-ed11-aad1-000d3a9933c9'],
      ['3', 'e93ffc82-e292-ed11-aad1-000d3a9933c9'],
      [undefined, undefined],
    ]);
    expect(responses.every((r) => r.outcome === 'succeeded')).toBe(true);
    const rows = (responses[3].body as { value: { subject: string }[] }).value;
    expect(rows.map((r) => r.subject)).toEqual(['Task 1 in batch', 'Task 2 in batch', 'Task 3 in batch']);
  });
});
