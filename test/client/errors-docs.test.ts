/**
 * Error answers exactly as Microsoft's pages show them, `"code":""` included: the client picks the
 * class from the status and tells a duplicate from a stale version by the request.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api
 */
import { ConcurrencyError, NotFoundError } from '../../sdk/client';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const ACCOUNT = '00000000-0000-0000-0000-000000000001';
const sample = {
  name: 'Updated Sample Account ',
  creditonhold: true,
  address1_latitude: 47.639583,
  description: 'This is the updated description of the sample account',
  revenue: 6000000,
  accountcategorycode: 2,
};

describe('Microsoft documented error answers', () => {
  it('an update with a stale etag is a version mismatch, not a duplicate', async () => {
    const error = await withFixture('client/docs/update-stale-etag', (url) =>
      testClient(url)
        .client.update('accounts', ACCOUNT, { name: 'Updated Account Name' }, { ifMatch: 'W/"470867"' })
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ status: 412, code: '', isDuplicate: false, isVersionMismatch: true });
    expect((error as Error).message).toMatch(/changed since it was read/);
  });

  it('a delete with a stale etag is a version mismatch', async () => {
    const error = await withFixture('client/docs/delete-stale-etag', (url) =>
      testClient(url)
        .client.delete('accounts', ACCOUNT, { ifMatch: 'W/"470867"' })
        .catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ status: 412, isVersionMismatch: true });
  });

  it('a create-only upsert of an existing row is a duplicate, told by If-None-Match', async () => {
    const error = await withFixture('client/docs/upsert-create-only-exists', (url) =>
      testClient(url)
        .client.upsert('accounts', ACCOUNT, sample, { createOnly: true })
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: '', isDuplicate: true });
    expect((error as Error).message).toMatch(/already exists: update it, or use another id/);
  });

  it('an update that may not create answers 404 with the documented text', async () => {
    const error = await withFixture('client/docs/update-if-match-star-not-found', (url) =>
      testClient(url)
        .client.update('accounts', ACCOUNT, sample)
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(`account With Id = ${ACCOUNT} Does Not Exist`);
  });
});
