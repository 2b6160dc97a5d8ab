/**
 * The enhanced data model's tables in the emulator, over HTTP as any client sees them: the seeded
 * powerpagesite and its components, the mspp_webrole / mspp_website views (read-only, type-11
 * rows only), the web role N:N on powerpagecomponent with $expand and $ref, and the invitation's
 * site lookup.
 */
import { SEED } from '../../../emulator/core';
import { startTestEmulator, type TestEmulator } from '../core/helpers';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

const roles = SEED.enhancedWebRoles;

describe('enhanced data model tables', () => {
  test('the seeded enhanced site is a powerpagesite row with its documented columns', async () => {
    const res = await em.request(
      'GET',
      `powerpagesites(${SEED.enhancedSiteId})?$select=name,datamodelversion,primarydomainname,statecode`,
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      powerpagesiteid: SEED.enhancedSiteId,
      name: 'Fabrikam Partners',
      primarydomainname: 'fabrikam-partners.powerappsportals.com',
      statecode: 0,
    });
    expect(typeof res.json.datamodelversion).toBe('string');
  });

  test('the standard site keeps its name and id beside it', async () => {
    const res = await em.request('GET', `adx_websites(${SEED.websiteId})?$select=adx_name`);
    expect(res.json.adx_name).toBe('Contoso Partner Portal');
  });

  test('web roles are powerpagecomponent rows of type 11 pointing at their site', async () => {
    const res = await em.request(
      'GET',
      `powerpagecomponents?$select=name,_powerpagesiteid_value&$filter=powerpagecomponenttype eq 11&$orderby=name`,
    );
    expect(res.json.value.map((r: { name: string }) => r.name)).toEqual([
      'Authenticated Users',
      'Partners',
      'Suppliers',
    ]);
    expect(new Set(res.json.value.map((r: Record<string, string>) => r._powerpagesiteid_value))).toEqual(
      new Set([SEED.enhancedSiteId]),
    );
  });

  test('mspp_webrole shows the web role components only, under its own names', async () => {
    const res = await em.request(
      'GET',
      'mspp_webroles?$select=mspp_name,_mspp_websiteid_value&$orderby=mspp_name',
    );
    expect(res.status).toBe(200);
    expect(res.json.value).toEqual([
      expect.objectContaining({ mspp_webroleid: roles.authenticated, mspp_name: 'Authenticated Users' }),
      expect.objectContaining({ mspp_webroleid: roles.partners, mspp_name: 'Partners' }),
      expect.objectContaining({
        mspp_webroleid: roles.suppliers,
        mspp_name: 'Suppliers',
        _mspp_websiteid_value: SEED.enhancedSiteId,
      }),
    ]);
  });

  test('mspp_webrole filters, expands its site from mspp_website, and follows its component', async () => {
    const res = await em.request(
      'GET',
      `mspp_webroles?$filter=mspp_name eq 'Suppliers'&$expand=mspp_websiteid($select=mspp_name)`,
    );
    expect(res.json.value).toHaveLength(1);
    expect(res.json.value[0].mspp_websiteid).toMatchObject({ mspp_name: 'Fabrikam Partners' });
    await em.request('PATCH', `powerpagecomponents(${roles.suppliers})`, { body: { name: 'Vendors' } });
    const renamed = await em.request('GET', `mspp_webroles(${roles.suppliers})?$select=mspp_name`);
    expect(renamed.json.mspp_name).toBe('Vendors');
    await em.request('PATCH', `powerpagecomponents(${roles.suppliers})`, { body: { name: 'Suppliers' } });
  });

  test('a write to mspp_webrole is refused with a Dataverse-shaped error and changes nothing', async () => {
    const create = await em.request('POST', 'mspp_webroles', { body: { mspp_name: 'Ghost' } });
    const update = await em.request('PATCH', `mspp_webroles(${roles.partners})`, {
      body: { mspp_name: 'X' },
    });
    const remove = await em.request('DELETE', `mspp_webroles(${roles.partners})`);
    for (const res of [create, update, remove]) {
      expect(res.status).toBe(405);
      expect(res.json.error).toEqual({
        code: expect.stringMatching(/^0x/),
        message: expect.stringContaining('read-only view'),
      });
    }
    const after = await em.request('GET', `powerpagecomponents(${roles.partners})?$select=name`);
    expect(after.json.name).toBe('Partners');
    const count = await em.request('GET', "mspp_webroles?$filter=mspp_name eq 'Ghost'");
    expect(count.json.value).toEqual([]);
  });

  test('mspp_webrole has no N:N to contact: a link through it is refused, not kept', async () => {
    const res = await em.request(
      'POST',
      `mspp_webroles(${roles.partners})/powerpagecomponent_mspp_webrole_contact/$ref`,
      {
        body: { '@odata.id': `${em.core.apiUrl}contacts(${SEED.contacts.alice})` },
      },
    );
    expect(res.status).toBe(404);
    const held = await em.request(
      'GET',
      `contacts(${SEED.contacts.alice})/powerpagecomponent_mspp_webrole_contact`,
    );
    expect(held.json.value).toEqual([]);
  });

  test('mspp_website shows powerpagesite rows under its names, read-only', async () => {
    const res = await em.request(
      'GET',
      `mspp_websites(${SEED.enhancedSiteId})?$select=mspp_name,mspp_primarydomainname`,
    );
    expect(res.json).toMatchObject({ mspp_name: 'Fabrikam Partners' });
    const write = await em.request('PATCH', `mspp_websites(${SEED.enhancedSiteId})`, {
      body: { mspp_name: 'X' },
    });
    expect(write.status).toBe(405);
  });

  test('a contact holds a web role through powerpagecomponent_mspp_webrole_contact ($ref and $expand)', async () => {
    const link = await em.request(
      'POST',
      `powerpagecomponents(${roles.suppliers})/powerpagecomponent_mspp_webrole_contact/$ref`,
      {
        body: { '@odata.id': `${em.core.apiUrl}contacts(${SEED.contacts.dan})` },
      },
    );
    expect(link.status).toBe(204);
    const contact = await em.request(
      'GET',
      `contacts(${SEED.contacts.dan})?$select=contactid&$expand=powerpagecomponent_mspp_webrole_contact($select=name)`,
    );
    expect(contact.json.powerpagecomponent_mspp_webrole_contact).toEqual([
      expect.objectContaining({ powerpagecomponentid: roles.suppliers, name: 'Suppliers' }),
    ]);
    const unlink = await em.request(
      'DELETE',
      `contacts(${SEED.contacts.dan})/powerpagecomponent_mspp_webrole_contact(${roles.suppliers})/$ref`,
    );
    expect(unlink.status).toBe(204);
  });

  test('an invitation binds its powerpagesite and its web role components on create', async () => {
    const created = await em.request('POST', 'adx_invitations', {
      headers: { Prefer: 'return=representation' },
      body: {
        adx_name: 'Enhanced invitation',
        adx_type: 756150000,
        'mspp_websiteid@odata.bind': `/powerpagesites(${SEED.enhancedSiteId})`,
        'adx_invitation_mspp_webrole_powerpagecomponent@odata.bind': [
          `/powerpagecomponents(${roles.partners})`,
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json._mspp_websiteid_value).toBe(SEED.enhancedSiteId);
    const id = created.json.adx_invitationid as string;
    const read = await em.request(
      'GET',
      `adx_invitations(${id})?$select=adx_name&$expand=mspp_websiteid($select=name),adx_invitation_mspp_webrole_powerpagecomponent($select=name)`,
    );
    expect(read.json.mspp_websiteid).toMatchObject({ name: 'Fabrikam Partners' });
    expect(read.json.adx_invitation_mspp_webrole_powerpagecomponent).toEqual([
      expect.objectContaining({ powerpagecomponentid: roles.partners }),
    ]);
    const site = await em.request(
      'GET',
      `powerpagesites(${SEED.enhancedSiteId})/powerpagesite_mspp_websiteid_adx_invitation?$select=adx_name`,
    );
    expect(site.json.value.map((r: { adx_name: string }) => r.adx_name)).toContain('Enhanced invitation');
  });
});
