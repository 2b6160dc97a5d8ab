/**
 * Reading and writing a site's registration settings in its data model: adx_sitesettings for a
 * standard-model site (lookup adx_websiteid), mspp_sitesettings for an enhanced one (lookup
 * mspp_websiteid; the virtual table Microsoft documents as writable, so writes go through it and
 * never to the powerpagecomponent rows behind it). Only active rows count, as only they reach the
 * portal. A write is one `$batch` change set: every setting changes, or none does.
 */
import type { DataverseApi } from '../client/api';
import { changeSetFailure } from '../client/batch/batch-run';
import { DataverseError } from '../client/errors';
import type { BatchRequest } from '../client/types';
import {
  MsppSiteSettingTable,
  recordPath,
  RecordState,
  SiteSettingTable,
  siteSettingSelect,
  siteSettingToWebApi,
  toSiteSettingRecord,
  type SiteSettingRecord,
  type SiteSettingTableDefinition,
} from '../entities/index';
import { anyOf, NO_CACHE, normalizeGuid } from '../invitations/odata';
import { uuidV5 } from '../invitations/username-claim';
import { checkRegistration, type RegistrationCheck, type SettingWrite } from './registration-check';
import {
  readRegistrationSettings,
  REGISTRATION_SETTINGS,
  REGISTRATION_SETTING_KEYS,
  type RegistrationSettingKey,
  type SettingReading,
} from './registration-settings';
import type { DataModel, Site } from './types';

/** Each data model's site-setting table. */
export const SITE_SETTING_TABLES: Readonly<Record<DataModel, SiteSettingTableDefinition>> = {
  standard: SiteSettingTable,
  enhanced: MsppSiteSettingTable,
};

/**
 * Namespace of the ids `--fix` gives the rows it creates: one id per (site, setting name), so two
 * fixes racing to create the same setting collide on the primary key instead of leaving two rows.
 */
export const SITE_SETTING_ID_NAMESPACE = '9d2e4c61-3b7a-4f08-b5c2-7e1a0d9f4c35';

/** The id a created registration setting of a site gets. */
export function siteSettingRowId(site: Pick<Site, 'id'>, name: string): string {
  return uuidV5(`${normalizeGuid(site.id)}/${name.trim().toLowerCase()}`, SITE_SETTING_ID_NAMESPACE);
}

/** A site's registration settings, read, and judged. */
export interface SiteRegistration {
  site: Site;
  /** Each setting: its value (stored or default) and the rows behind it. */
  settings: Record<RegistrationSettingKey, SettingReading>;
  check: RegistrationCheck;
}

/** The site's active rows of the registration settings (one GET; Dataverse matches names without case). */
export async function readRegistrationRows(
  client: DataverseApi,
  site: Site,
  signal?: AbortSignal,
): Promise<SiteSettingRecord[]> {
  const table = SITE_SETTING_TABLES[site.dataModel];
  const c = table.columns;
  const names = REGISTRATION_SETTING_KEYS.map((k) => REGISTRATION_SETTINGS[k].name);
  const rows: SiteSettingRecord[] = [];
  for await (const row of client.list(
    table.entitySet,
    {
      select: siteSettingSelect(table),
      filter: `${table.lookups.website.valueField} eq ${normalizeGuid(site.id)} and ${c.state} eq ${RecordState.Active} and ${anyOf(c.name, names)}`,
    },
    { headers: { ...NO_CACHE }, ...(signal ? { signal } : {}) },
  ))
    rows.push(toSiteSettingRecord(table, row));
  return rows;
}

/** Reads and judges a site's registration settings. */
export async function readSiteRegistration(
  client: DataverseApi,
  site: Site,
  signal?: AbortSignal,
): Promise<SiteRegistration> {
  const settings = readRegistrationSettings(await readRegistrationRows(client, site, signal));
  return { site, settings, check: checkRegistration(settings) };
}

/** The change set of a plan: creates with their chosen ids, updates guarded by the row version read. */
export function settingWriteRequests(site: Site, writes: readonly SettingWrite[]): BatchRequest[] {
  const table = SITE_SETTING_TABLES[site.dataModel];
  return writes.map((w): BatchRequest =>
    w.action === 'create'
      ? {
          method: 'POST',
          url: table.entitySet,
          body: siteSettingToWebApi(table, { id: w.rowId, name: w.name, value: w.to, siteId: site.id }),
        }
      : {
          method: 'PATCH',
          url: recordPath(table.entitySet, w.rowId),
          body: siteSettingToWebApi(table, { value: w.to }),
          headers: { 'If-Match': w.etag ?? '*' },
        },
  );
}

/**
 * Applies a plan in one change set. Resolves with the error of the request that failed (the whole
 * set rolled back), or undefined when every write committed.
 */
export async function applySettingWrites(
  client: DataverseApi,
  site: Site,
  writes: readonly SettingWrite[],
  signal?: AbortSignal,
): Promise<unknown> {
  if (writes.length === 0) return undefined;
  const responses = await client.batch(
    [{ changeSet: settingWriteRequests(site, writes) }],
    signal ? { signal } : undefined,
  );
  const failed = changeSetFailure(responses);
  return failed
    ? (failed.error ??
        new DataverseError(`The site settings change set failed with HTTP ${failed.status}.`, {
          status: failed.status,
        }))
    : undefined;
}
