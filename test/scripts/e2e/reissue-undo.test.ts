/**
 * The built CLI: `invite reissue` (a new code, the old one stops working; --expires, --send) and
 * `invite undo-redemption` (a dry run unless --yes), in both data models.
 */
import { SEED } from '../../../emulator/core';
import { InvitationService } from '../../../sdk/invitations/index';
import { ensureBuilt } from '../helpers/build';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

let emulator: TestEmulator;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => emulator.close());

const cli = (...args: string[]) => runCli([...args, '--url', emulator.url]);
const ENTRA = 'https://login.microsoftonline.com/0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0e00ff/v2.0';

async function code(id: string): Promise<unknown> {
  return (await emulator.client.retrieve('adx_invitations', id, { select: ['adx_invitationcode'] }))[
    'adx_invitationcode'
  ];
}

describe('invite reissue', () => {
  it('prints a new code with the new expiry and sends it; the old code no longer redeems', async () => {
    const service = new InvitationService(emulator.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });

    const run = await cli('invite', 'reissue', invitation.id, '--expires', '30d', '--send', '--json');

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ id: invitation.id, send: { status: 'sent' } });
    expect(result.code).not.toBe(invitation.code);
    expect(Date.parse(result.expiresOn)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const old = await cli(
      'invite',
      'redeem',
      '--code',
      invitation.code!,
      '--contact',
      SEED.contacts.alice,
      '--handlers',
      'in-process',
    );
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('No invitation has this code');
  });

  it('refuses a date that does not exist as bad usage (exit 2), changing nothing', async () => {
    const invitation = await new InvitationService(emulator.client).create({
      type: 'single',
      contact: SEED.contacts.alice,
    });
    const run = await cli('invite', 'reissue', invitation.id, '--expires', '2099-02-30');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a day of the calendar');
    expect(await code(invitation.id)).toBe(invitation.code);
  });

  it('refuses a redeemed single invitation (exit 1), changing nothing', async () => {
    const service = new InvitationService(emulator.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    const run = await cli('invite', 'reissue', invitation.id);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already been redeemed');
    expect(await code(invitation.id)).toBe(invitation.code);
  });
});

describe('invite undo-redemption', () => {
  it.each([
    ['Contoso Partner Portal', 'standard'],
    ['Fabrikam Partners', 'enhanced'],
  ])('shows what it would change without --yes, and undoes it with --yes (%s)', async (site, model) => {
    const service = new InvitationService(emulator.client, { handlers: 'in-process' });
    const invitation = await service.create({
      type: 'single',
      contact: SEED.contacts.alice,
      site,
      webRoles: ['Partners'],
    });
    const redeemed = await service.redeem(invitation.code!, {
      externalLogin: { provider: ENTRA, subject: 'wrong-person', email: 'alice.adams@example.com' },
    });

    const dry = await cli('invite', 'undo-redemption', redeemed.redemptionId);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Redemptions:\s+1 → 0/);
    expect(dry.stdout).toMatch(new RegExp(`Web roles removed:\\s+Partners \\(${model}\\)`));
    expect(dry.stdout).toMatch(/Sign-in removed:\s+wrong-person of /);
    expect(dry.stderr).toContain('Dry run: nothing was changed');
    const untouched = await emulator.client.retrieve('adx_invitations', invitation.id, {
      select: ['adx_redemptions'],
    });
    expect(untouched['adx_redemptions']).toBe(1);

    const done = await cli('invite', 'undo-redemption', redeemed.redemptionId, '--yes', '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      applied: true,
      redemptions: { after: 0 },
      noteId: expect.any(String),
    });
    const after = await emulator.client.retrieve('adx_invitations', invitation.id, {
      select: ['adx_redemptions'],
    });
    expect(after['adx_redemptions']).toBe(0);
    expect(await emulator.client.count('adx_externalidentities')).toBe(0);
    expect(
      await emulator.client.count('annotations', { filter: `_objectid_value eq ${invitation.id}` }),
    ).toBe(1);
  });

  it('refuses a second undo (exit 1), saying it was already undone', async () => {
    const service = new InvitationService(emulator.client);
    const invitation = await service.create({ type: 'single', contact: SEED.contacts.alice });
    const redeemed = await service.redeem(invitation.code!, { contactId: SEED.contacts.alice });
    await service.undoRedemption(redeemed.redemptionId);
    const run = await cli('invite', 'undo-redemption', redeemed.redemptionId, '--yes');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already undone');
  });
});
