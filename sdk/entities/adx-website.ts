/**
 * adx_website: a portal site of the standard data model, which its adx_webrole rows belong to.
 * Enhanced-model sites are powerpagesite rows instead.
 */
import type { WebApiRecord } from '../client/types';
import type { TableDefinition } from './table';
import { readNumber, readString, stripBraces } from './web-api-values';

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
    /** 1:N to the invitations for the site through adx_invitation.adx_website. */
    invitations: 'adx_invitation_website',
  },
} as const satisfies TableDefinition;

/** An adx_website row as the site service reads it. */
export interface WebsiteRecord {
  id: string;
  name: string;
  primaryDomainName?: string;
  state?: number;
}

const c = WebsiteTable.columns;

/** `$select` for {@link toWebsiteRecord}. */
export const websiteSelect: string[] = [c.id, c.name, c.primaryDomainName, c.state];

/** Reads a Web API row of adx_websites. */
export function toWebsiteRecord(row: WebApiRecord): WebsiteRecord {
  return {
    id: stripBraces(readString(row, c.id) ?? ''),
    name: readString(row, c.name) ?? '',
    primaryDomainName: readString(row, c.primaryDomainName),
    state: readNumber(row, c.state),
  };
}
