/**
 * Undoing a redemption by the wrong person, against the emulator and in both data models: the
 * count, the redeemed contact, the status, the roles this invitation granted (not those another
 * redeemed invitation grants too), the sign-in it linked, a canceled activity and a note; a dry
 * run and every refusal write nothing; the races are in e2e-undo-races.test.ts.
 */
import { InvitationError } from '../../sdk/invitations/errors';
import { InvitationService } from '../../sdk/invitations/service';
import { RedemptionInProgressError } from '../../sdk/invitations/redemption-claim-options';
import {
  ENTRA,
  heldRoles,
  identityColumns,
  invitationState,
  notesOf,
  SEED,
  signInRows,
  startSignInHarness,
  type SignInHarness,
} from './sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness();
});
afterEach(() => h.close());

const WRONG = { provider: ENTRA, subject: 'someone-else', email: 'alice.adams@example.com' };

async function activityState(id: string): Promise<unknown> {
  return (await h.client.retrieve('adx_inviteredemptions', id, { select: ['statecode'] }))['statecode'];
}

describe.each([
  { site: 'Contoso Partner Portal', model: 'standard' as const, partners: SEED.webRoles.partners },
  { site: 'Fabrikam Partners', model: 'enhanced' as const, partners: SEED.enhancedWebRoles.partners },
])('undoing a single invitation for $site ($model data model)', ({ site, model, partners }) => {
  it('reverses the count, redeemed contact, status, role and sign-in, cancels the redemption and notes it', async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site,
      webRoles: ['Partners'],
    });
    await service.send(invitation.id);
    const redeemed = await service.redeem(invitation.code!, { externalLogin: WRONG });
    const stamp = (await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp'];

    const undo = await service.undoRedemption(redeemed.redemptionId);

    expect(undo).toMatchObject({
      applied: true,
      redemptions: { before: 1, after: 0 },
      status: { before: 'redeemed', after: 'sent' },
      redeemedContactRemoved: true,
      rolesRemoved: [{ id: partners, name: 'Partners', dataModel: model }],
      identityRemoved: { provider: ENTRA, subject: WRONG.subject },
    });
    expect(await invitationState(h.client, invitation.id)).toMatchObject({
      adx_redemptions: 0,
      statuscode: 756150000,
      _adx_redeemedcontact_value: null,
    });
    expect(await heldRoles(h.client, SEED.contacts.alice, model)).toEqual([]);
    expect(await signInRows(h.client)).toEqual([]);
    expect((await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp']).not.toBe(
      stamp,
    );
    expect(await activityState(redeemed.redemptionId)).toBe(2);
    const notes = await notesOf(h.client, invitation.id);
    expect(notes).toEqual([
      expect.objectContaining({ subject: 'Redemption undone', annotationid: undo.noteId }),
    ]);
    expect(notes[0]['notetext']).toContain(`Web roles removed: Partners (${model} data model, ${partners}).`);
  });
});

