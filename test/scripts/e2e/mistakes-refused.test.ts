/**
 * Mistakes a new user makes are refused with a clear message before anything is written: a typo in
 * a placeholder, a date that does not exist, an id that is not one, a CSV with the wrong header or
 * no rows; and invitations that must not be e-mailed (expired, already sent) are not.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/build';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';
import { InvitationTable } from '../../../sdk/entities/index';

// Nothing listens on port 9: a command that got as far as sending a request would exit 1.
const NOWHERE = ['--url', 'http://127.0.0.1:9'];

beforeAll(() => ensureBuilt(), 180_000);

describe('offline mistakes (exit 2, no request sent)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('mistakes');
    writeFileSync(join(dir, 'invite.html'), '<p>Hi {contact.fulname}, your code is {code}.</p>');
  });

  it('refuses a mistyped placeholder and suggests the column meant', async () => {
    const run = await runCli(
      ['workflow', 'patch-template', '--subject', 'Hello', '--body-file', 'invite.html', ...NOWHERE],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('uses the unknown placeholder {contact.fulname}');
    expect(run.stderr).toContain('Did you mean {contact.fullname}?');
  });

  it('refuses an expiry whose day does not exist instead of rolling it over', async () => {
    const run = await runCli([
      'invite',
      'create',
      '--contact',
      'a@example.com',
      '--expires',
      '2027-02-30',
      ...NOWHERE,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"2027-02-30" is not a date: month 2 of 2027 has 28 days');
  });

  it.each([
    [['invite', 'send', 'not-a-guid'], 'invitation "not-a-guid" is not an invitation id'],
    [['invite', 'revoke', '42'], 'invitation "42" is not an invitation id'],
    [['invite', 'redeem', '--apply', 'x-1'], '--apply "x-1" is not a redemption'],
    [
      ['invite', 'redeem', 'some-code', '--contact', 'not-a-guid'],
      'is neither a contact id (a GUID) nor an e-mail',
    ],
  ])('refuses a bad id before any request: %j', async (args, message) => {
    const run = await runCli([...args, ...NOWHERE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('$filter');
  });

  it('refuses a CSV with the wrong header and leaves no job state, so the corrected run starts', async () => {
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'mail\nada@example.com\n');
    const run = await runCli(['invite', 'bulk', '--csv', csv, ...NOWHERE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no "email" or "contactid" column (found: mail)');
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'invite.html']);
  });

  it.each([
    ['', 'is empty'],
    ['email\n', 'has a header but no data rows'],
  ])('refuses a CSV without rows (%j)', async (text, message) => {
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, text);
    const run = await runCli(['invite', 'bulk', '--csv', csv, ...NOWHERE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 'in.results.csv.state.json'))).toBe(false);
  });
});

describe('against the emulator', () => {
  let emulator: TestEmulator;
  let dir: string;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    dir = tempDir('mistakes-emulator');
  });
  afterEach(() => emulator.close());
  const cli = (...args: string[]) => runCli([...args, '--url', emulator.url], { cwd: dir });

  it('refuses a placeholder column the environment does not have', async () => {
    writeFileSync(join(dir, 'invite.html'), '<p>Dear {contact.nickname_x}</p>');
    const run = await cli('workflow', 'patch-template', '--subject', 'Hello', '--body-file', 'invite.html');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('contact has no column "nickname_x" in this environment');
  });

  async function expiredInvitation(): Promise<string> {
    const created = await cli(
      'invite',
      'create',
      '--contact',
      'bob.brown@example.com',
      '--expires',
      '1d',
      '--json',
    );
    const { id } = JSON.parse(created.stdout) as { id: string };
    await emulator.client.update(InvitationTable.entitySet, id, {
      [InvitationTable.columns.expiryDate]: '2020-01-01T00:00:00Z',
    });
    return id;
  }

  it('does not e-mail an expired invitation, saying it is expired', async () => {
    const id = await expiredInvitation();
    const run = await cli('invite', 'send', id);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${id}: skipped (the invitation expired on 2020-01-01T00:00:00.000Z)`);
  });

  it('lists an expired invitation as expired, not as new or sent', async () => {
    const id = await expiredInvitation();
    const run = await cli('invite', 'list', '--status', 'expired');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${id}\\s+.*\\s+single\\s+expired\\s`));
  });

  it('does not e-mail an invitation twice unless asked to resend', async () => {
    const created = await cli('invite', 'create', '--contact', 'carol.chen@example.org', '--send', '--json');
    const { id } = JSON.parse(created.stdout) as { id: string };
    const again = await cli('invite', 'send', id);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`${id}: skipped (it was already sent (status Sent))`);
    expect(again.stderr).toContain('add --resend');
    expect((await cli('invite', 'send', id, '--resend')).code).toBe(0);
  });
});
