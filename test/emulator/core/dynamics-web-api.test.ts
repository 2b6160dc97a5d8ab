import { DynamicsWebApi } from 'dynamics-web-api';
import { SEED } from '../../../emulator/core';
import { startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

// The standard third-party Dataverse client, used unchanged: the emulator must satisfy a client nobody here wrote.
describe('emulator core: driven by dynamics-web-api', () => {
  let em: TestEmulator;
  let api: DynamicsWebApi;
  beforeEach(async () => {
    em = await startTestEmulator();
    api = new DynamicsWebApi({
      serverUrl: em.core.url,
      onTokenRefresh: async () => 'any-token',
      dataApi: { version: '9.2' },
    });
  });
  afterEach(() => em.close());

  test('creates and retrieves a row', async () => {
    const id = await api.create<Record<string, unknown>, string>({
      collection: 'contacts',
      data: { firstname: 'Dana', lastname: 'Web' },
    });
    const row = await api.retrieve({ collection: 'contacts', key: id, select: ['fullname'] });
    expect(row.fullname).toBe('Dana Web');
  });

  test('creates with return representation and annotations', async () => {
    const row = await api.create<Record<string, unknown>, Record<string, unknown>>({
      collection: 'adx_invitations',
      data: { adx_name: 'DWA', 'adx_inviteContact@odata.bind': `contacts(${SEED.contacts.alice})` },
      returnRepresentation: true,
      includeAnnotations: 'OData.Community.Display.V1.FormattedValue',
    });
    expect(row['_adx_invitecontact_value@OData.Community.Display.V1.FormattedValue']).toBe('Alice Adams');
  });

  test('filters and pages with retrieveMultiple and retrieveAll', async () => {
    const first = await api.retrieveMultiple({
      collection: 'contacts',
      select: ['fullname'],
      filter: "contains(emailaddress1,'example')",
      maxPageSize: 2,
    });
    expect(first.value).toHaveLength(2);
    expect(first.oDataNextLink).toBeDefined();
    const second = await api.retrieveMultiple(
      { collection: 'contacts', select: ['fullname'], maxPageSize: 2 },
      first.oDataNextLink,
    );
    expect(second.value).toHaveLength(2);
    const all = await api.retrieveAll({
      collection: 'contacts',
      select: ['fullname'],
      filter: "contains(emailaddress1,'example')",
      maxPageSize: 2,
    });
    expect(all.value).toHaveLength(5);
  });

  test('associates and disassociates through N:N', async () => {
    await api.associate({
      collection: 'adx_webroles',
      primaryKey: SEED.webRoles.partners,
      relationshipName: 'adx_webrole_contact',
      relatedCollection: 'contacts',
      relatedKey: SEED.contacts.bob,
    });
    expect(em.core.ops.related('adx_webrole_contact', 'contact', SEED.contacts.bob)).toEqual([
      SEED.webRoles.partners,
    ]);
    await api.disassociate({
      collection: 'adx_webroles',
      primaryKey: SEED.webRoles.partners,
      relationshipName: 'adx_webrole_contact',
      relatedKey: SEED.contacts.bob,
    });
    expect(em.core.ops.related('adx_webrole_contact', 'contact', SEED.contacts.bob)).toEqual([]);
  });

  test('updates with an etag; a stale etag is a failed precondition (dynamics-web-api answers false)', async () => {
    const row = await api.retrieve({
      collection: 'contacts',
      key: SEED.contacts.carol,
      select: ['fullname'],
    });
    expect(
      await api.update({
        collection: 'contacts',
        key: SEED.contacts.carol,
        data: { jobtitle: 'Lead' },
        ifmatch: row['@odata.etag'],
      }),
    ).toBe(true);
    expect(
      await api.update({
        collection: 'contacts',
        key: SEED.contacts.carol,
        data: { jobtitle: 'Lead' },
        ifmatch: row['@odata.etag'],
      }),
    ).toBe(false);
  });

  test('runs a batch with a change set', async () => {
    api.startBatch();
    void api.create({ collection: 'contacts', data: { lastname: 'InBatch1' }, contentId: '1' });
    void api.create({
      collection: 'adx_invitations',
      data: { adx_name: 'BatchInv', 'adx_inviteContact@odata.bind': '$1' },
    });
    const responses = await api.executeBatch();
    expect(responses).toHaveLength(2);
    const invitation = em.core.ops.find('adx_invitation', { adx_name: 'BatchInv' })[0];
    const contact = em.core.ops.find('contact', { lastname: 'InBatch1' })[0];
    expect(invitation.values.adx_invitecontact).toEqual({ logicalName: 'contact', id: contact.id });
  });

  test('calls WhoAmI and a collection-bound action', async () => {
    const me = await api.callFunction('WhoAmI');
    expect(me.UserId).toBe(SEED.systemUserId);
    const result = await api.callAction({
      collection: 'contacts',
      actionName: 'Microsoft.Dynamics.CRM.CreateMultiple',
      action: { Targets: [{ '@odata.type': 'Microsoft.Dynamics.CRM.contact', lastname: 'ViaAction' }] },
    });
    expect(result.Ids).toHaveLength(1);
  });

  test('surfaces a Dataverse error for a missing row', async () => {
    await expect(
      api.retrieve({ collection: 'contacts', key: '88888888-2222-4333-8444-555555555555' }),
    ).rejects.toMatchObject({ status: 404, code: '0x80040217' });
  });
});
