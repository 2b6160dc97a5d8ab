/**
 * `portal-invite site check` as built, against the seeded emulator (a standard site left open,
 * an enhanced site invitation-only): the settings table, the verdict and its exit code, the site
 * choice rule, `--json`, and `--fix` / `--fix --dry-run` in each data model.
 */
import { SEED } from '../../../emulator/core';
import { startEmulator } from '../../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../../sdk/client/index';
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
const settingRows = async () =>
  (await emulator.client.count('adx_sitesettings')) + (await emulator.client.count('mspp_sitesettings'));

test('an invitation-only site shows each setting, stored or default, and exits 0', async () => {
  const run = await cli('site', 'check', '--site', 'Fabrikam Partners');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Site: Fabrikam Partners (enhanced data model, ${SEED.enhancedSiteId})`);
  expect(run.stdout).toMatch(/Authentication\/Registration\/OpenRegistrationEnabled +false/);
  expect(run.stdout).toMatch(/Authentication\/Registration\/ExternalLoginEnabled +\(default: true\)/);
  expect(run.stdout).toContain('Verdict: invitation-only');
});

test('an open site lists what lets people in without a code and exits 1 with the fix to run', async () => {
  const run = await cli('site', 'check', '--site', 'Contoso Partner Portal');
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Verdict: NOT invitation-only');
  expect(run.stdout).toContain(
    '- OpenRegistrationEnabled is true (default): anyone can sign up with a local account',
  );
  expect(run.stdout).toContain(
    '- OpenRegistrationEnabled is true (default): anyone can sign up with an external provider',
  );
  expect(run.stderr).toContain('portal-invite site check --site "Contoso Partner Portal" --fix');
});

test('--json prints the settings and the verdict', async () => {
  const run = await cli('sites', 'check', '--site', 'Contoso Partner Portal', '--json');
  expect(run.code).toBe(1);
  const reg = JSON.parse(run.stdout);
  expect(reg.site).toMatchObject({ id: SEED.websiteId, dataModel: 'standard' });
  expect(reg.settings.openRegistrationEnabled).toMatchObject({ value: true, source: 'default' });
  expect(reg.check).toMatchObject({ verdict: 'open', invitationOnly: false });
  expect(JSON.parse(run.stderr).error.kind).toBe('command');
});

test('without --site, two sites are refused naming both, and nothing is written', async () => {
  const before = await settingRows();
  const run = await cli('site', 'check', '--fix');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Contoso Partner Portal');
  expect(run.stderr).toContain('Fabrikam Partners');
  expect(run.stderr).toContain('--site');
  expect(await settingRows()).toBe(before);
});

test('--fix --dry-run shows the writes and writes nothing', async () => {
  const before = await settingRows();
  const run = await cli('site', 'check', '--site', 'Contoso Partner Portal', '--fix', '--dry-run');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Would write (--dry-run; nothing was written):');
  expect(run.stdout).toMatch(/OpenRegistrationEnabled +\(none; default: true\) +false +create /);
  expect(await settingRows()).toBe(before);
});

test('--fix makes the standard site invitation-only; a second run has nothing to write', async () => {
  const run = await cli('site', 'check', '--site', 'Contoso Partner Portal', '--fix');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('Wrote 3 settings:');
  expect(run.stdout).toMatch(/After the fix:[\s\S]*Verdict: invitation-only/);
  const again = await cli('site', 'check', '--site', 'Contoso Partner Portal', '--fix');
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('Nothing to write');
});

test('--fix on the enhanced site writes mspp_sitesettings', async () => {
  await emulator.client.update('mspp_sitesettings', SEED.siteSettings.enhancedOpenRegistration, {
    mspp_value: 'true',
  });
  const run = await cli('site', 'check', '--site', 'Fabrikam Partners', '--fix', '--json');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result.writes.map((w: { action: string; rowId: string }) => [w.action, w.rowId])).toContainEqual([
    'update',
    SEED.siteSettings.enhancedOpenRegistration,
  ]);
  const row = await emulator.client.retrieve('mspp_sitesettings', SEED.siteSettings.enhancedOpenRegistration);
  expect(row['mspp_value']).toBe('false');
});

test('in an environment with one site, --site is not needed', async () => {
  const single = await startEmulator({ port: 0, db: ':memory:', seed: true, dataModel: 'standard' });
  try {
    const run = await runCli(['site', 'check', '--url', single.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Site: Contoso Partner Portal (standard data model');
    const client = new DataverseClient({ url: single.url, credential: new StaticTokenCredential('x') });
    await expect(client.count('mspp_sitesettings')).rejects.toMatchObject({ status: 404 });
  } finally {
    await single.close();
  }
});
