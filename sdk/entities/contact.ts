/**
 * contact: the person invited to and signing in to the portal, with the portal identity columns
 * the portal's ASP.NET Identity store reads.
 */
import type { WebApiRecord } from '../client/types';
import { AccountTable } from './account';
import { lookup, type TableDefinition } from './table';
import {
  bindLookup,
  formatDate,
  readBoolean,
  readDate,
  readEtag,
  readLookupId,
  readLookupTarget,
  readNumber,
  readString,
  stripBraces,
} from './web-api-values';

/** contact's names. */
export const ContactTable = {
  logicalName: 'contact',
  entitySet: 'contacts',
  primaryId: 'contactid',
  primaryName: 'fullname',
  columns: {
    id: 'contactid',
    fullName: 'fullname',
    firstName: 'firstname',
    lastName: 'lastname',
    email: 'emailaddress1',
    email2: 'emailaddress2',
    email3: 'emailaddress3',
    telephone: 'telephone1',
    jobTitle: 'jobtitle',
    state: 'statecode',
    status: 'statuscode',
    identityUsername: 'adx_identity_username',
    identityPasswordHash: 'adx_identity_passwordhash',
    identitySecurityStamp: 'adx_identity_securitystamp',
    identityLogonEnabled: 'adx_identity_logonenabled',
    identityEmailConfirmed: 'adx_identity_emailaddress1confirmed',
    identityLockoutEnabled: 'adx_identity_lockoutenabled',
    identityAccessFailedCount: 'adx_identity_accessfailedcount',
    identityLockoutEndDate: 'adx_identity_lockoutenddate',
  },
  lookups: {
    /** Customer lookup (account or contact); this binds the account side. */
    parentCustomerAccount: lookup('parentcustomerid', 'parentcustomerid_account', 'account'),
    /** The contact side of the same customer lookup. */
    parentCustomerContact: lookup('parentcustomerid', 'parentcustomerid_contact', 'contact'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    /** Standard data model: the adx_webrole rows the contact holds. */
    webRoles: 'adx_webrole_contact',
    /** Enhanced data model: the web role components (powerpagecomponent) the contact holds. */
    powerPageWebRoles: 'powerpagecomponent_mspp_webrole_contact',
    invitationsInvitedTo: 'adx_invitation_invitecontacts',
    invitationsRedeemed: 'adx_invitation_redeemedcontacts',
    /** 1:N to the contact's external sign-ins (adx_externalidentity.adx_contactid). */
    externalIdentities: 'adx_contact_externalidentity',
  },
} as const satisfies TableDefinition;

/** contact statecode. */
export enum ContactState {
  Active = 0,
  Inactive = 1,
}

/** The contact as the services use it. */
export interface ContactRecord {
  id: string;
  /** statecode ({@link ContactState}), when selected. */
  state?: ContactState;
  fullName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** Id of the parent customer (account or contact). */
  parentCustomerId?: string;
  /** Table of the parent customer, when the row carried annotations. */
  parentCustomerType?: string;
  identityUsername?: string;
  identityPasswordHash?: string;
  identitySecurityStamp?: string;
  identityLogonEnabled?: boolean;
  identityEmailConfirmed?: boolean;
  identityLockoutEnabled?: boolean;
  identityAccessFailedCount?: number;
  identityLockoutEndDate?: Date;
  etag?: string;
}

const { columns: c, lookups: l } = ContactTable;

/** Reads a Web API row of contacts. */
export function toContactRecord(row: WebApiRecord): ContactRecord {
  return {
    id: readString(row, c.id) ?? '',
    state: readNumber(row, c.state),
    fullName: readString(row, c.fullName),
    firstName: readString(row, c.firstName),
    lastName: readString(row, c.lastName),
    email: readString(row, c.email),
    parentCustomerId: readLookupId(row, l.parentCustomerAccount),
    parentCustomerType: readLookupTarget(row, l.parentCustomerAccount),
    identityUsername: readString(row, c.identityUsername),
    identityPasswordHash: readString(row, c.identityPasswordHash),
    identitySecurityStamp: readString(row, c.identitySecurityStamp),
    identityLogonEnabled: readBoolean(row, c.identityLogonEnabled),
    identityEmailConfirmed: readBoolean(row, c.identityEmailConfirmed),
    identityLockoutEnabled: readBoolean(row, c.identityLockoutEnabled),
    identityAccessFailedCount: readNumber(row, c.identityAccessFailedCount),
    identityLockoutEndDate: readDate(row, c.identityLockoutEndDate),
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link contactToWebApi}; `null` clears. */
export type ContactFields = {
  [
    K in keyof Omit<
      ContactRecord,
      'etag' | 'state' | 'fullName' | 'parentCustomerType' | 'identityLockoutEndDate'
    >
  ]?: ContactRecord[K] | null;
} & { parentCustomerType?: 'account' | 'contact'; identityLockoutEndDate?: Date | string | null };

const plainColumns = [
  'firstName',
  'lastName',
  'email',
  'identityUsername',
  'identityPasswordHash',
  'identitySecurityStamp',
  'identityLogonEnabled',
  'identityEmailConfirmed',
  'identityLockoutEnabled',
  'identityAccessFailedCount',
] as const;

/** Builds a create/update body; `parentCustomerId` binds an account unless `parentCustomerType` is 'contact'. */
export function contactToWebApi(fields: ContactFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id != null) body[c.id] = stripBraces(fields.id);
  for (const name of plainColumns) {
    if (fields[name] !== undefined) body[c[name]] = fields[name];
  }
  if (fields.identityLockoutEndDate !== undefined) {
    body[c.identityLockoutEndDate] =
      fields.identityLockoutEndDate === null
        ? null
        : formatDate(fields.identityLockoutEndDate, 'identityLockoutEndDate');
  }
  if (fields.parentCustomerId !== undefined) {
    const contactSide = fields.parentCustomerType === 'contact';
    const target = contactSide ? l.parentCustomerContact : l.parentCustomerAccount;
    Object.assign(
      body,
      bindLookup(
        target.navigation,
        contactSide ? ContactTable.entitySet : AccountTable.entitySet,
        fields.parentCustomerId,
      ),
    );
  }
  return body;
}
