/** adx_inviteredemption: the activity recording one redemption of an invitation by a contact. */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { ActivityState, activityPartyToWebApi, ParticipationType, readParties } from './activity-party';
import { InvitationTable } from './adx-invitation';
import { ContactTable } from './contact';
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
    /**
     * Actual Start (activitypointer): when applying the redemption's grants was first claimed.
     * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/adx_inviteredemption
     */
    actualStart: 'actualstart',
    /** Actual End (activitypointer): when the grants were applied and the activity completed. */
    actualEnd: 'actualend',
    /**
     * Due (activitypointer's writable ScheduledEnd): until when the current claim on applying the
     * grants holds (its lease); empty when nobody holds one.
     * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/activitypointer
     */
    scheduledEnd: 'scheduledend',
    state: 'statecode',
    status: 'statuscode',
    createdOn: 'createdon',
    modifiedOn: 'modifiedon',
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
  /** description: free text; holds the apply claim's journal (see apply-claim.ts of sdk/invitations). */
  description?: string;
  /** actualstart: when applying the grants was first claimed. */
  actualStart?: Date;
  /** actualend: when the grants were applied. */
  actualEnd?: Date;
  /** scheduledend: until when the current apply claim holds (its lease). */
  scheduledEnd?: Date;
  createdOn?: Date;
  /** modifiedon: the server's time of the last write. */
  modifiedOn?: Date;
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
    description: readString(row, c.description),
    actualStart: readDate(row, c.actualStart),
    actualEnd: readDate(row, c.actualEnd),
    scheduledEnd: readDate(row, c.scheduledEnd),
    createdOn: readDate(row, c.createdOn),
    modifiedOn: readDate(row, c.modifiedOn),
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
  /** description; null clears it. */
  description?: string | null;
  /** actualstart; null clears it. */
  actualStart?: Date | null;
  /** actualend; null clears it. */
  actualEnd?: Date | null;
  /** scheduledend (the apply claim's lease); null clears it. */
  scheduledEnd?: Date | null;
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
  if (fields.description !== undefined) body[c.description] = fields.description;
  for (const key of ['actualStart', 'actualEnd', 'scheduledEnd'] as const) {
    const value = fields[key];
    if (value !== undefined) body[c[key]] = value === null ? null : formatDate(value, key);
  }
  if (fields.state !== undefined) {
    body[c.state] = fields.state;
    body[c.status] = STATUS_OF_STATE[fields.state];
  }
  return body;
}
