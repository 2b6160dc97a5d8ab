/**
 * Against the emulator (not mocks): concurrent redemptions of one code can never exceed what the
 * invitation allows, because each write is guarded by the etag the decision was made on.
 */
import { InvitationError } from '../../sdk/invitations/errors';
import { InvitationService } from '../../sdk/invitations/service';
import { SEED, startHarness, type EmulatorHarness } from './emulator-support';

let h: EmulatorHarness;
beforeEach(async () => {
  h = await startHarness({ maxConcurrency: 16 });
});
afterEach(() => h.close());

async function contacts(n: number): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    lastname: `Racer ${i}`,
    emailaddress1: `racer${i}@example.com`,
  }));
  return h.client.createMultiple('contacts', 'contact', rows);
}

function reasons(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key =
      r.status === 'fulfilled'
        ? 'ok'
        : r.reason instanceof InvitationError
          ? r.reason.reason
          : String(r.reason);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('concurrent redemptions against the emulator', () => {
  it('lets exactly one of 30 concurrent redemptions of a single code succeed', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const racers = await contacts(29);

    const results = await Promise.allSettled(
      [SEED.contacts.alice, ...racers].map((contactId) => service.redeem(invitation.code!, { contactId })),
    );

    expect(reasons(results)).toEqual({ ok: 1, not_invited: 29 });
    const after = await service.findByCode(invitation.code!);
    expect(after).toMatchObject({
      redemptions: 1,
      status: 'redeemed',
      redeemedContactId: SEED.contacts.alice,
    });
  });

  it('lets exactly one of 30 concurrent redemptions succeed for an open single code', async () => {
    const service = new InvitationService(h.client);
    const racers = await contacts(30);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.bob });
    // Anyone with the code: clear the invited contact so the race is about the single use only.
    await h.client.update('adx_invitations', invitation.id, { 'adx_inviteContact@odata.bind': null });

    const results = await Promise.allSettled(
      racers.map((contactId) => service.redeem(invitation.code!, { contactId })),
    );

    expect(reasons(results)).toEqual({ ok: 1, already_redeemed: 29 });
    expect((await service.findByCode(invitation.code!))?.redemptions).toBe(1);
  });

  it('lets exactly 5 of 30 different contacts redeem a group code with a maximum of 5', async () => {
    const service = new InvitationService(h.client);
    const invitation = await service.create({ type: 'group', contacts: [], maxRedemptions: 5 });
    const racers = await contacts(30);

    const results = await Promise.allSettled(
      racers.map((contactId) => service.redeem(invitation.code!, { contactId })),
    );

    expect(reasons(results)).toEqual({ ok: 5, max_redemptions: 25 });
    const after = await h.client.retrieve('adx_invitations', invitation.id, {
      select: ['adx_redemptions', 'statuscode', 'statecode'],
      expand: 'adx_invitation_redeemedcontacts($select=contactid)',
    });
    expect(after).toMatchObject({ adx_redemptions: 5, statuscode: 756150001, statecode: 0 });
    expect(after['adx_invitation_redeemedcontacts']).toHaveLength(5);
    const redemptions = await h.client.count(
      'adx_inviteredemptions',
      `_regardingobjectid_value eq ${invitation.id}`,
    );
    expect(redemptions).toBe(5);
  });
});
