/**
 * SiteRegistrationService against the in-process emulator, in both data models: the seeded
 * standard site (open: no OpenRegistrationEnabled row) and enhanced site (invitation-only), the
 * site choice rule, `makeInvitationOnly` writing each model's table, dry runs and refusals that
 * write nothing, and races with another writer.
 */
import type { DataverseApi } from '../../sdk/client/api';
import {
  MsppSiteSettingTable,
  SiteSettingTable,
  type SiteSettingTableDefinition,
} from '../../sdk/entities/index';
import { InvalidArgumentError } from '../../sdk/errors';
import { SiteRegistrationService, siteSettingRowId, type Site } from '../../sdk/sites/index';
import { recordingClient } from '../support/request-recorder';
import { SEED, startEnvironment, type SiteEnvironment } from './environment';

const STANDARD = 'Contoso Partner Portal';
const ENHANCED = 'Fabrikam Partners';
const OPEN = 'Authentication/Registration/OpenRegistrationEnabled';
const REQUIRES = 'Authentication/Registration/RequiresInvitation';

let env: SiteEnvironment;
afterEach(() => env.close());

async function settings(
  table: SiteSettingTableDefinition,
  siteId: string,
): Promise<Record<string, string>[]> {
  const c = table.columns;
  const found: Record<string, string>[] = [];
  for await (const row of env.client.list(table.entitySet, {
    select: [c.id, c.name, c.value],
    filter: `${table.lookups.website.valueField} eq ${siteId}`,
    orderBy: c.name,
  }))
    found.push({ id: String(row[c.id]), name: String(row[c.name]), value: String(row[c.value]) });
  return found;
}

describe('check', () => {
  beforeEach(async () => {
    env = await startEnvironment();
  });

  test('the seeded standard site is open: defaults let anyone sign up, locally or externally', async () => {
    const reg = await new SiteRegistrationService(env.client).check(STANDARD);
    expect(reg.site).toMatchObject({ id: SEED.websiteId, dataModel: 'standard' });
    expect(reg.settings.enabled).toMatchObject({ value: true, source: 'stored' });
    expect(reg.settings.openRegistrationEnabled).toMatchObject({ value: true, source: 'default' });
    expect(reg.check.verdict).toBe('open');
    expect(reg.check.reasons).toHaveLength(2);
  });

  test('the seeded enhanced site is invitation-only, read from mspp_sitesettings', async () => {
    const reg = await new SiteRegistrationService(env.client).check(ENHANCED);
    expect(reg.site.dataModel).toBe('enhanced');
    expect(reg.settings.requiresInvitation.rows.map((r) => r.id)).toEqual([
      SEED.siteSettings.enhancedRequiresInvitation,
    ]);
    expect(reg.settings.localLoginEnabled).toMatchObject({ value: true, source: 'stored' });
    expect(reg.check.verdict).toBe('invitation-only');
  });

  test('a site is found by its id too', async () => {
    const reg = await new SiteRegistrationService(env.client).check(SEED.enhancedSiteId);
    expect(reg.site.name).toBe(ENHANCED);
  });

  test('an inactive setting row does not count', async () => {
    await env.client.update(MsppSiteSettingTable.entitySet, SEED.siteSettings.enhancedOpenRegistration, {
      statecode: 1,
      statuscode: 2,
    });
    const reg = await new SiteRegistrationService(env.client).check(ENHANCED);
    expect(reg.settings.openRegistrationEnabled.source).toBe('default');
    expect(reg.check.verdict).toBe('open');
  });

  test('without a site, an environment with two sites is refused, naming both', async () => {
    const check = new SiteRegistrationService(env.client).check();
    await expect(check).rejects.toThrow(InvalidArgumentError);
    await expect(check).rejects.toThrow(/2 sites: .*Contoso Partner Portal.*Fabrikam Partners/);
  });

  test('an unknown site is refused with the sites there are', async () => {
    await expect(new SiteRegistrationService(env.client).check('Northwind')).rejects.toThrow(
      /Unknown site "Northwind".*Sites in this environment/,
    );
  });

  test('check sends GET requests only', async () => {
    const recorder = recordingClient(env.emulator.url);
    await new SiteRegistrationService(recorder.client).check(STANDARD);
    expect(new Set(recorder.methods())).toEqual(new Set(['GET']));
  });
});

