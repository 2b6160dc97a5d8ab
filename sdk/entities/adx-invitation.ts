/**
 * adx_invitation: an invitation to a portal, with its code, type, expiry, invited contact(s) and
 * what redemption grants (account, web roles, workflow).
 */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import {
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
  },
  relationships: {
    inviteContacts: 'adx_invitation_invitecontacts',
    redeemedContacts: 'adx_invitation_redeemedcontacts',
    webRoles: 'adx_invitation_webrole',
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
  etag?: string;
}

const { columns: c, lookups: l } = InvitationTable;

/** `$select` for everything {@link toInvitationRecord} reads. */
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
  ...Object.values(l).map((x) => x.valueField),
];

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
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link invitationToWebApi}; `null` clears a column or lookup. */
export type InvitationFields = {
  [K in keyof Omit<InvitationRecord, 'etag' | 'expiresOn'>]?: InvitationRecord[K] | null;
} & { expiresOn?: Date | string | null; ownerType?: 'systemuser' | 'team' };

/**
 * Builds a create/update body. Only given fields are written; lookups use `@odata.bind` with the
 * exact navigation names; `ownerType` picks the owner's table (default systemuser).
 */
export function invitationToWebApi(fields: InvitationFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id != null) body[c.id] = stripBraces(fields.id);
  if (fields.name !== undefined) body[c.name] = fields.name;
  if (fields.type != null)
    body[c.type] = fields.type === 'group' ? InvitationType.Group : InvitationType.Single;
  if (fields.code !== undefined) body[c.code] = fields.code;
  if (fields.expiresOn !== undefined)
    body[c.expiryDate] = fields.expiresOn === null ? null : formatDate(fields.expiresOn);
  if (fields.redemptions !== undefined) body[c.redemptions] = fields.redemptions;
  if (fields.maximumRedemptions !== undefined) body[c.maximumRedemptions] = fields.maximumRedemptions;
  if (fields.status != null) Object.assign(body, invitationStateOf(fields.status));
  const binds: [keyof InvitationFields, keyof typeof l, string][] = [
    ['inviteContactId', 'inviteContact', 'contacts'],
    ['inviterContactId', 'inviterContact', 'contacts'],
    ['redeemedContactId', 'redeemedContact', 'contacts'],
    ['accountId', 'assignToAccount', 'accounts'],
    ['redemptionWorkflowId', 'redemptionWorkflow', 'workflows'],
    ['ownerId', 'owner', fields.ownerType === 'team' ? 'teams' : 'systemusers'],
  ];
  for (const [field, lookupName, entitySet] of binds) {
    const value = fields[field];
    if (value === undefined) continue;
    Object.assign(
      body,
      bindLookup(l[lookupName].navigation, entitySet, value === null ? null : String(value)),
    );
  }
  return body;
}
