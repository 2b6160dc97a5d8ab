/**
 * The built CLI, as an admin runs it: `invite redeem --provider --subject` (an external sign-in)
 * in both data models, and `identities list`, `link` and `unlink` (which asks for --yes).
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

async function signInCount(): Promise<number> {
  return emulator.client.count('adx_externalidentities');
}

describe('invite redeem --provider --subject', () => {
  it.each([
    ['Contoso Partner Portal', 'adx_webrole_contact', SEED.webRoles.partners],
    ['Fabrikam Partners', 'powerpagecomponent_mspp_webrole_contact', SEED.enhancedWebRoles.partners],
  ])(
    'links the sign-in to the invited contact and grants the roles of %s',
    async (site, navigation, role) => {
      const invitation = await new InvitationService(emulator.client).create({
        type: 'single',
        contact: SEED.contacts.alice,
        site,
        webRoles: ['Partners'],
      });
      const run = await cli(
        'invite',
        'redeem',
        invitation.code!,
        '--provider',
        ENTRA,
        '--subject',
        'alice-sub',
        '--email',
        'alice.adams@example.com',
        '--handlers',
        'in-process',
        '--json',
      );
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        contactId: SEED.contacts.alice,
        status: 'redeemed',
        identityLinked: true,
        handlers: { rolesAdded: [role] },
      });
      const held = await emulator.client.retrieve('contacts', SEED.contacts.alice, {
        select: ['contactid'],
        expand: `${navigation}($select=${navigation.startsWith('adx') ? 'adx_webroleid' : 'powerpagecomponentid'})`,
      });
      expect(held[navigation]).toHaveLength(1);
    },
  );

  it('prints the sign-in it linked in the text output', async () => {
    const invitation = await new InvitationService(emulator.client).create({
      type: 'single',
      contact: SEED.contacts.alice,
    });
    const run = await cli(
      'invite',
      'redeem',
      invitation.code!,
      '--provider',
      ENTRA,
      '--subject',
      'alice-sub',
      '--handlers',
      'in-process',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Sign-in:\s+\S+ \(linked now\)/);
  });

  it('exits 1 with the identity_in_use hint when the sign-in belongs to another contact, writing nothing', async () => {
    const service = new InvitationService(emulator.client);
    const first = await service.create({ type: 'single', contact: SEED.contacts.alice });
    await service.redeem(first.code!, { externalLogin: { provider: ENTRA, subject: 'alice-sub' } });
    const forBob = await service.create({ type: 'single', contact: SEED.contacts.bob });

    const run = await cli(
      'invite',
      'redeem',
      forBob.code!,
      '--provider',
      ENTRA,
      '--subject',
      'alice-sub',
      '--handlers',
      'in-process',
      '--json',
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`linked to contact ${SEED.contacts.alice}`);
    expect(run.stderr).toContain('portal-invite identities unlink');
    const after = await emulator.client.retrieve('adx_invitations', forBob.id, {
      select: ['adx_redemptions'],
    });
    expect(after['adx_redemptions']).toBe(0);
    expect(await signInCount()).toBe(1);
  });

  it('refuses --provider without --subject as bad usage (exit 2), sending nothing', async () => {
    const run = await cli('invite', 'redeem', 'some-code-xxxxxxxxxxxxxxxxxxxx', '--provider', ENTRA);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs both --provider and --subject');
  });

  it('refuses --provider together with --contact as bad usage (exit 2)', async () => {
    const run = await cli(
      'invite',
      'redeem',
      'c',
      '--provider',
      ENTRA,
      '--subject',
      's',
      '--contact',
      SEED.contacts.alice,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not both');
  });
});

describe('identities', () => {
  it('links, lists and unlinks a sign-in', async () => {
    const link = await cli(
      'identities',
      'link',
      '--contact',
      'alice.adams@example.com',
      '--provider',
      ENTRA,
      '--subject',
      'pre-sub',
      '--json',
    );
    expect(link.code).toBe(0);
    const linked = JSON.parse(link.stdout);
    expect(linked).toMatchObject({
      status: 'linked',
      identity: { contactId: SEED.contacts.alice, subject: 'pre-sub' },
    });

    const list = await cli('identities', 'list', '--contact', 'alice.adams@example.com');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/PROVIDER\s+SUBJECT\s+STATE\s+ID\s+CREATED/);
    expect(list.stdout).toContain('pre-sub');
    expect(list.stdout).toContain(linked.identity.id);

    const unlink = await cli('identities', 'unlink', '--id', linked.identity.id, '--yes', '--json');
    expect(unlink.code).toBe(0);
    expect(JSON.parse(unlink.stdout)).toMatchObject({ applied: true, contactIds: [SEED.contacts.alice] });
    expect(await signInCount()).toBe(0);
  });

  it('says a contact has no sign-ins', async () => {
    const run = await cli('identities', 'list', '--contact', SEED.contacts.carol);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('has no external sign-ins');
  });

  it('asks for --yes before unlinking: exit 2, naming what it would remove, nothing removed', async () => {
    await cli(
      'identities',
      'link',
      '--contact',
      SEED.contacts.alice,
      '--provider',
      ENTRA,
      '--subject',
      'keep-me',
    );
    const run = await cli(
      'identities',
      'unlink',
      '--contact',
      SEED.contacts.alice,
      '--provider',
      ENTRA,
      '--subject',
      'keep-me',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('keep-me');
    expect(run.stderr).toContain('--yes');
    expect(await signInCount()).toBe(1);
  });

  it('refuses to link a sign-in another contact holds (exit 1, identity_in_use)', async () => {
    await cli(
      'identities',
      'link',
      '--contact',
      SEED.contacts.alice,
      '--provider',
      ENTRA,
      '--subject',
      'taken',
    );
    const run = await cli(
      'identities',
      'link',
      '--contact',
      SEED.contacts.bob,
      '--provider',
      ENTRA,
      '--subject',
      'taken',
      '--json',
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toMatchObject({
      error: { kind: 'invitation', reason: 'identity_in_use' },
    });
    expect(await signInCount()).toBe(1);
  });

  it('refuses unlink without a target as bad usage', async () => {
    const run = await cli('identities', 'unlink', '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Say which sign-in to unlink');
  });
});

describe('help of the new commands', () => {
  it.each([
    'identities list',
    'identities link',
    'identities unlink',
    'invite reissue',
    'invite undo-redemption',
    'invite redeem',
  ])('documents "%s" with its options and examples', async (command) => {
    const run = await runCli([...command.split(' '), '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: portal-invite ${command}`);
    expect(run.stdout).toContain('Examples:');
  });

  it('documents --provider and --subject on invite redeem', async () => {
    const run = await runCli(['invite', 'redeem', '--help']);
    expect(run.stdout).toContain('--provider <name>');
    expect(run.stdout).toContain('--subject <key>');
  });
});
