/**
 * Metadata of the portal tables: contact, account, adx_website, adx_webrole, adx_invitation and
 * the adx_inviteredemption activity. Names, lengths and navigation properties follow
 * /work/shared/docs/DATAVERSE-REFERENCE.md (case matters in `@odata.bind`).
 */
import {
  ACTIVE_INACTIVE,
  ACTIVITY_STATES,
  bool,
  choice,
  dateTime,
  int,
  lookup,
  memo,
  ownerColumn,
  primaryKey,
  stateColumns,
  systemColumns,
  text,
} from './columns';
import {
  AccountTable,
  ContactTable,
  InvitationTable,
  InviteRedemptionTable,
  WebRoleTable,
  WebsiteTable,
} from '../../sdk/entities/index';
import type { TableMeta } from './types';

const inv = InvitationTable.lookups;

const activeInactive = (): TableMeta['columns'] => [
  ...stateColumns(ACTIVE_INACTIVE.states, ACTIVE_INACTIVE.statuses),
  ...systemColumns(),
];

/** contact; `fullname` is computed from firstname and lastname. */
export const contactTable: TableMeta = {
  logicalName: ContactTable.logicalName,
  entitySet: ContactTable.entitySet,
  primaryId: ContactTable.primaryId,
  primaryName: 'fullname',
  columns: [
    primaryKey('contactid'),
    text('firstname', 50),
    text('lastname', 50),
    { ...text('fullname', 160), readOnly: true },
    { ...text('emailaddress1', 100), indexed: true },
    text('emailaddress2', 100),
    text('emailaddress3', 100),
    text('telephone1', 50),
    text('jobtitle', 100),
    {
      ...lookup('parentcustomerid', {
        account: 'parentcustomerid_account',
        contact: 'parentcustomerid_contact',
      }),
      type: 'customer',
    },
    { ...text('adx_identity_username', 100), indexed: true },
    text('adx_identity_passwordhash', 128),
    text('adx_identity_securitystamp', 100),
    bool('adx_identity_logonenabled', false),
    bool('adx_identity_emailaddress1confirmed', false),
    bool('adx_identity_lockoutenabled', false),
    int('adx_identity_accessfailedcount'),
    dateTime('adx_identity_lockoutenddate'),
    ownerColumn(),
    ...activeInactive(),
  ],
  states: { 0: [1], 1: [2] },
  computed: (v) => {
    const name = [v.firstname, v.lastname].filter((p) => typeof p === 'string' && p !== '').join(' ');
    return { fullname: name === '' ? null : name };
  },
};

/** account. */
export const accountTable: TableMeta = {
  logicalName: AccountTable.logicalName,
  entitySet: AccountTable.entitySet,
  primaryId: AccountTable.primaryId,
  primaryName: 'name',
  columns: [
    primaryKey('accountid'),
    text('name', 160, true),
    { ...text('emailaddress1', 100), indexed: true },
    text('telephone1', 50),
    text('websiteurl', 200),
    lookup('primarycontactid', { contact: 'primarycontactid' }),
    lookup('parentaccountid', { account: 'parentaccountid' }),
    ownerColumn(),
    ...activeInactive(),
  ],
  states: { 0: [1], 1: [2] },
};

/** adx_website (organization-owned). */
export const websiteTable: TableMeta = {
  logicalName: WebsiteTable.logicalName,
  entitySet: WebsiteTable.entitySet,
  primaryId: WebsiteTable.primaryId,
  primaryName: 'adx_name',
  columns: [
    primaryKey('adx_websiteid'),
    text('adx_name', 100, true),
    text('adx_partialurl', 100),
    text('adx_primarydomainname', 100),
    ...activeInactive(),
  ],
  states: { 0: [1], 1: [2] },
};

/** adx_webrole (organization-owned). */
export const webRoleTable: TableMeta = {
  logicalName: WebRoleTable.logicalName,
  entitySet: WebRoleTable.entitySet,
  primaryId: WebRoleTable.primaryId,
  primaryName: 'adx_name',
  columns: [
    primaryKey('adx_webroleid'),
    text('adx_name', 100, true),
    lookup('adx_websiteid', { adx_website: 'adx_websiteid' }, true),
    bool('adx_authenticatedusersrole', false),
    bool('adx_anonymoususersrole', false),
    text('adx_key', 100),
    memo('adx_description', 2000),
    ...activeInactive(),
  ],
  states: { 0: [1], 1: [2] },
};

/** adx_invitation; Redeemed stays in the Active state. */
export const invitationTable: TableMeta = {
  logicalName: InvitationTable.logicalName,
  entitySet: InvitationTable.entitySet,
  primaryId: InvitationTable.primaryId,
  primaryName: 'adx_name',
  columns: [
    primaryKey('adx_invitationid'),
    text('adx_name', 200, true),
    choice('adx_type', { 756150000: 'Single', 756150001: 'Group' }, true, 756150000),
    { ...text('adx_invitationcode', 200), indexed: true },
    dateTime('adx_expirydate'),
    lookup('adx_invitecontact', { contact: inv.inviteContact.navigation }),
    lookup('adx_invitercontact', { contact: inv.inviterContact.navigation }),
    lookup('adx_redeemedcontact', { contact: inv.redeemedContact.navigation }),
    lookup('adx_assigntoaccount', { account: inv.assignToAccount.navigation }),
    lookup('adx_redemptionworkflow', { workflow: inv.redemptionWorkflow.navigation }),
    int('adx_maximumredemptions'),
    { ...int('adx_redemptions'), default: 0 },
    ownerColumn(),
    ...stateColumns(
      { 0: 'Active', 1: 'Inactive' },
      { 1: 'New', 756150000: 'Sent', 756150001: 'Redeemed', 2: 'Inactive' },
    ),
    ...systemColumns(),
  ],
  states: { 0: [1, 756150000, 756150001], 1: [2] },
};

/** adx_inviteredemption activity; the redeeming contact is a `customers` party (type 11). */
export const inviteRedemptionTable: TableMeta = {
  logicalName: InviteRedemptionTable.logicalName,
  entitySet: InviteRedemptionTable.entitySet,
  primaryId: InviteRedemptionTable.primaryId,
  primaryName: 'subject',
  columns: [
    primaryKey('activityid'),
    text('subject', 200, true),
    text('adx_ipaddress', 128),
    memo('description', 2000),
    lookup('regardingobjectid', { adx_invitation: 'regardingobjectid_adx_invitation_adx_inviteredemption' }),
    ownerColumn(),
    ...stateColumns(ACTIVITY_STATES.states, ACTIVITY_STATES.statuses),
    ...systemColumns(),
  ],
  states: ACTIVITY_STATES.pairs,
  activity: {
    parties: [{ name: 'customers', participationType: 11 }],
    partiesNavigation: 'adx_inviteredemption_activity_parties',
  },
};
