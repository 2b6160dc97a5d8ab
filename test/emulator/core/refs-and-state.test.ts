import { SEED } from '../../../emulator/core';
import { idFromEntityId, startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

describe('emulator core: $ref associate and disassociate', () => {
  let em: TestEmulator;
  beforeEach(async () => {
    em = await startTestEmulator();
  });
  afterEach(() => em.close());

  const roleRef = (id: string) => ({ '@odata.id': `${em.core.apiUrl}adx_webroles(${id})` });

  test('POST .../<nav>/$ref associates an N:N pair', async () => {
    const res = await em.request('POST', `contacts(${SEED.contacts.alice})/adx_webrole_contact/$ref`, {
      body: roleRef(SEED.webRoles.partners),
    });
    expect(res.status).toBe(204);
    expect(em.core.ops.related('adx_webrole_contact', 'adx_webrole', SEED.webRoles.partners)).toEqual([
      SEED.contacts.alice,
    ]);
  });

  test('associating the same pair twice is refused as a duplicate', async () => {
    await em.request('POST', `contacts(${SEED.contacts.alice})/adx_webrole_contact/$ref`, {
      body: roleRef(SEED.webRoles.partners),
    });
    const res = await em.request('POST', `contacts(${SEED.contacts.alice})/adx_webrole_contact/$ref`, {
      body: roleRef(SEED.webRoles.partners),
    });
    expect(res.json.error.code).toBe('0x80040237');
  });

  test('DELETE .../<nav>(<id>)/$ref and .../<nav>/$ref?$id= disassociate', async () => {
    await em.request('POST', `contacts(${SEED.contacts.alice})/adx_webrole_contact/$ref`, {
      body: roleRef(SEED.webRoles.partners),
    });
    await em.request('POST', `contacts(${SEED.contacts.alice})/adx_webrole_contact/$ref`, {
      body: roleRef(SEED.webRoles.administrators),
    });
    expect(
      (
        await em.request(
          'DELETE',
          `contacts(${SEED.contacts.alice})/adx_webrole_contact(${SEED.webRoles.partners})/$ref`,
        )
      ).status,
    ).toBe(204);
    const byId = encodeURIComponent(`${em.core.apiUrl}adx_webroles(${SEED.webRoles.administrators})`);
    expect(
      (await em.request('DELETE', `contacts(${SEED.contacts.alice})/adx_webrole_contact/$ref?$id=${byId}`))
        .status,
    ).toBe(204);
    expect(em.core.ops.related('adx_webrole_contact', 'contact', SEED.contacts.alice)).toEqual([]);
  });

  test('PUT .../<lookup nav>/$ref sets a lookup and DELETE clears it', async () => {
    const put = await em.request('PUT', `contacts(${SEED.contacts.bob})/parentcustomerid_account/$ref`, {
      body: { '@odata.id': `${em.core.apiUrl}accounts(${SEED.accountId})` },
    });
    expect(put.status).toBe(204);
    expect(em.core.ops.retrieve('contact', SEED.contacts.bob)?.values.parentcustomerid).toEqual({
      logicalName: 'account',
      id: SEED.accountId,
    });
    await em.request('DELETE', `contacts(${SEED.contacts.bob})/parentcustomerid_account/$ref`);
    expect(em.core.ops.retrieve('contact', SEED.contacts.bob)?.values.parentcustomerid).toBeNull();
  });

  test('an N:N @odata.bind array on create associates the rows', async () => {
    const res = await em.request('POST', 'adx_invitations', {
      body: {
        adx_name: 'Roles',
        'adx_invitation_webrole@odata.bind': [
          `/adx_webroles(${SEED.webRoles.partners})`,
          `/adx_webroles(${SEED.webRoles.authenticated})`,
        ],
      },
    });
    const id = idFromEntityId(res.headers.get('odata-entityid'));
    expect(em.core.ops.related('adx_invitation_webrole', 'adx_invitation', id).sort()).toEqual(
      [SEED.webRoles.authenticated, SEED.webRoles.partners].sort(),
    );
  });
});

describe('emulator core: state, status and workflow rules', () => {
  let em: TestEmulator;
  beforeEach(async () => {
    em = await startTestEmulator();
  });
  afterEach(() => em.close());

  const newInvitation = async (): Promise<string> =>
    idFromEntityId(
      (await em.request('POST', 'adx_invitations', { body: { adx_name: 'S' } })).headers.get(
        'odata-entityid',
      ),
    );

  test('a new invitation is Active/New', async () => {
    const id = await newInvitation();
    expect(em.core.ops.retrieve('adx_invitation', id)?.values).toMatchObject({ statecode: 0, statuscode: 1 });
  });

  test('valid statecode/statuscode pairs are accepted', async () => {
    const id = await newInvitation();
    expect(
      (await em.request('PATCH', `adx_invitations(${id})`, { body: { statecode: 0, statuscode: 756150001 } }))
        .status,
    ).toBe(204);
    expect(
      (await em.request('PATCH', `adx_invitations(${id})`, { body: { statecode: 1, statuscode: 2 } })).status,
    ).toBe(204);
  });

  test('a status that does not belong to the state is 400', async () => {
    const id = await newInvitation();
    const res = await em.request('PATCH', `adx_invitations(${id})`, {
      body: { statecode: 1, statuscode: 756150000 },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/not a valid status code/);
  });

  test('statecode alone takes the state default status', async () => {
    const id = await newInvitation();
    await em.request('PATCH', `adx_invitations(${id})`, { body: { statecode: 1 } });
    expect(em.core.ops.retrieve('adx_invitation', id)?.values).toMatchObject({ statecode: 1, statuscode: 2 });
  });

  test('updating the XAML of an activated workflow is refused', async () => {
    const res = await em.request('PATCH', `workflows(${SEED.sendInvitationWorkflowId})`, {
      body: { xaml: '<Activity />' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('0x80045002');
    expect(res.json.error.message).toMatch(/^Cannot update a published workflow definition\./);
  });

  test('renaming an activated workflow is refused too', async () => {
    const res = await em.request('PATCH', `workflows(${SEED.sendInvitationWorkflowId})`, {
      body: { name: 'Renamed' },
    });
    expect(res.status).toBe(400);
  });

  test('deactivate, update the XAML, activate again succeeds', async () => {
    const url = `workflows(${SEED.sendInvitationWorkflowId})`;
    expect((await em.request('PATCH', url, { body: { statecode: 0, statuscode: 1 } })).status).toBe(204);
    expect((await em.request('PATCH', url, { body: { xaml: '<Activity />' } })).status).toBe(204);
    expect((await em.request('PATCH', url, { body: { statecode: 1, statuscode: 2 } })).status).toBe(204);
    expect(em.core.ops.retrieve('workflow', SEED.sendInvitationWorkflowId)?.values).toMatchObject({
      xaml: '<Activity />',
      statecode: 1,
    });
  });

  test('the seeded Send Invitation workflow is an activated on-demand definition on adx_invitation', async () => {
    const res = await em.request(
      'GET',
      `workflows?$select=name,primaryentity,ondemand,type,category,statecode&$filter=${encodeURIComponent("name eq 'Send Invitation' and statecode eq 1 and type eq 1")}`,
    );
    expect(res.json.value).toEqual([
      expect.objectContaining({
        workflowid: SEED.sendInvitationWorkflowId,
        primaryentity: 'adx_invitation',
        ondemand: true,
        type: 1,
        category: 0,
        statecode: 1,
      }),
    ]);
  });
});