describe('undoing a redemption', () => {
  it('lets the right person redeem the code afterwards', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const wrong = await service.redeem(invitation.code!, { externalLogin: WRONG });
    await service.undoRedemption(wrong.redemptionId);

    const right = await service.redeem(invitation.code!, {
      externalLogin: { provider: ENTRA, subject: 'alice-herself', email: 'alice.adams@example.com' },
    });

    expect(right).toMatchObject({ status: 'redeemed', identityLinked: true });
    expect(await signInRows(h.client)).toEqual([expect.objectContaining({ adx_username: 'alice-herself' })]);
  });

  it('puts a never-sent invitation back to New', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    expect((await service.undoRedemption(redeemed.redemptionId)).status.after).toBe('new');
    expect(await invitationState(h.client, invitation.id)).toMatchObject({ statuscode: 1 });
  });

  it('keeps a role another redeemed invitation of the contact also grants', async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const site = 'Contoso Partner Portal';
    const first = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site,
      webRoles: ['Partners'],
    });
    const second = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site,
      webRoles: ['Partners', 'Administrators'],
    });
    await service.redeem(first.code!, { contactId: SEED.contacts.alice });
    const wrong = await service.redeem(second.code!, { contactId: SEED.contacts.alice });

    const undo = await service.undoRedemption(wrong.redemptionId);

    expect(undo.rolesRemoved.map((r) => r.id)).toEqual([SEED.webRoles.administrators]);
    expect(undo.rolesKept).toEqual([
      expect.objectContaining({ id: SEED.webRoles.partners, grantedBy: [first.id] }),
    ]);
    expect(await heldRoles(h.client, SEED.contacts.alice, 'standard')).toEqual([SEED.webRoles.partners]);
  });

  it("removes only this contact from a group's redeemed contacts", async () => {
    const service = new InvitationService(h.client);
    const group = await service.create({ type: 'group', contacts: [], maxRedemptions: 2 });
    await service.redeem(group.code!, { contactId: SEED.contacts.bob });
    const wrong = await service.redeem(group.code!, { contactId: SEED.contacts.alice });

    const undo = await service.undoRedemption(wrong.redemptionId);

    expect(undo).toMatchObject({
      redemptions: { before: 2, after: 1 },
      status: { before: 'redeemed', after: 'new' },
    });
    const after = await invitationState(h.client, group.id);
    expect(after['adx_invitation_redeemedcontacts']).toEqual([
      expect.objectContaining({ contactid: SEED.contacts.bob }),
    ]);
    expect(await service.redeem(group.code!, { contactId: SEED.contacts.carol })).toMatchObject({
      status: 'redeemed',
    });
  });

  it('leaves a sign-in that was linked before the redemption (it did not write it)', async () => {
    const service = new InvitationService(h.client);
    const first = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(first.code!, { externalLogin: WRONG });
    const open = await service.create({ type: 'group', contacts: [] });
    const second = await service.redeem(open.code!, { externalLogin: WRONG });

    expect((await service.undoRedemption(second.redemptionId)).identityRemoved).toBeUndefined();
    expect(await signInRows(h.client)).toHaveLength(1);
  });

  it('never applies a canceled redemption afterwards', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      webRoles: ['Partners'],
      site: 'Contoso Partner Portal',
    });
    const redeemed = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    await service.undoRedemption(redeemed.redemptionId);

    await expect(service.applyRedemption(redeemed.redemptionId)).rejects.toMatchObject({
      reason: 'inactive',
    });
    expect(await heldRoles(h.client, SEED.contacts.alice, 'standard')).toEqual([]);
  });
});

describe('a dry run and refusals write nothing', () => {
  async function snapshot(invitationId: string) {
    return {
      invitation: await invitationState(h.client, invitationId),
      rows: await signInRows(h.client),
      notes: await notesOf(h.client, invitationId),
      roles: await heldRoles(h.client, SEED.contacts.alice, 'standard'),
    };
  }

  it('reports what it would change in a dry run and changes nothing', async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      webRoles: ['Partners'],
      site: 'Contoso Partner Portal',
    });
    const redeemed = await service.redeem(invitation.code!, { externalLogin: WRONG });
    const before = await snapshot(invitation.id);

    const plan = await service.undoRedemption(redeemed.redemptionId, { dryRun: true });

    expect(plan).toMatchObject({
      applied: false,
      redemptions: { after: 0 },
      rolesRemoved: [{ id: SEED.webRoles.partners }],
    });
    expect(plan.noteId).toBeUndefined();
    expect(await snapshot(invitation.id)).toEqual(before);
    expect(await activityState(redeemed.redemptionId)).toBe(1);
  });

  it('refuses a second undo of the same redemption as invalid', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    await service.undoRedemption(redeemed.redemptionId);
    const before = await snapshot(invitation.id);

    await expect(service.undoRedemption(redeemed.redemptionId)).rejects.toMatchObject({ reason: 'invalid' });
    expect(await snapshot(invitation.id)).toEqual(before);
  });

  it('refuses an unknown redemption as not_found', async () => {
    const service = new InvitationService(h.client);
    const error = await service
      .undoRedemption('0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0effff')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvitationError);
    expect(error).toMatchObject({ reason: 'not_found' });
  });

  it('refuses while the redemption is being applied (its claim holds), writing nothing', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    await h.client.update('adx_inviteredemptions', redeemed.redemptionId, {
      scheduledend: new Date(Date.now() + 60_000).toISOString(),
    });
    const before = await snapshot(invitation.id);

    await expect(service.undoRedemption(redeemed.redemptionId)).rejects.toBeInstanceOf(
      RedemptionInProgressError,
    );
    expect(await snapshot(invitation.id)).toEqual(before);
  });
});
