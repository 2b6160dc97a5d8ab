/**
 * Against the emulator (not mocks): concurrent redemptions of one code can never exceed what the
 * invitation allows, because each write is guarded by the etag the decision was made on; and
 * concurrent registrations of one username on different codes leave exactly one holder, because
 * each claims the username through a row id derived from it.
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
    const redemptions = await h.client.count('adx_inviteredemptions', {
      filter: `_regardingobjectid_value eq ${invitation.id}`,
    });
    expect(redemptions).toBe(5);
  });

  async function holders(username: string): Promise<string[]> {
    const rows: string[] = [];
    for await (const row of h.client.list('contacts', {
      select: ['contactid', 'adx_identity_username'],
      filter: 'adx_identity_username ne null',
    })) {
      if (String(row['adx_identity_username']).toLowerCase() === username)
        rows.push(String(row['contactid']));
    }
    return rows;
  }

  async function expectNothingWritten(invitationIds: string[]): Promise<void> {
    for (const id of invitationIds) {
      const row = await h.client.retrieve('adx_invitations', id, { select: ['adx_redemptions'] });
      expect(row['adx_redemptions']).toBe(0);
      expect(
        await h.client.count('adx_inviteredemptions', { filter: `_regardingobjectid_value eq ${id}` }),
      ).toBe(0);
    }
  }

  it('lets exactly one of 8 concurrent registrations of one username on 8 group codes succeed', async () => {
    const service = new InvitationService(h.client);
    const invitations = await Promise.all(
      Array.from({ length: 8 }, () => service.create({ type: 'group', contacts: [] })),
    );

    const results = await Promise.allSettled(
      invitations.map((inv, i) =>
        service.redeem(inv.code!, {
          registration: {
            email: `taker${i}@example.com`,
            username: i % 2 ? 'Taker' : 'taker',
            password: 'Correct-Horse-9',
          },
        }),
      ),
    );

    expect(reasons(results)).toEqual({ ok: 1, invalid: 7 });
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as Error).message).toMatch(/username "taker" is taken/i);
    }
    expect(await holders('taker')).toHaveLength(1);
    const losers = invitations.filter((_, i) => results[i].status === 'rejected').map((inv) => inv.id);
    await expectNothingWritten(losers);
    expect(await h.client.count('contacts', { filter: "startswith(emailaddress1,'taker')" })).toBe(1);
  });

  it('lets one username go to one contact when invited contacts and newcomers race for it', async () => {
    const service = new InvitationService(h.client);
    const invited = await contacts(4);
    const invitations = [
      ...(await Promise.all(invited.map((contact) => service.create({ type: 'single', contact })))),
      ...(await Promise.all(
        Array.from({ length: 4 }, () => service.create({ type: 'group', contacts: [] })),
      )),
    ];

    const results = await Promise.allSettled(
      invitations.map((inv, i) =>
        service.redeem(inv.code!, {
          registration: { email: `mixed${i}@example.com`, username: 'mixed', password: 'Correct-Horse-9' },
        }),
      ),
    );

    expect(reasons(results)).toEqual({ ok: 1, invalid: 7 });
    expect(await holders('mixed')).toHaveLength(1);
    await expectNothingWritten(
      invitations.filter((_, i) => results[i].status === 'rejected').map((inv) => inv.id),
    );
  });

  it('gives one contact one portal identity when it registers under 4 usernames at once', async () => {
    const service = new InvitationService(h.client);
    const [contactId] = await contacts(1);
    const invitations = await Promise.all(
      Array.from({ length: 4 }, () => service.create({ type: 'group', contacts: [] })),
    );

    const results = await Promise.allSettled(
      invitations.map((inv, i) =>
        service.redeem(inv.code!, {
          registration: { email: 'racer0@example.com', username: `twin${i}`, password: 'Correct-Horse-9' },
        }),
      ),
    );

    expect(reasons(results)).toEqual({ ok: 1, invalid: 3 });
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    const contact = await h.client.retrieve('contacts', contactId, { select: ['adx_identity_username'] });
    expect(contact['adx_identity_username']).toBe(`twin${winner}`);
    await expectNothingWritten(invitations.filter((_, i) => i !== winner).map((inv) => inv.id));
  });
});
