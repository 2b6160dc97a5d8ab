/**
 * adx_webrole: a web role of a standard-data-model site, granted to contacts through
 * adx_webrole_contact (enhanced-model web roles are powerpagecomponent rows instead). User-owned,
 * with the lookup `adx_websiteid` to its website (navigation property of the same name), as
 * Microsoft's table reference lists them.
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/adx_webrole
 */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { readLookupId, readNumber, readString, stripBraces } from './web-api-values';

/** adx_webrole's names. */
export const WebRoleTable = {
  logicalName: 'adx_webrole',
  entitySet: 'adx_webroles',
  primaryId: 'adx_webroleid',
  primaryName: 'adx_name',
  columns: {
    id: 'adx_webroleid',
    name: 'adx_name',
    key: 'adx_key',
    description: 'adx_description',
    authenticatedUsersRole: 'adx_authenticatedusersrole',
    anonymousUsersRole: 'adx_anonymoususersrole',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    website: lookup('adx_websiteid', 'adx_websiteid', 'adx_website'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    contacts: 'adx_webrole_contact',
    invitations: 'adx_invitation_webrole',
  },
} as const satisfies TableDefinition;

/** An adx_webrole row as the services read it. */
export interface WebRoleRecord {
  id: string;
  name: string;
  websiteId?: string;
  state?: number;
}

/** `$select` for {@link toWebRoleRecord}. */
export const webRoleSelect: string[] = [
  WebRoleTable.columns.id,
  WebRoleTable.columns.name,
  WebRoleTable.lookups.website.valueField,
  WebRoleTable.columns.state,
];

/** Reads a Web API row of adx_webroles. */
export function toWebRoleRecord(row: WebApiRecord): WebRoleRecord {
  const websiteId = readLookupId(row, WebRoleTable.lookups.website);
  return {
    id: stripBraces(readString(row, WebRoleTable.columns.id) ?? ''),
    name: readString(row, WebRoleTable.columns.name) ?? '',
    websiteId: websiteId ? stripBraces(websiteId) : undefined,
    state: readNumber(row, WebRoleTable.columns.state),
  };
}
