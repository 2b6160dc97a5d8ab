/**
 * `portal-invite invite explain` as built, against the seeded emulator: a code that would be
 * accepted (with what it grants), refusals with their fixes, `--contact`, `--json`, a code that
 * starts with "-", usage mistakes, and that it writes nothing.
 */
import { SEED } from '../../../emulator/core';
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

async function create(...args: string[]): Promise<{ id: string; code: string }> {
  const run = await cli('invite', 'create', ...args, '--json');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

async function changes(): Promise<number[]> {
  return Promise.all(
    ['adx_invitations', 'adx_inviteredemptions', 'asyncoperations'].map((s) => emulator.client.count(s)),
  );
}

test('a fresh code would be accepted; the text shows what it grants and leaves the code out', async () => {
  const inv = await create(
    '--contact',
    'alice.adams@example.com',
    '--site',
    'Fabrikam Partners',
    '--role',
    'Partners',
    '--account',
    'Contoso Partners',
  );
  const run = await cli('invite', 'explain', inv.code);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Result: the code would be accepted now.');
  expect(run.stdout).toMatch(/Site: +Fabrikam Partners \(enhanced data model, .*\): invitation-only/);
  expect(run.stdout).toContain(`Account:   Contoso Partners (${SEED.accountId})`);
  expect(run.stdout).toContain(`Web roles: Partners (enhanced, ${SEED.enhancedWebRoles.partners})`);
  expect(run.stdout).not.toContain(inv.code);
});

test('a redeemed code is refused, saying by whom and when, with the fix', async () => {
  const inv = await create('--contact', 'bob.brown@example.com', '--site', 'Contoso Partner Portal');
  expect(
    (
      await cli(
        'invite',
        'redeem',
        inv.code,
        '--contact',
        'bob.brown@example.com',
        '--handlers',
        'in-process',
      )
    ).code,
  ).toBe(0);
  const run = await cli('invite', 'explain', inv.code);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Result: the code would be refused (1 reason).');
  expect(run.stdout).toMatch(
    /1\. \[already_redeemed, redemption\] .* by Bob Brown <bob\.brown@example\.com> .* on \d{4}-/,
  );
  expect(run.stdout).toContain('   Fix: ');
  expect(run.stdout).toMatch(/Redeemed:\n {2}- by Bob Brown/);
});

test('--contact asks about another contact: not the invited one', async () => {
  const inv = await create('--contact', 'alice.adams@example.com');
  const run = await cli('invite', 'explain', inv.code, '--contact', 'carol.chen@example.org', '--json');
  expect(run.code).toBe(0);
  const e = JSON.parse(run.stdout);
  expect(e.who).toMatchObject({ id: SEED.contacts.carol });
  expect(e.reasons.map((r: { reason: string }) => r.reason)).toEqual(['not_invited']);
  expect(e.wouldRedeem).toBe(false);
});

test('an unknown code given with --code is explained as not found', async () => {
  const run = await cli('invite', 'explain', '--code=-not-a-real-code');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('[not_found, redemption] No invitation has exactly this code.');
});

test('explain writes nothing', async () => {
  const inv = await create('--contact', 'dan.diaz@example.org');
  const before = await changes();
  expect((await cli('invite', 'explain', inv.code, '--contact', 'erin.evans@example.com')).code).toBe(0);
  expect(await changes()).toEqual(before);
});

test('no code is a usage error', async () => {
  const run = await cli('invite', 'explain');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Give the invitation code');
});

test('a code given twice is a usage error', async () => {
  const run = await cli('invite', 'explain', 'abc', '--code', 'def');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Give the code once');
});
