import { ConcurrencyError, NotFoundError } from '../../sdk/client';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const ADA = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';
const GRACE = '7a1e2d3c-4b5a-4968-8776-655443322110';

describe('DataverseClient single-record operations', () => {
  it('create resolves with the id from OData-EntityId', async () => {
    const id = await withFixture('client/create-returns-id', (url) =>
      testClient(url).client.create('contacts', {
        firstname: 'Ada',
        lastname: 'Lovelace',
        emailaddress1: 'ada@example.com',
      }),
    );
    expect(id).toBe(ADA);
  });

  it('create with returnRepresentation resolves with the created row', async () => {
    const row = await withFixture('client/create-return-representation', (url) =>
      testClient(url).client.create(
        'contacts',
        { firstname: 'Ada', lastname: 'Lovelace' },
        { returnRepresentation: true, select: ['fullname', 'contactid'] },
      ),
    );
    expect(row).toMatchObject({ contactid: ADA, fullname: 'Ada Lovelace', '@odata.etag': 'W/"4485902"' });
  });

  it('retrieve sends $select and $expand and resolves with the row', async () => {
    const row = await withFixture('client/retrieve-select-expand', (url) =>
      testClient(url).client.retrieve<{ fullname: string; parentcustomerid_account: { name: string } }>(
        'contacts',
        ADA,
        {
          select: ['fullname', 'emailaddress1'],
          expand: { parentcustomerid_account: { select: ['name'] } },
        },
      ),
    );
    expect(row.parentcustomerid_account.name).toBe('Contoso Ltd');
  });

  it('retrieve of a missing row throws NotFoundError with the Dataverse code', async () => {
    const error = await withFixture('client/retrieve-not-found', (url) =>
      testClient(url)
        .client.retrieve('contacts', GRACE)
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: '0x80040217',
      requestId: '3d4c2b1a-0f9e-4d8c-b7a6-958473625140',
    });
  });

  it('update sends If-Match: * by default so it never creates a row', async () => {
    const result = await withFixture('client/update-if-match-star', (url) =>
      testClient(url).client.update('contacts', ADA, { jobtitle: 'Analyst' }),
    );
    expect(result).toBeUndefined();
  });

  it('update with a stale etag throws ConcurrencyError (412)', async () => {
    const error = await withFixture('client/update-stale-etag', (url) =>
      testClient(url)
        .client.update('contacts', ADA, { jobtitle: 'Analyst' }, { ifMatch: 'W/"4485901"' })
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ status: 412, code: '0x80060882', isDuplicate: false });
  });

  it('upsert PATCHes the row without If-Match', async () => {
    await expect(
      withFixture('client/upsert', (url) =>
        testClient(url).client.upsert('contacts', GRACE, { lastname: 'Hopper' }),
      ),
    ).resolves.toBeUndefined();
  });

  it('upsert with createOnly sends If-None-Match: * and reports an existing row as a duplicate', async () => {
    const error = await withFixture('client/upsert-create-only-exists', (url) =>
      testClient(url)
        .client.upsert('contacts', ADA, { lastname: 'Hopper' }, { createOnly: true })
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).isDuplicate).toBe(true);
  });

  it('delete removes the row', async () => {
    await expect(
      withFixture('client/delete', (url) => testClient(url).client.delete('contacts', ADA)),
    ).resolves.toBeUndefined();
  });
});