describe.each([
  ['standard', 'standard' as const, STANDARD, SiteSettingTable, SEED.websiteId],
  ['enhanced', 'enhanced' as const, ENHANCED, MsppSiteSettingTable, SEED.enhancedSiteId],
])(
  'makeInvitationOnly in an environment with only the %s data model',
  (_label, dataModel, name, table, siteId) => {
    beforeEach(async () => {
      env = await startEnvironment({ dataModel });
    });

    test('the one site is chosen without naming it', async () => {
      const reg = await new SiteRegistrationService(env.client).check();
      expect(reg.site).toMatchObject({ name, dataModel });
    });

    test('the fix leaves the site invitation-only, every row of a setting in that model’s table', async () => {
      await env.client.create(table.entitySet, {
        [table.columns.name]: OPEN,
        [table.columns.value]: 'true',
        [`${table.lookups.website.navigation}@odata.bind`]: `/${table === SiteSettingTable ? 'adx_websites' : 'mspp_websites'}(${siteId})`,
      });
      const result = await new SiteRegistrationService(env.client).makeInvitationOnly();
      expect(result.applied).toBe(true);
      expect(result.before.check.verdict).toBe('open');
      expect(result.after?.check.verdict).toBe('invitation-only');
      const rows = await settings(table, siteId);
      const open = rows.filter((r) => r.name === OPEN).map((r) => r.value);
      expect(open.length).toBeGreaterThan(0);
      expect(new Set(open)).toEqual(new Set(['false']));
      expect(rows.filter((r) => r.name === REQUIRES).map((r) => r.value)).toEqual(['true']);
    });

    test('a second fix writes nothing', async () => {
      const service = new SiteRegistrationService(env.client);
      await service.makeInvitationOnly();
      const before = await settings(table, siteId);
      const again = await service.makeInvitationOnly();
      expect(again).toMatchObject({ applied: false, writes: [] });
      expect(await settings(table, siteId)).toEqual(before);
    });

    test('a dry run plans the writes, sends only GETs and writes nothing', async () => {
      const before = await settings(table, siteId);
      const recorder = recordingClient(env.emulator.url);
      const plan = await new SiteRegistrationService(recorder.client).makeInvitationOnly(undefined, {
        dryRun: true,
      });
      expect(plan.applied).toBe(false);
      expect(plan.writes.length).toBeGreaterThan(0);
      expect(new Set(recorder.methods())).toEqual(new Set(['GET']));
      expect(await settings(table, siteId)).toEqual(before);
    });
  },
);

describe('races', () => {
  beforeEach(async () => {
    env = await startEnvironment();
  });

  test('two fixes at once leave one row per setting: the later one collides on the row ids and writes nothing', async () => {
    const site = (await new SiteRegistrationService(env.client).check(STANDARD)).site;
    const other = new SiteRegistrationService(recordingClient(env.emulator.url).client);
    let otherResult: Awaited<ReturnType<SiteRegistrationService['makeInvitationOnly']>> | undefined;
    // The other fix runs to the end between this fix's read and its change set.
    const racing = new Proxy(env.client, {
      get(target, prop, receiver) {
        if (prop !== 'batch') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<DataverseApi['batch']>) => {
          otherResult ??= await other.makeInvitationOnly(STANDARD);
          return target.batch(...args);
        };
      },
    });
    const mine = await new SiteRegistrationService(racing).makeInvitationOnly(STANDARD);
    expect(otherResult?.applied).toBe(true);
    expect(mine).toMatchObject({ applied: false, writes: [] });
    expect(mine.after?.check.verdict).toBe('invitation-only');
    const rows = await settings(SiteSettingTable, SEED.websiteId);
    for (const name of [OPEN, REQUIRES, 'Authentication/Registration/InvitationEnabled']) {
      expect(rows.filter((r) => r.name === name)).toEqual([
        expect.objectContaining({ id: siteSettingRowId(site, name) }),
      ]);
    }
  });

  test('a setting changed by someone else between the read and the write is read and planned again', async () => {
    const openId = await env.client.create(SiteSettingTable.entitySet, {
      adx_name: OPEN,
      adx_value: 'true',
      'adx_websiteid@odata.bind': `/adx_websites(${SEED.websiteId})`,
    });
    let interfered = false;
    // The other writer acts once, right before the fix's change set goes out.
    const racing = new Proxy(env.client, {
      get(target, prop, receiver) {
        if (prop !== 'batch') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<DataverseApi['batch']>) => {
          if (!interfered) {
            interfered = true;
            await target.update(SiteSettingTable.entitySet, openId, { adx_value: 'TRUE' });
          }
          return target.batch(...args);
        };
      },
    });
    const result = await new SiteRegistrationService(racing).makeInvitationOnly(STANDARD);
    expect(interfered).toBe(true);
    expect(result.after?.check.verdict).toBe('invitation-only');
    expect((await env.client.retrieve(SiteSettingTable.entitySet, openId))['adx_value']).toBe('false');
  });

  test('a writer that keeps changing the settings makes the fix give up with the conflict, nothing half-written', async () => {
    const openId = await env.client.create(SiteSettingTable.entitySet, {
      adx_name: OPEN,
      adx_value: 'true',
      'adx_websiteid@odata.bind': `/adx_websites(${SEED.websiteId})`,
    });
    let round = 0;
    const racing = new Proxy(env.client, {
      get(target, prop, receiver) {
        if (prop !== 'batch') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<DataverseApi['batch']>) => {
          await target.update(SiteSettingTable.entitySet, openId, {
            adx_value: `true${' '.repeat(++round)}`,
          });
          return target.batch(...args);
        };
      },
    });
    const service = new SiteRegistrationService(racing, { attempts: 2 });
    await expect(service.makeInvitationOnly(STANDARD)).rejects.toMatchObject({ status: 412 });
    const rows = await settings(SiteSettingTable, SEED.websiteId);
    expect(rows.map((r) => r.name)).not.toContain(REQUIRES);
  });
});

test('each model’s site-setting table is absent from the other model’s environment', async () => {
  env = await startEnvironment({ dataModel: 'enhanced' });
  await expect(env.client.count(SiteSettingTable.entitySet)).rejects.toMatchObject({ status: 404 });
  expect(await env.client.count(MsppSiteSettingTable.entitySet)).toBe(3);
  const site: Site = (await new SiteRegistrationService(env.client).check()).site;
  expect(site.dataModel).toBe('enhanced');
});
