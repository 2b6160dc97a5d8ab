/**
 * The request sequences of create, send and redeem, replayed from recordings made against the
 * emulator (record again with NOCK_BACK_MODE=record). Inputs carry fixed ids and codes so the
 * replayed requests match the recorded ones. Bodies are not matched: the recorder's e-mail scrub
 * also rewrites `nav@odata.bind` keys, and the change set carries a random boundary. After a new
 * recording, drop the recorded `content-length` response headers (the host scrub changes the
 * body length, and a stale length makes the replay fail) until the recorder does it itself.
 */
import { startEmulator } from '../../emulator/index';
import { SEED } from '../../emulator/core';
import { InvitationService } from '../../sdk/invitations/service';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const startServer = () => startEmulator({ port: 0, db: ':memory:', seed: true });
const ID = '7a1f0c52-3b4d-4e5f-8a6b-7c8d9e0f1a2b';
const CODE = 'recorded-code-0001';

describe('recorded request sequences', () => {
  it('create: one query per kind of reference, then one POST with the links', async () => {
    const created = await withFixture(
      'invitations/create',
      (url) =>
        new InvitationService(testClient(url).client).create({
          id: ID,
          code: CODE,
          type: 'single',
          contact: SEED.contacts.alice,
          account: SEED.accountId,
          webRoles: [SEED.webRoles.partners],
        }),
      { startServer, ignoreBodies: true },
    );
    expect(created).toMatchObject({
      id: ID,
      code: CODE,
      type: 'single',
      webRoleIds: [SEED.webRoles.partners],
    });
  });

  it('send: find the workflow, read the invitation, ExecuteWorkflow', async () => {
    const results = await withFixture(
      'invitations/send',
      async (url) => {
        const service = new InvitationService(testClient(url).client);
        await service.create({ id: ID, code: CODE, type: 'single', contact: SEED.contacts.bob });
        return service.send(ID);
      },
      { startServer, ignoreBodies: true },
    );
    expect(results).toEqual([expect.objectContaining({ id: ID, status: 'sent' })]);
  });

  it('redeem: the lookup and one change set, then the in-process handlers', async () => {
    const result = await withFixture(
      'invitations/redeem',
      async (url) => {
        const ids = ['5e1d2c3b-0000-4000-8000-000000000001', '5e1d2c3b-0000-4000-8000-000000000002'];
        const service = new InvitationService(testClient(url).client, {
          handlers: 'in-process',
          newId: () => ids.shift()!,
        });
        await service.create({
          id: ID,
          code: CODE,
          type: 'single',
          contact: SEED.contacts.carol,
          account: SEED.accountId,
          webRoles: [SEED.webRoles.partners],
        });
        return service.redeem(CODE, { contactId: SEED.contacts.carol });
      },
      { startServer, ignoreBodies: true },
    );
    expect(result).toMatchObject({
      invitationId: ID,
      contactId: SEED.contacts.carol,
      status: 'redeemed',
      redemptions: 1,
    });
    expect(result.handlers).toEqual({
      accountAssigned: true,
      rolesAdded: [SEED.webRoles.partners],
      workflowStarted: false,
    });
  });
});
