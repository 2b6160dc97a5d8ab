/**
 * Redemption by a named contact against the emulator: the contact is checked in the lookup's
 * `$batch` (missing or inactive contacts are refused before any write), and the emulator accepts
 * the lookup's `If-None-Match: null` and the redeemed-contacts expansion filtered to the redeemer.
 */
import { InvitationError } from '../../sdk/invitations/errors';
import { InvitationService } from '../../sdk/invitations/service';
import { SEED, startHarness, type EmulatorHarness } from './emulator-support';

let h: EmulatorHarness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const MISSING = '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0effff';

async function refusal(p: Promise<unknown>): Promise<InvitationError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof InvitationError) return error;
  throw new Error(`expected an InvitationError, got ${String(error)}`);
}

describe('redeeming for a named contact against the emulator', () => {
  it('refuses a contact that does not exist, leaving the invitation untouched', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'group', contacts: [] });
    const error = await refusal(service.redeem(created.code!, { contactId: MISSING }));
    expect(error.reason).toBe('invalid');
    expect(error.message).toContain(`Contact ${MISSING} does not exist`);
    const after = await h.client.retrieve('adx_invitations', created.id, { select: ['adx_redemptions'] });
    expect(after['adx_redemptions'] ?? 0).toBe(0);
  });

  it('refuses an inactive contact, leaving the invitation untouched', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'group', contacts: [] });
    await h.client.update('contacts', SEED.contacts.dan, { statecode: 1, statuscode: 2 });
    const error = await refusal(service.redeem(created.code!, { contactId: SEED.contacts.dan }));
    expect(error).toMatchObject({ reason: 'invalid', message: expect.stringMatching(/is inactive/) });
    const after = await h.client.retrieve('adx_invitations', created.id, { select: ['adx_redemptions'] });
    expect(after['adx_redemptions'] ?? 0).toBe(0);
  });

  it('still sees the redeemer among the redeemed contacts through the filtered expansion', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'group', contacts: [] });
    await service.redeem(created.code!, { contactId: SEED.contacts.alice });
    await service.redeem(created.code!, { contactId: SEED.contacts.bob });
    const again = await refusal(service.redeem(created.code!, { contactId: SEED.contacts.alice }));
    expect(again.reason).toBe('already_redeemed');
  });

  it('costs one request for the lookup (invitation and contact in one $batch) and one for the write', async () => {
    const service = new InvitationService(h.client);
    const created = await service.create({ type: 'group', contacts: [] });
    const before = h.requests();
    await service.redeem(created.code!, { contactId: SEED.contacts.alice });
    expect(h.requests() - before).toBe(2);
  });
});
