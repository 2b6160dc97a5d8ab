/** adx_website: the portal web site that web roles belong to. */
import type { TableDefinition } from './table';

/** adx_website's names. */
export const WebsiteTable = {
  logicalName: 'adx_website',
  entitySet: 'adx_websites',
  primaryId: 'adx_websiteid',
  primaryName: 'adx_name',
  columns: {
    id: 'adx_websiteid',
    name: 'adx_name',
    partialUrl: 'adx_partialurl',
    primaryDomainName: 'adx_primarydomainname',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {},
  relationships: {
    webRoles: 'adx_website_webrole',
  },
} as const satisfies TableDefinition;
