import { ensureBuilt } from '../helpers/build';
import { seededContacts, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

let emulator: TestEmulator;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => emulator.close());

const cli = (...args: string[]) => runCli([...args, '--url', emulator.url]);

async function createInvitation(...extra: string[]): Promise<{ id: string; code: string; status: string }> {
  const [contact] = await seededContacts(emulator.client, 1);
  const run = await cli(
    'invite',
    'create',
    '--contact',
    contact.email,
    '--handlers',
    'in-process',
    '--json',
    ...extra,
  );
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('invite create', () => {
  it('creates a new invitation with a generated code', async () => {
    const invitation = await createInvitation('--expires', '30d');
    expect(invitation.status).toBe('new');
    expect(invitation.code).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses two contacts on a single invitation as bad usage', async () => {
    const run = await cli(
      'invite',
      'create',
      '--type',
      'single',
      '--contact',
      'a@example.com',
      '--contact',
      'b@example.com',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--type group');
  });

  it('exits 1 with the rule that refused it for an unknown contact', async () => {
    const run = await cli(
      'invite',
      'create',
      '--contact',
      'nobody@example.invalid',
      '--handlers',
      'in-process',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nobody@example.invalid/);
  });
});

describe('invite list', () => {
  it('shows a created invitation among the new ones', async () => {
    const invitation = await createInvitation();
    const run = await cli('invite', 'list', '--status', 'new');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(invitation.id);
  });
});

describe('invite redeem', () => {
  it('redeems a code for the invited contact', async () => {
    const invitation = await createInvitation();
    const [contact] = await seededContacts(emulator.client, 1);
    const run = await cli(
      'invite',
      'redeem',
      '--code',
      invitation.code,
      '--contact',
      contact.email,
      '--handlers',
      'in-process',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      invitationId: invitation.id,
      contactId: contact.id,
      status: 'redeemed',
    });
  });

  it('applies the handlers in-process, and says so, when no server redeem step is registered', async () => {
    const invitation = await createInvitation();
    const [contact] = await seededContacts(emulator.client, 1);
    const run = await cli(
      'invite',
      'redeem',
      '--code',
      invitation.code,
      '--contact',
      contact.email,
      '--json',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"PortalInvitations: apply adx_inviteredemption"');
    expect(run.stderr).toContain('applied in-process by this command');
    expect(JSON.parse(run.stdout)).toMatchObject({
      invitationId: invitation.id,
      handlers: { accountAssigned: false, rolesAdded: [], workflowStarted: false },
    });
  });

  it('exits 1 saying the code was redeemed when applying its handlers failed, and --apply retries them', async () => {
    const invitation = await createInvitation();
    const [contact] = await seededContacts(emulator.client, 1);
    emulator.faults.add({
      method: 'GET',
      path: new RegExp(`/adx_invitations\\(${invitation.id}\\)`),
      status: 403,
      code: '0x80040220',
      message: 'Principal user is missing prvReadadx_invitation.',
    });
    const run = await cli(
      'invite',
      'redeem',
      '--code',
      invitation.code,
      '--contact',
      contact.email,
      '--handlers',
      'in-process',
      '--json',
    );
    emulator.faults.clear();
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { redemptionId: string; status: string };
    expect(result.status).toBe('redeemed');
    const { error } = JSON.parse(run.stderr.trim().split('\n').pop() ?? '{}') as {
      error: { message: string };
    };
    expect(error.message).toMatch(
      /^redeemed; applying the invitation's account\/roles\/workflow failed: .*prvReadadx_invitation/,
    );
    expect(error.message).toContain(
      `run again with "portal-invite invite redeem --apply ${result.redemptionId}" to apply`,
    );

    const retry = await cli('invite', 'redeem', '--apply', result.redemptionId, '--json');
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout)).toEqual({
      accountAssigned: false,
      rolesAdded: [],
      workflowStarted: false,
    });
  });

  it('registers a new user with the password read from stdin', async () => {
    const created = await cli(
      'invite',
      'create',
      '--type',
      'group',
      '--max',
      '5',
      '--handlers',
      'in-process',
      '--json',
    );
    const invitation = JSON.parse(created.stdout) as { id: string; code: string };
    const run = await runCli(
      [
        'invite',
        'redeem',
        '--code',
        invitation.code,
        '--email',
        'new.user@example.com',
        '--username',
        'newuser',
        '--password-stdin',
        '--handlers',
        'in-process',
        '--json',
        '--url',
        emulator.url,
      ],
      { input: 'S3cret-pass!\n' },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      invitationId: invitation.id,
      contactId: expect.any(String),
    });
    expect(run.stderr).not.toContain('S3cret-pass!');
  });

  it('warns when the password is given on the command line', async () => {
    const invitation = await createInvitation('--type', 'single');
    const run = await cli(
      'invite',
      'redeem',
      '--code',
      invitation.code,
      '--email',
      'new.user@example.com',
      '--username',
      'newuser',
      '--password',
      'S3cret-pass!',
    );
    expect(run.stderr).toContain('--password-stdin');
    expect(run.stderr).not.toContain('S3cret-pass!');
  });

  it('refuses a redemption that names nobody as bad usage', async () => {
    const run = await cli('invite', 'redeem', 'some-code');
    expect(run.code).toBe(2);
  });
});

describe('invite revoke', () => {
  it('makes the invitation inactive so its code no longer redeems', async () => {
    const invitation = await createInvitation();
    expect((await cli('invite', 'revoke', invitation.id)).code).toBe(0);
    const [contact] = await seededContacts(emulator.client, 1);
    const run = await cli(
      'invite',
      'redeem',
      '--code',
      invitation.code,
      '--contact',
      contact.id,
      '--handlers',
      'in-process',
    );
    expect(run.code).toBe(1);
  });
});
