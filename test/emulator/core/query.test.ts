import { SEED } from '../../../emulator/core';
import { idFromEntityId, startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

const q = (filter: string): string =>
  `contacts?$select=fullname&$orderby=fullname&$filter=${encodeURIComponent(filter)}`;

describe('emulator core: query options', () => {
  let em: TestEmulator;
  let invitationId: string;
  beforeAll(async () => {
    em = await startTestEmulator();
    const created = await em.request('POST', 'adx_invitations', {
      body: {
        adx_name: 'Partners wave',
        adx_type: 756150001,
        'adx_inviteContact@odata.bind': `/contacts(${SEED.contacts.carol})`,
        'adx_invitation_webrole@odata.bind': [`/adx_webroles(${SEED.webRoles.partners})`],
        'adx_invitation_invitecontacts@odata.bind': [
          `/contacts(${SEED.contacts.alice})`,
          `/contacts(${SEED.contacts.bob})`,
        ],
      },
    });
    invitationId = idFromEntityId(created.headers.get('odata-entityid'));
    await em.request('PATCH', `contacts(${SEED.contacts.dan})`, {
      body: { 'parentcustomerid_account@odata.bind': `/accounts(${SEED.accountId})` },
    });
  });
  afterAll(() => em.close());

  const names = async (path: string): Promise<string[]> => {
    const res = await em.request('GET', path);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.json.value.map((r: { fullname?: string; adx_name?: string }) => r.fullname ?? r.adx_name);
  };

  test('$select returns only the selected columns plus the key and etag', async () => {
    const res = await em.request('GET', `contacts(${SEED.contacts.alice})?$select=emailaddress1`);
    expect(Object.keys(res.json).sort()).toEqual([
      '@odata.context',
      '@odata.etag',
      'contactid',
      'emailaddress1',
    ]);
  });

  test('contains, startswith and endswith filter strings case-insensitively', async () => {
    expect(await names(q("contains(emailaddress1,'EXAMPLE.ORG')"))).toEqual(['Carol Chen', 'Dan Diaz']);
    expect(await names(q("startswith(fullname,'a')"))).toEqual(['Alice Adams']);
    expect(await names(q("endswith(emailaddress1,'.com')"))).toEqual([
      'Alice Adams',
      'Bob Brown',
      'Erin Evans',
    ]);
  });

  test('eq null and ne null test for empty columns', async () => {
    expect(await names(q('emailaddress1 eq null'))).toEqual(['Frank Foster']);
    expect(await names(q('emailaddress1 ne null'))).toHaveLength(5);
  });

  test('and, or and not combine with OData precedence', async () => {
    expect(await names(q("firstname eq 'Alice' or firstname eq 'Bob' and lastname eq 'Nobody'"))).toEqual([
      'Alice Adams',
    ]);
    expect(await names(q("not (emailaddress1 eq null) and startswith(fullname,'C')"))).toEqual([
      'Carol Chen',
    ]);
    expect(await names(q("not startswith(fullname,'A') and startswith(fullname,'B')"))).toEqual([
      'Bob Brown',
    ]);
  });

  test('_x_value filters a lookup by id', async () => {
    expect(await names(q(`_parentcustomerid_value eq ${SEED.accountId}`))).toEqual(['Dan Diaz']);
  });

  test('any and all filter over N:N navigations', async () => {
    const withRole = await names(
      `adx_invitations?$select=adx_name&$filter=${encodeURIComponent("adx_invitation_webrole/any(r:r/adx_name eq 'Partners')")}`,
    );
    expect(withRole).toEqual(['Partners wave']);
    const none = await names(
      `adx_invitations?$select=adx_name&$filter=${encodeURIComponent("adx_invitation_webrole/any(r:r/adx_name eq 'Administrators')")}`,
    );
    expect(none).toEqual([]);
    const all = await names(
      `adx_invitations?$select=adx_name&$filter=${encodeURIComponent("adx_invitation_invitecontacts/all(c:endswith(c/emailaddress1,'.com'))")}`,
    );
    expect(all).toEqual(['Partners wave']);
  });

  test('any filters over a 1:N navigation', async () => {
    const res = await em.request(
      'GET',
      `accounts?$select=name&$filter=${encodeURIComponent("contact_customer_accounts/any(c:c/firstname eq 'Dan')")}`,
    );
    expect(res.json.value.map((a: { name: string }) => a.name)).toEqual(['Contoso Partners']);
  });

  test('a filter through a lookup navigation reads the related row', async () => {
    const res = await em.request(
      'GET',
      `adx_invitations?$select=adx_name&$filter=${encodeURIComponent("adx_inviteContact/emailaddress1 eq 'carol.chen@example.org'")}`,
    );
    expect(res.json.value).toHaveLength(1);
  });

  test('date-time comparisons filter on ISO-8601 values', async () => {
    expect(await names(q('createdon gt 2000-01-01T00:00:00Z'))).toHaveLength(6);
    expect(await names(q('createdon lt 2000-01-01T00:00:00Z'))).toEqual([]);
  });

  test('a comparison of mismatched types is 400', async () => {
    expect((await em.request('GET', q("statecode eq 'Active'"))).status).toBe(400);
  });

  test('$orderby desc and $top', async () => {
    expect(await names('contacts?$select=fullname&$orderby=lastname desc&$top=2')).toEqual([
      'Frank Foster',
      'Erin Evans',
    ]);
  });

  test('$expand of a lookup and of an N:N collection with nested options', async () => {
    const res = await em.request(
      'GET',
      `adx_invitations(${invitationId})?$select=adx_name&$expand=adx_inviteContact($select=fullname),adx_invitation_invitecontacts($select=fullname;$orderby=fullname desc;$top=1)`,
    );
    expect(res.json.adx_inviteContact).toMatchObject({ fullname: 'Carol Chen' });
    expect(res.json.adx_invitation_invitecontacts.map((c: { fullname: string }) => c.fullname)).toEqual([
      'Bob Brown',
    ]);
  });

  test('$count=true adds @odata.count and /$count answers the number as text', async () => {
    const res = await em.request(
      'GET',
      `contacts?$select=fullname&$count=true&$filter=${encodeURIComponent('emailaddress1 ne null')}`,
    );
    expect(res.json['@odata.count']).toBe(5);
    const count = await em.request('GET', 'contacts/$count');
    expect(count.text).toBe('6');
  });

  test('a collection navigation can be read directly', async () => {
    const res = await em.request(
      'GET',
      `adx_invitations(${invitationId})/adx_invitation_invitecontacts?$select=fullname&$orderby=fullname`,
    );
    expect(res.json.value.map((c: { fullname: string }) => c.fullname)).toEqual(['Alice Adams', 'Bob Brown']);
  });

  test('FormattedValue annotations give choice labels and booleans', async () => {
    const res = await em.request('GET', `adx_invitations(${invitationId})?$select=adx_type,statuscode`, {
      headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
    });
    expect(res.json['adx_type@OData.Community.Display.V1.FormattedValue']).toBe('Group');
    expect(res.json['statuscode@OData.Community.Display.V1.FormattedValue']).toBe('New');
  });
});
