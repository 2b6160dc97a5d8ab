/**
 * Error answers where Microsoft's pages show what Dataverse sends: status, code and text.
 */
import { idFromEntityId, startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

const MISSING = '66666666-2222-4333-8444-555555555555';

describe('emulator core: documented error answers', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());

  // https://learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors
  test('an unknown segment is 404 0x8006088a, as the troubleshooting page shows for GET Account', async () => {
    const res = await em.request('GET', 'Account');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: { code: '0x8006088a', message: "Resource not found for the segment 'Account'." },
    });
  });

  test('an unknown $select property is 400 with the documented text and code 0x0', async () => {
    const res = await em.request('GET', 'accounts?$select=Name');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        code: '0x0',
        message: "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.",
      },
    });
  });

  test('POST to a function is 404 "No HTTP resource was found", as for POST WhoAmI', async () => {
    const res = await em.request('POST', 'WhoAmI', { body: {} });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: {
        code: '',
        message: `No HTTP resource was found that matches the request URI '${em.core.apiUrl}WhoAmI'.`,
      },
    });
  });

  test('GET of an action is refused the same way', async () => {
    const res = await em.request('GET', 'contacts/Microsoft.Dynamics.CRM.CreateMultiple');
    expect(res.status).toBe(404);
    expect(res.json.error.message).toMatch(/^No HTTP resource was found that matches the request URI/);
  });

  test('a row that does not exist is 404 0x80040217 "Entity \'contact\' With Id = … Does Not Exist"', async () => {
    const res = await em.request('GET', `contacts(${MISSING})`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: { code: '0x80040217', message: `Entity 'contact' With Id = ${MISSING} Does Not Exist` },
    });
  });
});

// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables
describe('emulator core: nested $expand as join-tables.md describes it', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());

  test('a nested $expand over an N:N relationship is refused with 0x80060888', async () => {
    const res = await em.request(
      'GET',
      'adx_invitations?$select=adx_name&$expand=adx_invitation_webrole($select=adx_name;$expand=adx_websiteid($select=adx_name))',
    );
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      code: '0x80060888',
      message:
        "The navigation property 'adx_invitation_webrole' cannot be expanded. Only many-to-one relationships are supported for nested expansion.",
    });
  });

  test('single-valued navigations expand to several levels', async () => {
    const account = idFromEntityId(
      (await em.request('POST', 'accounts', { body: { name: 'Nested Ltd' } })).headers.get('odata-entityid'),
    );
    const contact = idFromEntityId(
      (
        await em.request('POST', 'contacts', {
          body: { lastname: 'Nested', 'parentcustomerid_account@odata.bind': `/accounts(${account})` },
        })
      ).headers.get('odata-entityid'),
    );
    const invitation = idFromEntityId(
      (
        await em.request('POST', 'adx_invitations', {
          body: { adx_name: 'Nested', 'adx_inviteContact@odata.bind': `/contacts(${contact})` },
        })
      ).headers.get('odata-entityid'),
    );
    const res = await em.request(
      'GET',
      `adx_invitations(${invitation})?$select=adx_name&$expand=adx_inviteContact($select=lastname;$expand=parentcustomerid_account($select=name))`,
    );
    expect(res.status).toBe(200);
    expect(res.json.adx_inviteContact).toMatchObject({
      lastname: 'Nested',
      parentcustomerid_account: { name: 'Nested Ltd', accountid: account },
    });
  });

  test('$top beside a nested $expand is refused with the documented text', async () => {
    const res = await em.request(
      'GET',
      'accounts?$select=name&$expand=contact_customer_accounts($select=fullname;$top=1;$expand=parentcustomerid_account($select=name))',
    );
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      code: '0x80060888',
      message:
        'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.',
    });
  });
});
