/** adx_inviteredemption: the activity recording one redemption of an invitation by a contact. */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { ActivityState, activityPartyToWebApi, ParticipationType, readParties } from './activity-party';
import { InvitationTable } from './adx-invitation';
import { ContactTable } from './contact';
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
    /** The activity's parties (confirmed in Microsoft's adx_inviteredemption table reference). */
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

/** The redemption as the services use it. */
export interface InviteRedemptionRecord {
  id: string;
  subject: string;
  ipAddress?: string;
  invitationId?: string;
  /** The redeeming contact (the Customer party), when parties were expanded. */
  contactId?: string;
  /** statecode: Open until the redemption's grants were applied, then Completed. */
  state?: ActivityState;
  createdOn?: Date;
  etag?: string;
}

const { columns: c, lookups: l, relationships: r } = InviteRedemptionTable;

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

/** The status reason each activity state is written with (the activity defaults). */
const STATUS_OF_STATE: Record<ActivityState, InviteRedemptionStatus> = {
  [ActivityState.Open]: InviteRedemptionStatus.Open,
  [ActivityState.Completed]: InviteRedemptionStatus.Completed,
  [ActivityState.Canceled]: InviteRedemptionStatus.Canceled,
  [ActivityState.Scheduled]: InviteRedemptionStatus.Scheduled,
};

/** Fields accepted by {@link inviteRedemptionToWebApi}; a create gives the subject, invitation and contact. */
export interface InviteRedemptionFields {
  /** Client-chosen activityid (create only). */
  id?: string;
  subject?: string;
  /** adx_ipaddress: where the redemption came from. */
  ipAddress?: string;
  /** The invitation redeemed (regarding, create only). */
  invitationId?: string;
  /** The redeeming contact, written as the Customer party (create only). */
  contactId?: string;
  /** statecode, written with its default statuscode (Completed → Completed). */
  state?: ActivityState;
}

/**
 * Builds a create/update body: regarding the invitation, the contact as the Customer party
 * (deep insert of `adx_inviteredemption_activity_parties`). Only given fields are written.
 */
export function inviteRedemptionToWebApi(fields: InviteRedemptionFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.subject !== undefined) body[c.subject] = fields.subject;
  if (fields.ipAddress !== undefined) body[c.ipAddress] = fields.ipAddress;
  if (fields.invitationId !== undefined) {
    Object.assign(
      body,
      bindLookup(l.regardingInvitation.navigation, InvitationTable.entitySet, fields.invitationId),
    );
  }
  if (fields.contactId !== undefined) {
    body[r.parties] = [
      activityPartyToWebApi({
        participationType: ParticipationType.Customer,
        partyId: fields.contactId,
        partyType: ContactTable.logicalName,
      }),
    ];
  }
  if (fields.state !== undefined) {
    body[c.state] = fields.state;
    body[c.status] = STATUS_OF_STATE[fields.state];
  }
  return body;
}
