/**
 * mspp_sitesetting: a named value of an enhanced-data-model site. A virtual table over the site's
 * Site Setting components (powerpagecomponent type 9) that, unlike mspp_webrole, Microsoft
 * documents as writable: its Web API EntityType lists "Operations supported: POST GET PATCH
 * DELETE", and the Power Pages Management app edits site settings through it.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/mspp_sitesetting
 * @see https://learn.microsoft.com/power-pages/admin/enhanced-data-model
 */
import { lookup, type TableDefinition } from './table';

/** mspp_sitesetting's names. */
export const MsppSiteSettingTable = {
  logicalName: 'mspp_sitesetting',
  entitySet: 'mspp_sitesettings',
  primaryId: 'mspp_sitesettingid',
  primaryName: 'mspp_name',
  columns: {
    id: 'mspp_sitesettingid',
    name: 'mspp_name',
    value: 'mspp_value',
    description: 'mspp_description',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    /** The site (its mspp_website row, the id of its powerpagesite); see `UNVERIFIED_FACTS`. */
    website: lookup('mspp_websiteid', 'mspp_websiteid', 'mspp_website'),
  },
  relationships: {},
} as const satisfies TableDefinition;
