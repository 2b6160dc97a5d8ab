import { SEED } from '../../../emulator/core';
import { idFromEntityId, startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

describe('emulator core: create, retrieve, update, delete', () => {
  let em: TestEmulator;
  beforeEach(async () => {
    em = await startTestEmulator();
  });
  afterEach(() => em.close());

  test('create answers 204 with OData-EntityId and OData-Version 4.0', async () => {
    const res = await em.request('POST', 'contacts', { body: { firstname: 'Gina', lastname: 'Gray' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('odata-version')).toBe('4.0');
    expect(res.headers.get('odata-entityid')).toMatch(
      new RegExp(`^${em.core.apiUrl.replace(/[.$]/g, '\\$&')}contacts\\([0-9a-f-]{36}\\)$`),
    );
  });

  test('create with return=representation answers 201 with the row, its etag and computed fullname', async () => {
    const res = await em.request('POST', 'contacts?$select=fullname,firstname', {
      body: { firstname: 'Gina', lastname: 'Gray' },
      headers: { Prefer: 'return=representation' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ fullname: 'Gina Gray', firstname: 'Gina' });
    expect(res.json['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect(res.json['@odata.context']).toContain('$metadata#contacts/$entity');
  });

  test('a client-chosen id is kept and a second create with it fails 412 0x80040237', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    const first = await em.request('POST', 'contacts', { body: { contactid: id, lastname: 'Chosen' } });
    expect(idFromEntityId(first.headers.get('odata-entityid'))).toBe(id);
    const second = await em.request('POST', 'contacts', { body: { contactid: id, lastname: 'Again' } });
    expect(second.status).toBe(412);
    expect(second.json.error.code).toBe('0x80040237');
  });

  test('retrieve of a missing row is 404 0x80040217', async () => {
    const res = await em.request('GET', 'contacts(99999999-2222-4333-8444-555555555555)');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('0x80040217');
  });

  test('lookups are bound with @odata.bind and read back as _x_value with annotations on request', async () => {
    const created = await em.request('POST', 'adx_invitations', {
      body: { adx_name: 'Welcome', 'adx_inviteContact@odata.bind': `/contacts(${SEED.contacts.alice})` },
    });
    const id = idFromEntityId(created.headers.get('odata-entityid'));
    const res = await em.request('GET', `adx_invitations(${id})?$select=_adx_invitecontact_value`, {
      headers: { Prefer: 'odata.include-annotations="*"' },
    });
    expect(res.json).toMatchObject({
      _adx_invitecontact_value: SEED.contacts.alice,
      '_adx_invitecontact_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'contact',
      '_adx_invitecontact_value@OData.Community.Display.V1.FormattedValue': 'Alice Adams',
      '_adx_invitecontact_value@Microsoft.Dynamics.CRM.associatednavigationproperty': 'adx_inviteContact',
    });
  });

  test('navigation names in @odata.bind are case-sensitive', async () => {
    const res = await em.request('POST', 'adx_invitations', {
      body: { adx_name: 'Welcome', 'adx_invitecontact@odata.bind': `/contacts(${SEED.contacts.alice})` },
    });
    expect(res.status).toBe(400);
  });

  test('annotations are absent unless Prefer asks for them', async () => {
    const res = await em.request('GET', `contacts(${SEED.contacts.alice})?$select=_ownerid_value,statecode`);
    expect(Object.keys(res.json).some((k) => k.includes('FormattedValue'))).toBe(false);
    expect(res.json._ownerid_value).toBe(SEED.systemUserId);
  });

  test('PATCH updates a row and bumps its etag', async () => {
    const before = await em.request('GET', `contacts(${SEED.contacts.bob})`);
    const res = await em.request('PATCH', `contacts(${SEED.contacts.bob})`, {
      body: { firstname: 'Robert' },
      headers: { 'If-Match': '*' },
    });
    expect(res.status).toBe(204);
    const after = await em.request('GET', `contacts(${SEED.contacts.bob})?$select=fullname`);
    expect(after.json.fullname).toBe('Robert Brown');
    expect(after.json['@odata.etag']).not.toBe(before.json['@odata.etag']);
  });

  test('PATCH with a stale If-Match etag fails 412 0x80060882', async () => {
    const before = await em.request('GET', `contacts(${SEED.contacts.bob})`);
    await em.request('PATCH', `contacts(${SEED.contacts.bob})`, { body: { firstname: 'Rob' } });
    const res = await em.request('PATCH', `contacts(${SEED.contacts.bob})`, {
      body: { firstname: 'Bobby' },
      headers: { 'If-Match': before.json['@odata.etag'] },
    });
    expect(res.status).toBe(412);
    expect(res.json.error.code).toBe('0x80060882');
  });

  test('two concurrent PATCHes with the same etag: exactly one wins', async () => {
    const row = await em.request('GET', `contacts(${SEED.contacts.bob})`);
    const attempt = (name: string) =>
      em.request('PATCH', `contacts(${SEED.contacts.bob})`, {
        body: { firstname: name },
        headers: { 'If-Match': row.json['@odata.etag'] },
      });
    const statuses = (await Promise.all([attempt('One'), attempt('Two'), attempt('Three')]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([204, 412, 412]);
  });

  test('PATCH with If-Match: * on a missing row is 404 and creates nothing', async () => {
    const id = '22222222-2222-4333-8444-555555555555';
    const res = await em.request('PATCH', `contacts(${id})`, {
      body: { lastname: 'Ghost' },
      headers: { 'If-Match': '*' },
    });
    expect(res.status).toBe(404);
    expect((await em.request('GET', `contacts(${id})`)).status).toBe(404);
  });

  test('PATCH without If-Match on a missing row creates it (upsert)', async () => {
    const id = '33333333-2222-4333-8444-555555555555';
    const res = await em.request('PATCH', `contacts(${id})`, { body: { lastname: 'Upserted' } });
    expect(res.status).toBe(204);
    expect((await em.request('GET', `contacts(${id})?$select=lastname`)).json.lastname).toBe('Upserted');
  });

  test('PATCH with If-None-Match: * on an existing row fails 412', async () => {
    const res = await em.request('PATCH', `contacts(${SEED.contacts.bob})`, {
      body: { lastname: 'X' },
      headers: { 'If-None-Match': '*' },
    });
    expect(res.status).toBe(412);
  });

  test('GET with a current If-None-Match etag answers 304', async () => {
    const row = await em.request('GET', `contacts(${SEED.contacts.carol})`);
    const res = await em.request('GET', `contacts(${SEED.contacts.carol})`, {
      headers: { 'If-None-Match': row.json['@odata.etag'] },
    });
    expect(res.status).toBe(304);
  });

  test('DELETE removes the row', async () => {
    expect((await em.request('DELETE', `contacts(${SEED.contacts.dan})`)).status).toBe(204);
    expect((await em.request('GET', `contacts(${SEED.contacts.dan})`)).status).toBe(404);
  });

  test('DELETE of a missing row is 404', async () => {
    expect((await em.request('DELETE', 'contacts(44444444-2222-4333-8444-555555555555)')).status).toBe(404);
  });

  test('a single property can be read and cleared', async () => {
    const read = await em.request('GET', `contacts(${SEED.contacts.erin})/emailaddress1`);
    expect(read.json.value).toBe('erin.evans@example.com');
    expect((await em.request('DELETE', `contacts(${SEED.contacts.erin})/emailaddress1`)).status).toBe(204);
    expect((await em.request('GET', `contacts(${SEED.contacts.erin})/emailaddress1`)).json.value).toBeNull();
  });

  test('an email created with activity parties exposes them through email_activity_parties', async () => {
    const created = await em.request('POST', 'emails', {
      body: {
        subject: 'Hello',
        email_activity_parties: [
          { participationtypemask: 1, 'partyid_systemuser@odata.bind': `/systemusers(${SEED.systemUserId})` },
          { participationtypemask: 2, 'partyid_contact@odata.bind': `/contacts(${SEED.contacts.alice})` },
        ],
      },
    });
    const id = idFromEntityId(created.headers.get('odata-entityid'));
    const res = await em.request(
      'GET',
      `emails(${id})?$select=subject&$expand=email_activity_parties($select=participationtypemask,addressused,_partyid_value)`,
    );
    const to = res.json.email_activity_parties.find(
      (p: { participationtypemask: number }) => p.participationtypemask === 2,
    );
    expect(to).toMatchObject({ _partyid_value: SEED.contacts.alice, addressused: 'alice.adams@example.com' });
    expect(em.core.ops.retrieve('email', id)?.values.to).toEqual([
      { logicalName: 'contact', id: SEED.contacts.alice },
    ]);
  });
});
