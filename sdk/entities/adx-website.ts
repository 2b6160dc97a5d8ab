/** adx_website: the portal web site that web roles belong to. */
import type { WebApiRecord } from '../client/types';
import type { TableDefinition } from './table';
import { readEtag, readString } from './web-api-values';

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

/** The web site as the services use it. */
export interface WebsiteRecord {
  id: string;
  name: string;
  primaryDomainName?: string;
  etag?: string;
}

const { columns: c } = WebsiteTable;

/** Reads a Web API row of adx_websites. */
export function toWebsiteRecord(row: WebApiRecord): WebsiteRecord {
  return {
    id: readString(row, c.id) ?? '',
    name: readString(row, c.name) ?? '',
    primaryDomainName: readString(row, c.primaryDomainName),
    etag: readEtag(row),
  };
}
