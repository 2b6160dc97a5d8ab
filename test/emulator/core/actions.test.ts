import type { ActionRequest } from '../../../emulator/contracts';
import { SEED } from '../../../emulator/core';
import { startTestEmulator } from './helpers';
import type { TestEmulator } from './helpers';

describe('emulator core: actions and functions', () => {
  let em: TestEmulator;
  const calls: ActionRequest[] = [];
  beforeEach(async () => {
    calls.length = 0;
    em = await startTestEmulator({
      extensions: {
        actions: {
          ExecuteWorkflow: async (request, ops) => {
            calls.push(request);
            const job = await ops.create(
              'asyncoperation',
              { name: 'run', operationtype: 10 },
              request.context,
            );
            return { body: { id: job.id } };
          },
          RetrieveThing: async (request) => {
            calls.push(request);
            return { body: { ok: true } };
          },
          PublishAllXml: async (request) => {
            calls.push(request);
            return {};
          },
        },
      },
    });
  });
  afterEach(() => em.close());

  test('WhoAmI answers the seeded caller', async () => {
    const res = await em.request('GET', 'WhoAmI');
    expect(res.json).toMatchObject({
      UserId: SEED.systemUserId,
      BusinessUnitId: SEED.businessUnitId,
      OrganizationId: SEED.organizationId,
    });
    expect(res.json['@odata.context']).toContain('Microsoft.Dynamics.CRM.WhoAmIResponse');
  });

  test('CallerObjectId impersonates the system user with that Entra object id, and an unknown one is 403', async () => {
    const me = await em.request('GET', 'WhoAmI', {
      headers: { CallerObjectId: '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e00aa' },
    });
    expect(me.json.UserId).toBe(SEED.systemUserId);
    const unknown = await em.request('GET', 'WhoAmI', {
      headers: { CallerObjectId: '99999999-1c49-4f7b-9d0e-5a2b7c0e00aa' },
    });
    expect(unknown.status).toBe(403);
  });

  test('a bound action reaches its extension handler with the bound row and body', async () => {
    const res = await em.request(
      'POST',
      `workflows(${SEED.sendInvitationWorkflowId})/Microsoft.Dynamics.CRM.ExecuteWorkflow`,
      {
        body: { EntityId: SEED.contacts.alice },
      },
    );
    expect(res.status).toBe(200);
    expect(calls[0]).toMatchObject({
      name: 'ExecuteWorkflow',
      body: { EntityId: SEED.contacts.alice },
      boundTo: { entityName: 'workflow', id: SEED.sendInvitationWorkflowId },
    });
    expect(em.core.ops.retrieve('asyncoperation', res.json.id)).toBeDefined();
  });

  test('an unbound action without a result answers 204', async () => {
    const res = await em.request('POST', 'PublishAllXml', { body: {} });
    expect(res.status).toBe(204);
    expect(calls[0].boundTo).toBeUndefined();
  });

  test('a function with parameter aliases receives its parameters', async () => {
    const res = await em.request('GET', "RetrieveThing(Name=@p1,Count=3)?@p1='Jo''s'");
    expect(res.status).toBe(200);
    expect(calls.at(-1)).toMatchObject({ name: 'RetrieveThing', body: { Name: "Jo's", Count: 3 } });
  });

  test('an unknown action is 404', async () => {
    expect((await em.request('POST', 'NoSuchAction', { body: {} })).status).toBe(404);
  });

  test('CreateMultiple creates every target and returns their ids', async () => {
    const res = await em.request('POST', 'contacts/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: {
        Targets: [
          { '@odata.type': 'Microsoft.Dynamics.CRM.contact', lastname: 'Multi1' },
          {
            '@odata.type': 'Microsoft.Dynamics.CRM.contact',
            contactid: '77777777-2222-4333-8444-555555555555',
            lastname: 'Multi2',
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.Ids).toHaveLength(2);
    expect(res.json.Ids[1]).toBe('77777777-2222-4333-8444-555555555555');
  });

  test('CreateMultiple is all or nothing', async () => {
    const res = await em.request('POST', 'contacts/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: {
        Targets: [
          { '@odata.type': 'Microsoft.Dynamics.CRM.contact', lastname: 'AllOrNothing' },
          { '@odata.type': 'Microsoft.Dynamics.CRM.contact', lastname: 'x'.repeat(60) },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(em.core.ops.find('contact', { lastname: 'AllOrNothing' })).toEqual([]);
  });

  test('CreateMultiple needs @odata.type on each target', async () => {
    const res = await em.request('POST', 'contacts/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: { Targets: [{ lastname: 'NoType' }] },
    });
    expect(res.status).toBe(400);
  });

  test('UpdateMultiple updates every target', async () => {
    const res = await em.request('POST', 'contacts/Microsoft.Dynamics.CRM.UpdateMultiple', {
      body: {
        Targets: [
          {
            '@odata.type': 'Microsoft.Dynamics.CRM.contact',
            contactid: SEED.contacts.alice,
            jobtitle: 'CEO',
          },
          { '@odata.type': 'Microsoft.Dynamics.CRM.contact', contactid: SEED.contacts.bob, jobtitle: 'CTO' },
        ],
      },
    });
    expect(res.status).toBe(204);
    expect(em.core.ops.retrieve('contact', SEED.contacts.bob)?.values.jobtitle).toBe('CTO');
  });
});
