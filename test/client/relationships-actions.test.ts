import { odataLiteral } from '../../sdk/client';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const ADA = '5f0d1c2a-8b3e-4e6f-9a10-2b3c4d5e6f70';
const ACCOUNT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const ROLE = '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f';
const WORKFLOW = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const INVITATION = '9e8d7c6b-5a49-4382-9170-615243342516';

describe('DataverseClient relationships', () => {
  it('associate POSTs a collection-valued $ref with the absolute @odata.id', async () => {
    await withFixture('client/associate-collection', (url) =>
      testClient(url).client.associate('adx_webroles', ROLE, 'adx_webrole_contact', {
        entitySet: 'contacts',
        id: ADA,
      }),
    );
  });

  it('associate PUTs a single-valued $ref', async () => {
    await withFixture('client/associate-single-valued', (url) =>
      testClient(url).client.associate(
        'contacts',
        ADA,
        'parentcustomerid_account',
        { entitySet: 'accounts', id: ACCOUNT },
        { singleValued: true },
      ),
    );
  });

  it('disassociate DELETEs <nav>(<target>)/$ref for a collection', async () => {
    await withFixture('client/disassociate-collection', (url) =>
      testClient(url).client.disassociate('adx_webroles', ROLE, 'adx_webrole_contact', {
        entitySet: 'contacts',
        id: ADA,
      }),
    );
  });

  it('disassociate without a target DELETEs <nav>/$ref', async () => {
    await withFixture('client/disassociate-single-valued', (url) =>
      testClient(url).client.disassociate('contacts', ADA, 'parentcustomerid_account'),
    );
  });
});

describe('DataverseClient actions and functions', () => {
  it('callAction bound to a record POSTs to Microsoft.Dynamics.CRM.<name> and returns the body', async () => {
    const result = await withFixture('client/action-bound', (url) =>
      testClient(url).client.callAction<{ Id: string }>(
        'ExecuteWorkflow',
        { EntityId: INVITATION },
        { boundTo: { entitySet: 'workflows', id: WORKFLOW } },
      ),
    );
    expect(result.Id).toBe('44d3c2b1-a098-4f7e-8d6c-5b4a39281706');
  });

  it('callAction resolves undefined for 204', async () => {
    const result = await withFixture('client/action-unbound-no-content', (url) =>
      testClient(url).client.callAction('PublishAllXml'),
    );
    expect(result).toBeUndefined();
  });

  it('callFunction passes parameters as @p aliases', async () => {
    const result = await withFixture('client/function-params', (url) =>
      testClient(url).client.callFunction<{ EntityRecordCountCollection: { Values: number[] } }>(
        'RetrieveTotalRecordCount',
        { EntityNames: odataLiteral('["contact"]') },
      ),
    );
    expect(result.EntityRecordCountCollection.Values).toEqual([42]);
  });

  it('whoAmI returns the user, business unit and organization', async () => {
    const me = await withFixture('client/who-am-i', (url) => testClient(url).client.whoAmI());
    expect(me.UserId).toBe('f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9');
  });

  it('createMultiple types each target and returns the new ids', async () => {
    const ids = await withFixture('client/create-multiple', (url) =>
      testClient(url).client.createMultiple('contacts', 'contact', [
        { lastname: 'One' },
        { lastname: 'Two' },
      ]),
    );
    expect(ids).toEqual([ADA, '7a1e2d3c-4b5a-4968-8776-655443322110']);
  });

  it('updateMultiple POSTs UpdateMultiple with typed targets', async () => {
    await withFixture('client/update-multiple', (url) =>
      testClient(url).client.updateMultiple('contacts', 'contact', [{ contactid: ADA, jobtitle: 'Analyst' }]),
    );
  });
});
