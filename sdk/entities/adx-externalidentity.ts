/**
 * adx_externalidentity: one external sign-in (Microsoft Entra ID, Entra External ID, Azure AD B2C,
 * another OpenID Connect, SAML or OAuth provider) tied to the contact it signs in as. The portal
 * finds the contact of a sign-in by (`adx_identityprovidername`, `adx_username`) among Active rows.
 * Both data models use the same table.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/adx_externalidentity
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/adx_externalidentity
 */
import type { WebApiRecord } from '../client/types';
import { ContactTable } from './contact';
import { lookup, type TableDefinition } from './table';
import {
  bindLookup,
  readDate,
  readEtag,
  readLookupId,
  readNumber,
  readString,
  stripBraces,
} from './web-api-values';

/** adx_externalidentity's names. */
export const ExternalIdentityTable = {
  logicalName: 'adx_externalidentity',
  entitySet: 'adx_externalidentities',
  primaryId: 'adx_externalidentityid',
  primaryName: 'adx_username',
  columns: {
    id: 'adx_externalidentityid',
    /** "User Name": the provider's key for the user (the `sub` or `oid` claim for Entra-based providers). */
    username: 'adx_username',
    /** "Identity Provider": the provider's authentication type (for OpenID Connect, its authority URL). */
    identityProvider: 'adx_identityprovidername',
    state: 'statecode',
    status: 'statuscode',
    createdOn: 'createdon',
  },
  lookups: {
    /** The contact the sign-in belongs to (relationship adx_contact_externalidentity). */
    contact: lookup('adx_contactid', 'adx_contactid', 'contact'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/** adx_externalidentity statecode: the portal signs in only through Active rows. */
export enum ExternalIdentityState {
  Active = 0,
  Inactive = 1,
}

/** adx_externalidentity statuscode (one per state). */
export enum ExternalIdentityStatus {
  Active = 1,
  Inactive = 2,
}

/** An adx_externalidentity row as the services use it. */
export interface ExternalIdentityRecord {
  id: string;
  /** adx_identityprovidername. */
  provider: string;
  /** adx_username: the provider's subject (key) of the user. */
  subject: string;
  /** The contact it signs in as, when the lookup is set. */
  contactId?: string;
  /** statecode ({@link ExternalIdentityState}), when selected. */
  state?: ExternalIdentityState;
  createdOn?: Date;
  etag?: string;
}

const { columns: c, lookups: l } = ExternalIdentityTable;

/** `$select` for {@link toExternalIdentityRecord}. */
export const externalIdentitySelect: string[] = [
  c.id,
  c.identityProvider,
  c.username,
  c.state,
  c.createdOn,
  l.contact.valueField,
];

/** Reads a Web API row of adx_externalidentities. */
export function toExternalIdentityRecord(row: WebApiRecord): ExternalIdentityRecord {
  const contactId = readLookupId(row, l.contact);
  return {
    id: stripBraces(readString(row, c.id) ?? ''),
    provider: readString(row, c.identityProvider) ?? '',
    subject: readString(row, c.username) ?? '',
    contactId: contactId ? stripBraces(contactId) : undefined,
    state: readNumber(row, c.state),
    createdOn: readDate(row, c.createdOn),
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link externalIdentityToWebApi}. */
export interface ExternalIdentityFields {
  /** Client-chosen adx_externalidentityid (create only). */
  id?: string;
  provider?: string;
  subject?: string;
  /** The contact (bound through `adx_contactid@odata.bind`). */
  contactId?: string;
}

/** Builds a create/update body; only given fields are written. */
export function externalIdentityToWebApi(fields: ExternalIdentityFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.provider !== undefined) body[c.identityProvider] = fields.provider;
  if (fields.subject !== undefined) body[c.username] = fields.subject;
  if (fields.contactId !== undefined)
    Object.assign(body, bindLookup(l.contact.navigation, ContactTable.entitySet, fields.contactId));
  return body;
}
