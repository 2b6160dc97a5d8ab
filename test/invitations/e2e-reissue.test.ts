/**
 * Reissuing an invitation against the emulator: a new code that redeems while the old one no
 * longer does, an optional new expiry, a note, an optional send; the refusals write nothing, and a
 * reissue racing a redemption with the old code ends in exactly one of the two.
 */
import { InvitationService } from '../../sdk/invitations/service';
import {
  invitationState,
  notesOf,
  outcomes,
  SEED,
  startSignInHarness,
  type SignInHarness,
} from './sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness();
});
afterEach(() => h.close());

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

describe('reissuing an invitation', () => {
  it('gives it a new code that redeems while the old one is refused not_found', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });

    const reissued = await service.reissue(invitation.id);

    expect(reissued.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reissued.code).not.toBe(invitation.code);
    await expect(service.redeem(invitation.code!, { contactId: SEED.contacts.alice })).rejects.toMatchObject({
      reason: 'not_found',
    });
    await expect(service.redeem(reissued.code, { contactId: SEED.contacts.alice })).resolves.toMatchObject({
      status: 'redeemed',
    });
  });

  it('sets a new expiry, records a note without the code, and returns the status to New', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      expiresOn: inDays(2),
    });
    await service.send(invitation.id);
    const expiresOn = inDays(30);

    const reissued = await service.reissue(invitation.id, { expiresOn });

    expect(reissued).toMatchObject({ previousStatus: 'sent', expiresOn });
    expect(await invitationState(h.client, invitation.id)).toMatchObject({
      statuscode: 1,
      adx_invitationcode: reissued.code,
      adx_expirydate: expiresOn.toISOString().replace('.000Z', 'Z'),
    });
    const [note] = await notesOf(h.client, invitation.id);
    expect(note).toMatchObject({ subject: 'Invitation code reissued', annotationid: reissued.noteId });
    expect(note['notetext']).toContain('the old code no longer redeems');
    expect(note['notetext']).not.toContain(reissued.code);
    expect(note['notetext']).not.toContain(invitation.code!);
  });

  it('sends the new code when asked', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const reissued = await service.reissue(invitation.id, { send: true });
    expect(reissued.send).toMatchObject({ status: 'sent' });
    expect(await h.client.count('emails', { filter: `_regardingobjectid_value eq ${invitation.id}` })).toBe(
      1,
    );
  });

  it('revives an expired invitation with a new expiry', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await h.client.update('adx_invitations', invitation.id, { adx_expirydate: '2020-01-01T00:00:00Z' });
    const reissued = await service.reissue(invitation.id, { expiresOn: '2099-12-31' });
    await expect(service.redeem(reissued.code, { contactId: SEED.contacts.alice })).resolves.toBeDefined();
  });

  it('reissues a group invitation that still has redemptions left', async () => {
    const service = new InvitationService(h.client);
    const group = await service.create({ type: 'group', contacts: [], maxRedemptions: 2 });
    await service.redeem(group.code!, { contactId: SEED.contacts.bob });
    const reissued = await service.reissue(group.id);
    await expect(service.redeem(reissued.code, { contactId: SEED.contacts.carol })).resolves.toMatchObject({
      redemptions: 2,
    });
  });
});

describe('refusals write nothing', () => {
  async function unchanged(id: string, code: string | undefined): Promise<void> {
    expect((await invitationState(h.client, id))['adx_invitationcode']).toBe(code);
    expect(await notesOf(h.client, id)).toEqual([]);
  }

  it('refuses a revoked invitation with inactive', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.revoke(invitation.id);
    await expect(service.reissue(invitation.id)).rejects.toMatchObject({ reason: 'inactive' });
    await unchanged(invitation.id, invitation.code);
  });

  it('refuses a redeemed single invitation with already_redeemed', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    await expect(service.reissue(invitation.id)).rejects.toMatchObject({ reason: 'already_redeemed' });
    await unchanged(invitation.id, invitation.code);
  });

  it('refuses a group at its maximum with max_redemptions', async () => {
    const service = new InvitationService(h.client);
    const group = await service.create({ type: 'group', contacts: [], maxRedemptions: 1 });
    await service.redeem(group.code!, { contactId: SEED.contacts.bob });
    await expect(service.reissue(group.id)).rejects.toMatchObject({ reason: 'max_redemptions' });
    await unchanged(group.id, group.code);
  });

  it('refuses an expired invitation without a new expiry with expired', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await h.client.update('adx_invitations', invitation.id, { adx_expirydate: '2020-01-01T00:00:00Z' });
    await expect(service.reissue(invitation.id)).rejects.toMatchObject({ reason: 'expired' });
    await unchanged(invitation.id, invitation.code);
  });

  it.each(['2099-02-30', '2020-01-01'])('refuses the expiry %s as invalid', async (expiresOn) => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await expect(service.reissue(invitation.id, { expiresOn })).rejects.toMatchObject({ reason: 'invalid' });
    await unchanged(invitation.id, invitation.code);
  });

  it('refuses an unknown invitation with not_found', async () => {
    const service = new InvitationService(h.client);
    await expect(service.reissue('0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0effff')).rejects.toMatchObject({
      reason: 'not_found',
    });
  });
});

describe('a reissue racing a redemption with the old code', () => {
  it.each(Array.from({ length: 5 }, (_, i) => i))('ends in exactly one of the two (round %i)', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });

    const [reissue, redeem] = await Promise.allSettled([
      service.reissue(invitation.id),
      service.redeem(invitation.code!, { contactId: SEED.contacts.alice }),
    ]);

    const after = await invitationState(h.client, invitation.id);
    if (redeem.status === 'fulfilled') {
      expect(reissue).toMatchObject({ status: 'rejected', reason: { reason: 'already_redeemed' } });
      expect(after).toMatchObject({ adx_redemptions: 1, adx_invitationcode: invitation.code });
    } else {
      expect(outcomes([redeem])).toEqual({ not_found: 1 });
      expect(reissue.status).toBe('fulfilled');
      expect(after).toMatchObject({ adx_redemptions: 0 });
    }
  });
});
