/**
 * Undoing a redemption that registered a local portal account (username and password on the
 * invited contact): the account it wrote is removed with the rest, and only that one — a contact
 * whose account came from elsewhere keeps it.
 */
import { hashPassword } from '../../sdk/invitations/password-hash';
import { InvitationService } from '../../sdk/invitations/service';
import { identityColumns, SEED, startSignInHarness, type SignInHarness } from './sign-in-support';

let h: SignInHarness;
beforeEach(async () => {
  h = await startSignInHarness();
});
afterEach(() => h.close());

describe('undoing a registration by the wrong person', () => {
  it('clears the username and password it wrote on the invited contact, with a new security stamp', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, {
      registration: {
        email: 'alice.adams@example.com',
        username: 'not-alice',
        password: 'correct horse battery',
      },
    });
    const stamp = (await identityColumns(h.client, SEED.contacts.alice))['adx_identity_securitystamp'];

    const undo = await service.undoRedemption(redeemed.redemptionId);

    expect(undo.localAccountRemoved).toEqual({ username: 'not-alice' });
    const after = await h.client.retrieve('contacts', SEED.contacts.alice, {
      select: ['adx_identity_username', 'adx_identity_passwordhash', 'adx_identity_securitystamp'],
    });
    expect(after).toMatchObject({ adx_identity_username: null, adx_identity_passwordhash: null });
    expect(after['adx_identity_securitystamp']).not.toBe(stamp);
  });

  it('keeps a local account the contact had before redeeming', async () => {
    await h.client.update('contacts', SEED.contacts.alice, {
      adx_identity_username: 'alice',
      adx_identity_passwordhash: hashPassword('alice has a password'),
    });
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });

    const undo = await service.undoRedemption(redeemed.redemptionId);

    expect(undo.localAccountRemoved).toBeUndefined();
    expect((await identityColumns(h.client, SEED.contacts.alice))['adx_identity_username']).toBe('alice');
  });
});
