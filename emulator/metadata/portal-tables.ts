/**
 * Metadata of the portal tables: contact, account, adx_website, adx_webrole, adx_invitation and
 * the adx_inviteredemption activity. Names come from sdk/entities; lengths follow Microsoft's
 * table reference.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact
 */
import {
  AccountTable,
  ActivityPartyTable,
  ActivityState,
  ContactTable,
  EmailTable,
  ExternalIdentityState,
  ExternalIdentityStatus,
  ExternalIdentityTable,
  InvitationState,
  InvitationStatus,
  InvitationTable,
  InvitationType,
  InviteRedemptionStatus,
  InviteRedemptionTable,
  ParticipationType,
  RecordState,
  RecordStatus,
  WebRoleTable,
  WebsiteTable,
} from '../../sdk/entities/index';
import { SiteSettingTable } from '../../sdk/entities/index';
import { bool, choice, dateOnly, dateTime, int, memo, stateModel, text } from './columns';
import { defineTable, type DefinedTable, manyToMany, oneToMany } from './define';

/** Active (Active) / Inactive (Inactive): the states of an ordinary table. */
export const activeInactive = stateModel(RecordState, RecordStatus, {
  [RecordState.Active]: [RecordStatus.Active],
  [RecordState.Inactive]: [RecordStatus.Inactive],
});

/** Open/Completed/Canceled/Scheduled with one status each: the states of a simple activity. */
export const activityStates = stateModel(ActivityState, InviteRedemptionStatus, {
  [ActivityState.Open]: [InviteRedemptionStatus.Open],
  [ActivityState.Completed]: [InviteRedemptionStatus.Completed],
  [ActivityState.Canceled]: [InviteRedemptionStatus.Canceled],
  [ActivityState.Scheduled]: [InviteRedemptionStatus.Scheduled],
});

const contact = ContactTable.columns;

/** contact; `fullname` is computed from firstname and lastname. */
export const contactTable = defineTable(ContactTable, {
  columns: {
    fullName: text(160, { readOnly: true }),
    firstName: text(50),
    lastName: text(50),
    email: text(100, { indexed: true }),
    email2: text(100),
    email3: text(100),
    telephone: text(50),
    jobTitle: text(100),
    identityUsername: text(100, { indexed: true }),
    identityPasswordHash: text(128),
    identitySecurityStamp: text(100),
    identityLogonEnabled: bool(false),
    identityEmailConfirmed: bool(false),
    identityLockoutEnabled: bool(false),
    identityAccessFailedCount: int(),
    identityLockoutEndDate: dateTime(),
  },
  lookups: { parentCustomerAccount: { customer: true } },
  states: activeInactive,
  relationships: { externalIdentities: oneToMany(ExternalIdentityTable, 'contact') },
  computed: (v) => {
    const parts = [v[contact.firstName], v[contact.lastName]];
    const name = parts.filter((p) => typeof p === 'string' && p !== '').join(' ');
    return { [contact.fullName]: name === '' ? null : name };
  },
});

/** account. */
export const accountTable = defineTable(AccountTable, {
  columns: {
    name: text(160, { required: true }),
    email: text(100, { indexed: true }),
    telephone: text(50),
    websiteUrl: text(200),
  },
  states: activeInactive,
  relationships: { contacts: oneToMany(ContactTable, 'parentCustomerAccount') },
});

/** adx_website (organization-owned): a site of the standard data model. */
export const websiteTable = defineTable(WebsiteTable, {
  columns: {
    name: text(100, { required: true }),
    partialUrl: text(100),
    primaryDomainName: text(100),
  },
  states: activeInactive,
  relationships: {
    webRoles: oneToMany(WebRoleTable, 'website'),
    invitations: oneToMany(InvitationTable, 'website'),
  },
});

/** adx_webrole (user-owned, as Microsoft's table reference lists it). */
export const webRoleTable = defineTable(WebRoleTable, {
  columns: {
    name: text(100, { required: true }),
    key: text(100),
    description: memo(2000),
    authenticatedUsersRole: bool(false),
    anonymousUsersRole: bool(false),
  },
  lookups: { website: { required: true } },
  states: activeInactive,
  relationships: { contacts: manyToMany(ContactTable) },
});

/** adx_invitation; Redeemed stays in the Active state. */
export const invitationTable = defineTable(InvitationTable, {
  columns: {
    name: text(200, { required: true }),
    type: choice(InvitationType, { required: true, default: InvitationType.Single }),
    code: text(200, { indexed: true }),
    expiryDate: dateOnly(),
    maximumRedemptions: int(),
    redemptions: int({ default: 0 }),
  },
  states: stateModel(InvitationState, InvitationStatus, {
    [InvitationState.Active]: [InvitationStatus.New, InvitationStatus.Sent, InvitationStatus.Redeemed],
    [InvitationState.Inactive]: [InvitationStatus.Inactive],
  }),
  relationships: {
    inviteContacts: manyToMany(ContactTable),
    redeemedContacts: manyToMany(ContactTable),
    webRoles: manyToMany(WebRoleTable),
    redemptions: oneToMany(InviteRedemptionTable, 'regardingInvitation'),
    emails: oneToMany(EmailTable, 'regardingInvitation'),
  },
});

/** adx_inviteredemption activity; the redeeming contact is a `customers` party. */
export const inviteRedemptionTable = defineTable(InviteRedemptionTable, {
  columns: {
    subject: text(200, { required: true }),
    ipAddress: text(128),
    description: memo(2000),
    actualStart: dateTime(),
    actualEnd: dateTime(),
    scheduledEnd: dateTime(),
  },
  states: activityStates,
  relationships: { parties: oneToMany(ActivityPartyTable, 'activityInviteRedemption') },
  activity: { parties: { customers: ParticipationType.Customer }, navigation: 'parties' },
});

/** adx_sitesetting: a named value of a standard-model site (lengths per the portal solution). */
export const siteSettingTable = defineTable(SiteSettingTable, {
  columns: { name: text(100, { required: true }), value: memo(2000), description: memo(2000) },
  lookups: { website: { required: true } },
  states: activeInactive,
});

/** adx_externalidentity (organization-owned): a contact's external sign-in; lengths per the CDM schema. */
export const externalIdentityTable = defineTable(ExternalIdentityTable, {
  columns: {
    username: text(100, { indexed: true }),
    identityProvider: text(400),
  },
  states: stateModel(ExternalIdentityState, ExternalIdentityStatus, {
    [ExternalIdentityState.Active]: [ExternalIdentityStatus.Active],
    [ExternalIdentityState.Inactive]: [ExternalIdentityStatus.Inactive],
  }),
});

/** The portal tables, in the order the emulator serves them. */
export const portalTables: readonly DefinedTable[] = [
  contactTable,
  accountTable,
  websiteTable,
  webRoleTable,
  siteSettingTable,
  invitationTable,
  inviteRedemptionTable,
  externalIdentityTable,
];
