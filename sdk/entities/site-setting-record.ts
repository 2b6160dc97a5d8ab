/**
 * What the two site-setting tables share: the same columns under each model's prefix
 * (adx_sitesetting for the standard data model, mspp_sitesetting for the enhanced one), read and
 * written through one record shape and one mapper, given the table.
 */
import type { WebApiRecord } from '../client/types';
import { SiteSettingTable } from './adx-sitesetting';
import { WebsiteTable } from './adx-website';
import { MsppSiteSettingTable } from './mspp-sitesetting';
import { MsppWebsiteTable } from './mspp-website';
import { bindLookup, readEtag, readLookupId, readNumber, readString, stripBraces } from './web-api-values';

/** Either model's site-setting table. */
export type SiteSettingTableDefinition = typeof SiteSettingTable | typeof MsppSiteSettingTable;

/** The entity set a site-setting table's site lookup binds to. */
export function siteSettingSiteEntitySet(table: SiteSettingTableDefinition): string {
  return table === SiteSettingTable ? WebsiteTable.entitySet : MsppWebsiteTable.entitySet;
}

/** One site-setting row. */
export interface SiteSettingRecord {
  id: string;
  name: string;
  /** The stored text, exactly as the row holds it (undefined when empty). */
  value?: string;
  /** The site the row belongs to. */
  siteId?: string;
  /** statecode: 0 Active, 1 Inactive. */
  state?: number;
  etag?: string;
}

/** `$select` for {@link toSiteSettingRecord}. */
export function siteSettingSelect(table: SiteSettingTableDefinition): string[] {
  const c = table.columns;
  return [c.id, c.name, c.value, c.state, table.lookups.website.valueField];
}

/** Reads a Web API row of either site-setting table. */
export function toSiteSettingRecord(table: SiteSettingTableDefinition, row: WebApiRecord): SiteSettingRecord {
  const c = table.columns;
  const siteId = readLookupId(row, table.lookups.website);
  return {
    id: stripBraces(readString(row, c.id) ?? ''),
    name: readString(row, c.name) ?? '',
    value: readString(row, c.value),
    siteId: siteId ? stripBraces(siteId) : undefined,
    state: readNumber(row, c.state),
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link siteSettingToWebApi}; a create gives all of them. */
export interface SiteSettingFields {
  /** Client-chosen primary key (create only). */
  id?: string;
  name?: string;
  value?: string;
  /** The site (create only). */
  siteId?: string;
}

/** Builds a create/update body for either site-setting table; only given fields are written. */
export function siteSettingToWebApi(
  table: SiteSettingTableDefinition,
  fields: SiteSettingFields,
): WebApiRecord {
  const c = table.columns;
  const body: WebApiRecord = {};
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.name !== undefined) body[c.name] = fields.name;
  if (fields.value !== undefined) body[c.value] = fields.value;
  if (fields.siteId !== undefined)
    Object.assign(
      body,
      bindLookup(table.lookups.website.navigation, siteSettingSiteEntitySet(table), fields.siteId),
    );
  return body;
}
