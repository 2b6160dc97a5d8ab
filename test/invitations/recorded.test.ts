/**
 * The request sequences of create, send and redeem (by a contact and by a registration), replayed
 * from recordings made against the emulator (record again with NOCK_BACK_MODE=record; only the
 * missing ones are recorded by default). Inputs carry fixed ids, codes and clocks,
 * so every request body is pinned too: JSON bodies as recorded, and the `$batch` bodies (the
 * If-Match-guarded redemption change set) after their random boundaries are fixed. A fresh
 * recording replays as written: no hand edits.
 */
import { startEmulator } from '../../emulator/index';
import { SEED } from '../../emulator/core';
import { InvitationService } from '../../sdk/invitations/service';
import { registrantContactId, usernameClaimId } from '../../sdk/invitations/username-claim';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';

const startServer = () => startEmulator({ port: 0, db: ':memory:', seed: true });
const ID = '7a1f0c52-3b4d-4e5f-8a6b-7c8d9e0f1a2b';
const CODE = 'recorded-code-0001-abcdef';
const NOW = Date.parse('2026-11-01T00:00:00Z');
const now = () => NOW;
// The code is a fixed, fake test input: kept verbatim, so a fresh recording replays as written.
const fixtureOptions = { startServer, normaliseBodies: true, keep: [CODE] };

describe('recorded request sequences', () => {
  it('create: one query per kind of reference, then one POST with the links', async () => {
    const created = await withFixture(
      'invitations/create',
      (url) =>
        new InvitationService(testClient(url).client, { now }).create({
          id: ID,
          code: CODE,
          type: 'single',
          contact: SEED.contacts.alice,
          account: SEED.accountId,
          webRoles: [SEED.webRoles.partners],
        }),
      fixtureOptions,
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
        const service = new InvitationService(testClient(url).client, { now });
        await service.create({ id: ID, code: CODE, type: 'single', contact: SEED.contacts.bob });
        return service.send(ID);
      },
      fixtureOptions,
    );
    expect(results).toEqual([expect.objectContaining({ id: ID, status: 'sent' })]);
  });

  it('redeem: the lookup and one change set, then the in-process handlers', async () => {
    const result = await withFixture(
      'invitations/redeem',
      async (url) => {
        // The redemption activity, then the holder of its apply claim.
        const ids = ['5e1d2c3b-0000-4000-8000-000000000002', '5e1d2c3b-0000-4000-8000-000000000003'];
        const service = new InvitationService(testClient(url).client, {
          handlers: 'in-process',
          now,
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
      fixtureOptions,
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

  it('redeem with registration: the lookups and one change set claiming the username', async () => {
    const result = await withFixture(
      'invitations/redeem-registration',
      async (url) => {
        const service = new InvitationService(testClient(url).client, {
          now,
          newId: () => '5e1d2c3b-0000-4000-8000-0000000000aa',
        });
        await service.create({ id: ID, code: CODE, type: 'group', maxRedemptions: 2 });
        return service.redeem(CODE, {
          registration: { email: 'newcomer@example.com', username: 'Newcomer', password: 'Recorded-Pass-1' },
        });
      },
      fixtureOptions,
    );
    expect(result).toMatchObject({
      invitationId: ID,
      contactId: registrantContactId('newcomer'),
      redemptionId: usernameClaimId('newcomer'),
      redemptions: 1,
    });
  });
});
