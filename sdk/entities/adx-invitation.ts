/**
 * adx_invitation: an invitation to a portal, with its code, type, expiry, invited contact(s) and
 * what redemption grants (account, web roles, workflow).
 */
import type { WebApiRecord } from '../client/types';
import { AccountTable } from './account';
import { ContactTable } from './contact';
import { SystemUserTable } from './systemuser';
import { lookup, type TableDefinition } from './table';
import { WebRoleTable } from './adx-webrole';
import { WebsiteTable } from './adx-website';
import { PowerPageComponentTable } from './powerpagecomponent';
import { PowerPageSiteTable } from './powerpagesite';
import { WorkflowTable } from './workflow';
import {
  bindCollection,
  bindLookup,
  formatDate,
  readDate,
  readEtag,
  readLookupId,
  readNumber,
  readString,
  stripBraces,
} from './web-api-values';

/** adx_invitation's names. Navigation property case matters in `@odata.bind`. */
export const InvitationTable = {
  logicalName: 'adx_invitation',
  entitySet: 'adx_invitations',
  primaryId: 'adx_invitationid',
  primaryName: 'adx_name',
  columns: {
    id: 'adx_invitationid',
    name: 'adx_name',
    type: 'adx_type',
    code: 'adx_invitationcode',
    expiryDate: 'adx_expirydate',
    maximumRedemptions: 'adx_maximumredemptions',
    redemptions: 'adx_redemptions',
    state: 'statecode',
    status: 'statuscode',
    createdOn: 'createdon',
  },
  lookups: {
    inviteContact: lookup('adx_invitecontact', 'adx_inviteContact', 'contact'),
    inviterContact: lookup('adx_invitercontact', 'adx_invitercontact', 'contact'),
    redeemedContact: lookup('adx_redeemedcontact', 'adx_redeemedContact', 'contact'),
    assignToAccount: lookup('adx_assigntoaccount', 'adx_assignToAccount', 'account'),
    redemptionWorkflow: lookup('adx_redemptionworkflow', 'adx_redemptionWorkflow', 'workflow'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
    /** Standard data model: the adx_website the invitation is for (relationship adx_invitation_website). */
    website: lookup('adx_website', 'adx_website', 'adx_website'),
    /** Enhanced data model: the powerpagesite the invitation is for (powerpagesite_mspp_websiteid_adx_invitation). */
    powerPageSite: lookup('mspp_websiteid', 'mspp_websiteid', 'powerpagesite'),
  },
  relationships: {
    inviteContacts: 'adx_invitation_invitecontacts',
    redeemedContacts: 'adx_invitation_redeemedcontacts',
    /** Standard data model: the adx_webrole rows granted on redemption. */
    webRoles: 'adx_invitation_webrole',
    /** Enhanced data model: the web role components (powerpagecomponent) granted on redemption. */
    powerPageWebRoles: 'adx_invitation_mspp_webrole_powerpagecomponent',
    redemptions: 'adx_invitation_adx_inviteredemptions',
    /** 1:N to the e-mails regarding the invitation (what Send Invitation creates). */
    emails: 'adx_invitation_Emails',
  },
} as const satisfies TableDefinition;

/** adx_type. */
export enum InvitationType {
  Single = 756150000,
  Group = 756150001,
}

/** adx_invitation statuscode. Redeemed stays in the Active state. */
export enum InvitationStatus {
  New = 1,
  Sent = 756150000,
  Redeemed = 756150001,
  Inactive = 2,
}

/** adx_invitation statecode. */
export enum InvitationState {
  Active = 0,
  Inactive = 1,
}

/** The invitation as the services use it. */
export interface InvitationRecord {
  id: string;
  name: string;
  type: 'single' | 'group';
  code?: string;
  expiresOn?: Date;
  status: 'new' | 'sent' | 'redeemed' | 'inactive';
  redemptions: number;
  maximumRedemptions?: number;
  inviteContactId?: string;
  inviterContactId?: string;
  redeemedContactId?: string;
  accountId?: string;
  redemptionWorkflowId?: string;
  ownerId?: string;
  /** Standard data model: the adx_website (read only when selected; see {@link invitationSiteSelect}). */
  websiteId?: string;
  /** Enhanced data model: the powerpagesite (read only when selected; see {@link invitationSiteSelect}). */
  powerPageSiteId?: string;
  etag?: string;
}

const { columns: c, lookups: l, relationships: r } = InvitationTable;

/**
 * The site lookups, one per data model. Each exists only where its model's tables do, so they are
 * selected apart from {@link invitationSelect}: by {@link invitationSiteSelect}, for the models the
 * environment has.
 */
const SITE_LOOKUPS: readonly string[] = [l.website.column, l.powerPageSite.column];

/** `$select` for everything {@link toInvitationRecord} reads that exists in every environment. */
export const invitationSelect: string[] = [
  c.id,
  c.name,
  c.type,
  c.code,
  c.expiryDate,
  c.maximumRedemptions,
  c.redemptions,
  c.state,
  c.status,
  ...Object.values(l)
    .filter((x) => !SITE_LOOKUPS.includes(x.column))
    .map((x) => x.valueField),
];

/** The site lookup columns to add to {@link invitationSelect} for the data models present. */
export function invitationSiteSelect(models: { standard: boolean; enhanced: boolean }): string[] {
  return [
    ...(models.standard ? [l.website.valueField] : []),
    ...(models.enhanced ? [l.powerPageSite.valueField] : []),
  ];
}

/** Maps statecode/statuscode to the record's status. */
export function invitationStatusOf(
  state: number | undefined,
  status: number | undefined,
): InvitationRecord['status'] {
  if (state === InvitationState.Inactive || status === InvitationStatus.Inactive) return 'inactive';
  if (status === InvitationStatus.Redeemed) return 'redeemed';
  if (status === InvitationStatus.Sent) return 'sent';
  return 'new';
}

/** The statecode/statuscode pair for a status. */
export function invitationStateOf(status: InvitationRecord['status']): {
  statecode: number;
  statuscode: number;
} {
  switch (status) {
    case 'inactive':
      return { statecode: InvitationState.Inactive, statuscode: InvitationStatus.Inactive };
    case 'redeemed':
      return { statecode: InvitationState.Active, statuscode: InvitationStatus.Redeemed };
    case 'sent':
      return { statecode: InvitationState.Active, statuscode: InvitationStatus.Sent };
    default:
      return { statecode: InvitationState.Active, statuscode: InvitationStatus.New };
  }
}

/** Reads a Web API row of adx_invitations. */
export function toInvitationRecord(row: WebApiRecord): InvitationRecord {
  return {
    id: readString(row, c.id) ?? '',
    name: readString(row, c.name) ?? '',
    type: readNumber(row, c.type) === InvitationType.Group ? 'group' : 'single',
    code: readString(row, c.code),
    expiresOn: readDate(row, c.expiryDate),
    status: invitationStatusOf(readNumber(row, c.state), readNumber(row, c.status)),
    redemptions: readNumber(row, c.redemptions) ?? 0,
    maximumRedemptions: readNumber(row, c.maximumRedemptions),
    inviteContactId: readLookupId(row, l.inviteContact),
    inviterContactId: readLookupId(row, l.inviterContact),
    redeemedContactId: readLookupId(row, l.redeemedContact),
    accountId: readLookupId(row, l.assignToAccount),
    redemptionWorkflowId: readLookupId(row, l.redemptionWorkflow),
    ownerId: readLookupId(row, l.owner),
    websiteId: readLookupId(row, l.website),
    powerPageSiteId: readLookupId(row, l.powerPageSite),
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link invitationToWebApi}; `null` clears a column or lookup. */
export type InvitationFields = {
  [K in keyof Omit<InvitationRecord, 'etag' | 'expiresOn'>]?: InvitationRecord[K] | null;
} & {
  expiresOn?: Date | string | null;
  /** The owner's table; default systemuser. */
  ownerType?: 'systemuser' | 'team';
  /**
   * Writes statuscode alone: a status reason of the Active state. Dataverse keeps the statecode,
   * where `status` writes both (a PATCH of statecode is a state change, which a redemption is not).
   */
  statusReason?: Exclude<InvitationRecord['status'], 'inactive'>;
  /** Group: the invited contacts, linked on create (adx_invitation_invitecontacts). */
  inviteContactIds?: readonly string[];
  /** Standard data model: the adx_webrole rows granted on redemption, linked on create (adx_invitation_webrole). */
  webRoleIds?: readonly string[];
  /**
   * Enhanced data model: the web role components granted on redemption, linked on create
   * (adx_invitation_mspp_webrole_powerpagecomponent; never through the mspp_webrole view).
   */
  powerPageWebRoleIds?: readonly string[];
};

/** Entity set of the table an owner of this type lives in (teams have no table description here). */
const OWNER_ENTITY_SETS = { systemuser: SystemUserTable.entitySet, team: 'teams' } as const;

/**
 * Builds a create/update body. Only given fields are written; lookups use `@odata.bind` with the
 * exact navigation names; `ownerType` picks the owner's table (default systemuser). The N:N
 * fields (`inviteContactIds`, `webRoleIds`, `powerPageWebRoleIds`) deep-insert links and only work
 * on create.
 */
export function invitationToWebApi(fields: InvitationFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id != null) body[c.id] = stripBraces(fields.id);
  if (fields.name !== undefined) body[c.name] = fields.name;
  if (fields.type != null)
    body[c.type] = fields.type === 'group' ? InvitationType.Group : InvitationType.Single;
  if (fields.code !== undefined) body[c.code] = fields.code;
  if (fields.expiresOn !== undefined)
    body[c.expiryDate] = fields.expiresOn === null ? null : formatDate(fields.expiresOn, 'expiresOn');
  if (fields.redemptions !== undefined) body[c.redemptions] = fields.redemptions;
  if (fields.maximumRedemptions !== undefined) body[c.maximumRedemptions] = fields.maximumRedemptions;
  if (fields.status != null) Object.assign(body, invitationStateOf(fields.status));
  if (fields.statusReason !== undefined) body[c.status] = invitationStateOf(fields.statusReason).statuscode;
  const binds: [keyof InvitationFields, keyof typeof l, string][] = [
    ['inviteContactId', 'inviteContact', ContactTable.entitySet],
    ['inviterContactId', 'inviterContact', ContactTable.entitySet],
    ['redeemedContactId', 'redeemedContact', ContactTable.entitySet],
    ['accountId', 'assignToAccount', AccountTable.entitySet],
    ['redemptionWorkflowId', 'redemptionWorkflow', WorkflowTable.entitySet],
    ['ownerId', 'owner', OWNER_ENTITY_SETS[fields.ownerType ?? 'systemuser']],
    ['websiteId', 'website', WebsiteTable.entitySet],
    ['powerPageSiteId', 'powerPageSite', PowerPageSiteTable.entitySet],
  ];
  for (const [field, lookupName, entitySet] of binds) {
    const value = fields[field];
    if (value === undefined) continue;
    Object.assign(
      body,
      bindLookup(l[lookupName].navigation, entitySet, value === null ? null : String(value)),
    );
  }
  if (fields.inviteContactIds?.length)
    Object.assign(body, bindCollection(r.inviteContacts, ContactTable.entitySet, fields.inviteContactIds));
  if (fields.webRoleIds?.length)
    Object.assign(body, bindCollection(r.webRoles, WebRoleTable.entitySet, fields.webRoleIds));
  if (fields.powerPageWebRoleIds?.length)
    Object.assign(
      body,
      bindCollection(r.powerPageWebRoles, PowerPageComponentTable.entitySet, fields.powerPageWebRoleIds),
    );
  return body;
}

/** One N:N link of an invitation: the navigation property and the row it points to. */
export interface InvitationLink {
  navigation: string;
  entitySet: string;
  id: string;
}

/**
 * The N:N links of {@link InvitationFields} `inviteContactIds`, `webRoleIds` and
 * `powerPageWebRoleIds` one by one, for associating them after the row was created (what a bulk
 * create does instead of a deep insert).
 */
export function invitationLinks(
  fields: Pick<InvitationFields, 'inviteContactIds' | 'webRoleIds' | 'powerPageWebRoleIds'>,
): InvitationLink[] {
  return [
    ...(fields.inviteContactIds ?? []).map((id) => ({
      navigation: r.inviteContacts,
      entitySet: ContactTable.entitySet,
      id,
    })),
    ...(fields.webRoleIds ?? []).map((id) => ({
      navigation: r.webRoles,
      entitySet: WebRoleTable.entitySet,
      id,
    })),
    ...(fields.powerPageWebRoleIds ?? []).map((id) => ({
      navigation: r.powerPageWebRoles,
      entitySet: PowerPageComponentTable.entitySet,
      id,
    })),
  ];
}
