/**
 * mspp_website: the enhanced data model's virtual, read-only view of powerpagesite rows (same
 * ids). The product never lists sites from it (they would be counted twice) and never writes it;
 * it is described so that mspp_webrole's site lookup has a target.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/mspp_website
 */
import type { TableDefinition } from './table';

/** mspp_website's names. */
export const MsppWebsiteTable = {
  logicalName: 'mspp_website',
  entitySet: 'mspp_websites',
  primaryId: 'mspp_websiteid',
  primaryName: 'mspp_name',
  columns: {
    id: 'mspp_websiteid',
    name: 'mspp_name',
    primaryDomainName: 'mspp_primarydomainname',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {},
  relationships: {
    /** 1:N to the web roles of the site (mspp_webrole.mspp_websiteid). */
    webRoles: 'mspp_website_webrole',
  },
} as const satisfies TableDefinition;
