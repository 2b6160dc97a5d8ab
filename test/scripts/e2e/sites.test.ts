/**
 * The site commands of the built CLI against the seeded emulator (a site of each data model):
 * `sites list`, `invite create --site`, the ambiguity refusal with nothing written, and
 * `invite bulk` with a `site` column and `--site`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEED } from '../../../emulator/core';
import { ensureBuilt } from '../helpers/build';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

let emulator: TestEmulator;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => emulator.close());

const cli = (...args: string[]) => runCli([...args, '--url', emulator.url]);

describe('sites list', () => {
  it('prints each site with its id, data model and domain', async () => {
    const run = await cli('sites', 'list');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Contoso Partner Portal +${SEED.websiteId} +standard`));
    expect(run.stdout).toMatch(
      new RegExp(
        `Fabrikam Partners +${SEED.enhancedSiteId} +enhanced +fabrikam-partners\\.powerappsportals\\.com`,
      ),
    );
  });

  it('prints JSON with --json', async () => {
    const run = await cli('sites', 'list', '--json');
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ name: 'Contoso Partner Portal', dataModel: 'standard' }),
      expect.objectContaining({ name: 'Fabrikam Partners', dataModel: 'enhanced', id: SEED.enhancedSiteId }),
    ]);
  });
});

describe('invite create --site', () => {
  it('creates the invitation for the named site with that site’s roles', async () => {
    const run = await cli(
      'invite',
      'create',
      '--contact',
      'alice.adams@example.com',
      '--site',
      'Fabrikam Partners',
      '--role',
      'Partners',
      '--json',
    );
    expect(run.code).toBe(0);
    const invitation = JSON.parse(run.stdout);
    expect(invitation.site).toMatchObject({ id: SEED.enhancedSiteId, dataModel: 'enhanced' });
    expect(invitation.webRoleIds).toEqual([SEED.enhancedWebRoles.partners]);
  });

  it('shows the site and the role names in its text output', async () => {
    const run = await cli('invite', 'create', '--contact', 'bob.brown@example.com', '--role', 'Suppliers');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Site: +Fabrikam Partners \(enhanced, /);
    expect(run.stdout).toMatch(new RegExp(`Web roles: +Suppliers \\(${SEED.enhancedWebRoles.suppliers}\\)`));
  });

  it('refuses a role name two sites have, naming them, and writes nothing', async () => {
    const before = await emulator.client.count('adx_invitations');
    const run = await cli('invite', 'create', '--contact', 'alice.adams@example.com', '--role', 'Partners');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a role of several sites');
    expect(run.stderr).toContain('Contoso Partner Portal');
    expect(run.stderr).toContain('Fabrikam Partners');
    expect(run.stderr).toContain('--site');
    expect(await emulator.client.count('adx_invitations')).toBe(before);
  });
});

describe('invite bulk with sites', () => {
  it('uses each row’s site column, else the --site default', async () => {
    const dir = tempDir('bulk-sites');
    const csv = join(dir, 'invitees.csv');
    writeFileSync(
      csv,
      [
        'email,roles,site',
        'alice.adams@example.com,Partners,Contoso Partner Portal',
        'bob.brown@example.com,Partners,',
        'carol.chen@example.org,Suppliers,',
      ].join('\n') + '\n',
    );
    const results = join(dir, 'results.csv');
    const run = await cli(
      'invite',
      'bulk',
      '--csv',
      csv,
      '--results',
      results,
      '--site',
      'Fabrikam Partners',
    );
    expect(run.code).toBe(0);
    const rows = parse(readFileSync(results, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.status)).toEqual(['created', 'created', 'created']);
    const sites = await Promise.all(
      rows.map((r) =>
        emulator.client.retrieve('adx_invitations', r.invitation_id, {
          select: ['_adx_website_value', '_mspp_websiteid_value'],
        }),
      ),
    );
    expect(sites.map((s) => s._adx_website_value ?? s._mspp_websiteid_value)).toEqual([
      SEED.websiteId,
      SEED.enhancedSiteId,
      SEED.enhancedSiteId,
    ]);
  });

  it('without any site, a role name two sites have fails its row with the reason', async () => {
    const dir = tempDir('bulk-ambiguous');
    const csv = join(dir, 'invitees.csv');
    writeFileSync(
      csv,
      'email,roles\nalice.adams@example.com,Partners\nbob.brown@example.com,Administrators\n',
    );
    const results = join(dir, 'results.csv');
    const run = await cli('invite', 'bulk', '--csv', csv, '--results', results);
    expect(run.code).toBe(1);
    const rows = parse(readFileSync(results, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.status)).toEqual(['failed', 'created']);
    expect(rows[0].reason).toMatch(/several sites/);
  });
});
