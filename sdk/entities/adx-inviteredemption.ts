/** adx_inviteredemption: the activity recording one redemption of an invitation by a contact. */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { activityPartyToWebApi, ParticipationType, readParties } from './activity-party';
import {
  bindLookup,
  readDate,
  readEtag,
  readLookupId,
  readNumber,
  readString,
  stripBraces,
} from './web-api-values';

/** adx_inviteredemption's names. */
export const InviteRedemptionTable = {
  logicalName: 'adx_inviteredemption',
  entitySet: 'adx_inviteredemptions',
  primaryId: 'activityid',
  primaryName: 'subject',
  columns: {
    id: 'activityid',
    subject: 'subject',
    ipAddress: 'adx_ipaddress',
    description: 'description',
    state: 'statecode',
    status: 'statuscode',
    createdOn: 'createdon',
  },
  lookups: {
    regardingInvitation: lookup(
      'regardingobjectid',
      'regardingobjectid_adx_invitation_adx_inviteredemption',
      'adx_invitation',
    ),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    /** Unverified navigation name, see `UNVERIFIED_FACTS`. */
    parties: 'adx_inviteredemption_activity_parties',
  },
} as const satisfies TableDefinition;

/** adx_inviteredemption statuscode (an activity's default status reasons). */
export enum InviteRedemptionStatus {
  Open = 1,
  Completed = 2,
  Canceled = 3,
  Scheduled = 4,
}

/**
 * The workflow-bound action that runs a redemption workflow on the redeeming contact
 * (`workflows(<id>)/Microsoft.Dynamics.CRM.ExecuteWorkflow` with `{ EntityId }`).
 */
export const EXECUTE_WORKFLOW_ACTION = 'ExecuteWorkflow';

/** The redemption as the services use it. */
export interface InviteRedemptionRecord {
  id: string;
  subject: string;
  ipAddress?: string;
  invitationId?: string;
  /** The redeeming contact (the Customer party), when parties were expanded. */
  contactId?: string;
  state?: number;
  createdOn?: Date;
  etag?: string;
}

const { columns: c, lookups: l, relationships: r } = InviteRedemptionTable;

/** `$select` for everything {@link toInviteRedemptionRecord} reads. */
export const inviteRedemptionSelect: string[] = [
  c.id,
  c.subject,
  c.ipAddress,
  c.state,
  c.createdOn,
  l.regardingInvitation.valueField,
];

/** Reads a Web API row of adx_inviteredemptions. */
export function toInviteRedemptionRecord(row: WebApiRecord): InviteRedemptionRecord {
  const customer = readParties(row, r.parties).find(
    (p) => p.participationType === ParticipationType.Customer,
  );
  return {
    id: readString(row, c.id) ?? '',
    subject: readString(row, c.subject) ?? '',
    ipAddress: readString(row, c.ipAddress),
    invitationId: readLookupId(row, l.regardingInvitation),
    contactId: customer?.partyId,
    state: readNumber(row, c.state),
    createdOn: readDate(row, c.createdOn),
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link inviteRedemptionToWebApi}. */
export interface InviteRedemptionFields {
  id?: string;
  subject: string;
  ipAddress?: string;
  invitationId: string;
  contactId: string;
}

/** Builds a create body: regarding the invitation, the contact as the Customer party. */
export function inviteRedemptionToWebApi(fields: InviteRedemptionFields): WebApiRecord {
  const body: WebApiRecord = { [c.subject]: fields.subject };
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.ipAddress !== undefined) body[c.ipAddress] = fields.ipAddress;
  Object.assign(body, bindLookup(l.regardingInvitation.navigation, 'adx_invitations', fields.invitationId));
  body[r.parties] = [
    activityPartyToWebApi({
      participationType: ParticipationType.Customer,
      partyId: fields.contactId,
      partyType: 'contact',
    }),
  ];
  return body;
}
