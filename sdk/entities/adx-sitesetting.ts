/**
 * adx_sitesetting: a named value of a standard-data-model site (adx_website), such as the
 * `Authentication/Registration/*` settings that decide who may register. The portal reads the
 * first active row with a name for its site; a name without a row takes its documented default.
 * @see https://learn.microsoft.com/power-pages/configure/configure-site-settings
 */
import { lookup, type TableDefinition } from './table';

/** adx_sitesetting's names (Web API EntityType reference: nav `adx_websiteid` → adx_website). */
export const SiteSettingTable = {
  logicalName: 'adx_sitesetting',
  entitySet: 'adx_sitesettings',
  primaryId: 'adx_sitesettingid',
  primaryName: 'adx_name',
  columns: {
    id: 'adx_sitesettingid',
    name: 'adx_name',
    value: 'adx_value',
    description: 'adx_description',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    /** The site the setting belongs to (partner collection `adx_website_sitesetting`). */
    website: lookup('adx_websiteid', 'adx_websiteid', 'adx_website'),
  },
  relationships: {},
} as const satisfies TableDefinition;
