/**
 * The invitation lifecycle against the emulator: create, send, redeem with the in-process
 * handlers, handlers run twice, revoke, list, and a bulk create that resumes.
 */
import { applyRedemption } from '../../sdk/invitations/apply-redemption';
import { InvitationError } from '../../sdk/invitations/errors';
import { verifyPassword } from '../../sdk/invitations/password-hash';
import { InvitationService } from '../../sdk/invitations/service';
import type { CreateInvitationInput, CreateManyResult } from '../../sdk/invitations/types';
import { SEED, startHarness, type EmulatorHarness } from './emulator-support';

let h: EmulatorHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const reasonOf = (e: unknown) => (e instanceof InvitationError ? e.reason : e);

async function contactState(id: string) {
  return h.client.retrieve('contacts', id, {
    select: ['_parentcustomerid_value'],
    expand: 'adx_webrole_contact($select=adx_webroleid)',
  });
}

describe('invitation lifecycle against the emulator', () => {
  it('creates, sends and redeems a single invitation, applying account and web roles once', async () => {
    const service = new InvitationService(h.client, { handlers: 'in-process' });
    const created = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      account: SEED.accountId,
      webRoles: [SEED.webRoles.partners],
    });
    const [sent] = await service.send(created.id);
    expect(sent.status).toBe('sent');

    const before = h.requests();
    const redeemed = await service.redeem(created.code!, { contactId: SEED.contacts.alice });
    expect(redeemed).toMatchObject({ status: 'redeemed', redemptions: 1 });
    expect(redeemed.handlers).toEqual({
      accountAssigned: true,
      rolesAdded: [SEED.webRoles.partners],
      workflowStarted: false,
    });
    expect(h.requests() - before).toBeGreaterThanOrEqual(2);

    const first = await contactState(SEED.contacts.alice);
    const again = await applyRedemption(h.client, {
      redemptionId: redeemed.redemptionId,
      invitationId: redeemed.invitationId,
      contactId: redeemed.contactId,
    });
    expect(again).toEqual({ accountAssigned: false, rolesAdded: [], workflowStarted: false });
    expect(await contactState(SEED.contacts.alice)).toEqual(first);
  });

  it('redeems with two round trips when the server applies the handlers', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'single', contact: SEED.contacts.bob });
    const before = h.requests();
    await service.redeem(created.code!, { contactId: SEED.contacts.bob });
    expect(h.requests() - before).toBe(2);
  });

  it('registers a new portal user on a group code and stores only a verifiable hash', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'group', maxRedemptions: 3 });
    const result = await service.redeem(created.code!, {
      registration: { email: 'newcomer@example.com', username: 'newcomer', password: 'Str0ng-Pass!' },
    });
    const contact = await h.client.retrieve('contacts', result.contactId, {
      select: [
        'emailaddress1',
        'adx_identity_username',
        'adx_identity_passwordhash',
        'adx_identity_logonenabled',
      ],
    });
    expect(contact).toMatchObject({
      emailaddress1: 'newcomer@example.com',
      adx_identity_username: 'newcomer',
      adx_identity_logonenabled: true,
    });
    expect(verifyPassword(String(contact['adx_identity_passwordhash']), 'Str0ng-Pass!')).toBe(true);

    const again = await service
      .redeem(created.code!, {
        registration: { email: 'other@example.com', username: 'NEWCOMER', password: 'Correct-Horse-9' },
      })
      .catch((e: unknown) => e);
    expect((again as Error).message).toMatch(/username "NEWCOMER" is taken/);
  });

  it('refuses a revoked invitation as inactive and lists it as inactive', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'single', contact: SEED.contacts.carol });
    await service.revoke(created.id);
    expect(
      reasonOf(
        await service.redeem(created.code!, { contactId: SEED.contacts.carol }).catch((e: unknown) => e),
      ),
    ).toBe('inactive');
    const inactive: string[] = [];
    for await (const inv of service.list({ status: 'inactive' })) inactive.push(inv.id);
    expect(inactive).toEqual([created.id]);
  });

  it('refuses an expired invitation as expired', async () => {
    let now = Date.now();
    const service = new InvitationService(h.client, { now: () => now });
    const created = await service.create({
      type: 'single',
      contact: SEED.contacts.dan,
      expiresOn: new Date(now + 60_000),
    });
    now += 120_000;
    expect(
      reasonOf(
        await service.redeem(created.code!, { contactId: SEED.contacts.dan }).catch((e: unknown) => e),
      ),
    ).toBe('expired');
  });

  it('skips sending to a contact without emailaddress1 and says why', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'group', contacts: [SEED.contacts.noEmail] });
    const [result] = await service.send(created.id);
    expect(result.status).toBe('skipped');
    expect(result.reason).toMatch(/no invited contact/);
  });

  it('bulk-creates with web roles, and a resumed run reports the rows already written as existing', async () => {
    const contacts = Array.from({ length: 600 }, (_, i) => ({
      lastname: `Bulk ${i}`,
      emailaddress1: `bulk${i}@example.com`,
    }));
    await h.client.createMultiple('contacts', 'contact', contacts);
    const rows: CreateInvitationInput[] = contacts.map((c, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'single',
      contact: c.emailaddress1,
      webRoles: i % 2 === 0 ? [SEED.webRoles.partners] : undefined,
    }));
    const service = new InvitationService(h.client);
    const run = async (input: CreateInvitationInput[]) => {
      const out: CreateManyResult[] = [];
      for await (const r of service.createMany(input, { chunkSize: 250 })) out.push(r);
      return out;
    };
    const before = await h.client.count('adx_invitations');
    // An interrupted run: only the first 400 rows got written.
    const first = await run(rows.slice(0, 400));
    expect(first.filter((r) => r.status === 'created')).toHaveLength(400);
    const linked = await h.client.retrieve('adx_invitations', rows[0].id!, {
      select: ['adx_invitationid'],
      expand: 'adx_invitation_webrole($select=adx_webroleid)',
    });
    expect(linked['adx_invitation_webrole']).toEqual([
      expect.objectContaining({ adx_webroleid: SEED.webRoles.partners }),
    ]);

    const resumed = await run(rows);
    expect(resumed.slice(0, 400).every((r) => r.status === 'exists')).toBe(true);
    expect(resumed.slice(400).every((r) => r.status === 'created')).toBe(true);
    expect(await h.client.count('adx_invitations')).toBe(before + 600);
    const late = await h.client.retrieve('adx_invitations', rows[598].id!, {
      select: ['adx_invitationid'],
      expand: 'adx_invitation_webrole($select=adx_webroleid)',
    });
    expect(late['adx_invitation_webrole']).toHaveLength(1);
  }, 90_000);
});
