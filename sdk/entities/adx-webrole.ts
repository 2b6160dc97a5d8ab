/** adx_webrole: a portal web role granted to contacts through adx_webrole_contact. */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { bindLookup, readBoolean, readEtag, readLookupId, readString, stripBraces } from './web-api-values';

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
  },
  relationships: {
    contacts: 'adx_webrole_contact',
    invitations: 'adx_invitation_webrole',
  },
} as const satisfies TableDefinition;

/** The web role as the services use it. */
export interface WebRoleRecord {
  id: string;
  name: string;
  websiteId?: string;
  key?: string;
  description?: string;
  authenticatedUsersRole: boolean;
  anonymousUsersRole: boolean;
  etag?: string;
}

const { columns: c, lookups: l } = WebRoleTable;

/** `$select` for everything {@link toWebRoleRecord} reads. */
export const webRoleSelect: string[] = [
  c.id,
  c.name,
  c.key,
  c.description,
  c.authenticatedUsersRole,
  c.anonymousUsersRole,
  l.website.valueField,
];

/** Reads a Web API row of adx_webroles. */
export function toWebRoleRecord(row: WebApiRecord): WebRoleRecord {
  return {
    id: readString(row, c.id) ?? '',
    name: readString(row, c.name) ?? '',
    websiteId: readLookupId(row, l.website),
    key: readString(row, c.key),
    description: readString(row, c.description),
    authenticatedUsersRole: readBoolean(row, c.authenticatedUsersRole) ?? false,
    anonymousUsersRole: readBoolean(row, c.anonymousUsersRole) ?? false,
    etag: readEtag(row),
  };
}

/** Builds a create/update body from the given fields. */
export function webRoleToWebApi(fields: Partial<Omit<WebRoleRecord, 'etag'>>): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.name !== undefined) body[c.name] = fields.name;
  if (fields.key !== undefined) body[c.key] = fields.key;
  if (fields.description !== undefined) body[c.description] = fields.description;
  if (fields.authenticatedUsersRole !== undefined)
    body[c.authenticatedUsersRole] = fields.authenticatedUsersRole;
  if (fields.anonymousUsersRole !== undefined) body[c.anonymousUsersRole] = fields.anonymousUsersRole;
  if (fields.websiteId !== undefined)
    Object.assign(body, bindLookup(l.website.navigation, 'adx_websites', fields.websiteId));
  return body;
}
