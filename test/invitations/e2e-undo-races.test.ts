/**
 * Undo racing other writes, against the emulator: redemptions of the same group invitation (the
 * invitation's etag guards both, so the count and the redeemed contacts stay consistent), and a
 * second undo of the same redemption (the activity's etag lets one through).
 */
import { InvitationService } from '../../sdk/invitations/service';
import {
  ENTRA,
  invitationState,
  notesOf,
  outcomes,
  SEED,
  startSignInHarness,
  type SignInHarness,
} from './sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness({ maxConcurrency: 16 });
});
afterEach(() => h.close());

const WRONG = { provider: ENTRA, subject: 'someone-else', email: 'alice.adams@example.com' };

describe('undo racing other writes', () => {
  it('keeps a group invitation consistent when undo races 8 new redemptions', async () => {
    const service = new InvitationService(h.client, { redeemAttempts: 30 });
    const group = await service.create({ type: 'group', contacts: [] });
    const wrong = await service.redeem(group.code!, { contactId: SEED.contacts.alice });
    const racers = await h.client.createMultiple(
      'contacts',
      'contact',
      Array.from({ length: 8 }, (_, i) => ({
        lastname: `Racer ${i}`,
        emailaddress1: `racer${i}@example.com`,
      })),
    );

    const results = await Promise.allSettled([
      service.undoRedemption(wrong.redemptionId),
      ...racers.map((contactId) => service.redeem(group.code!, { contactId })),
    ]);

    expect(outcomes(results)).toEqual({ ok: 9 });
    const after = await invitationState(h.client, group.id);
    const redeemed = (after['adx_invitation_redeemedcontacts'] as { contactid: string }[]).map(
      (c) => c.contactid,
    );
    expect(after['adx_redemptions']).toBe(8);
    expect(redeemed.sort()).toEqual([...racers].sort());
  });

  it('applies one of two concurrent undos of the same redemption and refuses the other', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, { externalLogin: WRONG });

    const results = await Promise.allSettled([
      service.undoRedemption(redeemed.redemptionId),
      service.undoRedemption(redeemed.redemptionId),
    ]);

    expect(outcomes(results)).toEqual({ ok: 1, invalid: 1 });
    expect(await invitationState(h.client, invitation.id)).toMatchObject({ adx_redemptions: 0 });
    expect(await notesOf(h.client, invitation.id)).toHaveLength(1);
  });
});
