/**
 * The write half of a redemption: one `$batch` change set, all or nothing, whose first invitation
 * write carries `If-Match` with the etag the decision was made on. If anyone redeemed in between,
 * the whole set fails with 412 and nothing is written. Every body comes from an entity mapper.
 */
import { randomUUID } from 'node:crypto';
import type { DataverseApi } from '../client/api';
import type { BatchRequest } from '../client/types';
import {
  ContactTable,
  contactToWebApi,
  InvitationTable,
  invitationToWebApi,
  InviteRedemptionTable,
  inviteRedemptionToWebApi,
  recordPath,
  referenceBody,
  referencePath,
} from '../entities/index';
import { hashPassword } from './password-hash';
import { externalLoginDescription, externalLoginWrites } from './redeem-external-write';
import type { RedeemableInvitation } from './redeem-lookup';
import type { RedemptionPlan } from './redeem-rules';
import {
  externalLoginOf,
  REDEMPTION_DETAIL_FIELDS,
  registrationOf,
  type LocalRegistration,
  type RedemptionDetails,
  type RedemptionRequest,
} from './types';

/** What one redemption writes. */
export interface RedemptionWrite {
  /** The invitation as the decision read it (its etag guards the write). */
  invitation: RedeemableInvitation;
  plan: RedemptionPlan;
  /** The adx_inviteredemption activity's id, chosen once so a retry re-creates the same row. */
  redemptionId: string;
  request: RedemptionRequest;
  /**
   * A registration's (or an external sign-up's) new adx_identity_securitystamp (a fresh GUID;
   * passed in so a retry and a recording send the same); a random one when not given.
   */
  securityStamp?: string;
}

/** The requests of the redemption change set, in order. */
export function redemptionChangeSet(client: DataverseApi, write: RedemptionWrite): BatchRequest[] {
  const { invitation: inv, plan, redemptionId, request } = write;
  const registration = registrationOf(request);
  const requests: BatchRequest[] = [];
  const contactId = plan.contact.id;
  const login = externalLoginOf(request);
  if (plan.contact.kind === 'external') {
    if (login)
      requests.push(...externalLoginWrites(plan.contact, login, write.securityStamp ?? randomUUID()));
  } else if (registration && plan.contact.kind !== 'existing') {
    const identity = identityFields(registration, write.securityStamp ?? randomUUID());
    if (plan.contact.kind === 'register-new') {
      requests.push({
        method: 'POST',
        url: ContactTable.entitySet,
        body: contactToWebApi({ id: contactId, email: registration.email, ...identity }),
      });
    } else {
      // If-Match so the PATCH can only update, never create, and only the contact version the
      // decision saw: a concurrent registration of the same contact loses with 412 and re-reads.
      requests.push({
        method: 'PATCH',
        url: recordPath(ContactTable.entitySet, contactId),
        body: contactToWebApi({ ...identity, email: plan.contact.setEmail ? registration.email : undefined }),
        headers: { 'If-Match': plan.contact.etag },
      });
    }
  }
  const single = inv.record.type === 'single';
  requests.push({
    method: 'PATCH',
    url: recordPath(InvitationTable.entitySet, inv.record.id),
    body: invitationToWebApi({
      redemptions: plan.redemptions,
      statusReason: plan.reachesMaximum ? 'redeemed' : undefined,
      redeemedContactId: single ? contactId : undefined,
    }),
    headers: { 'If-Match': inv.etag },
  });
  if (!single) {
    requests.push({
      method: 'POST',
      url: referencePath(
        InvitationTable.entitySet,
        inv.record.id,
        InvitationTable.relationships.redeemedContacts,
      ),
      body: referenceBody(client.entityUrl(ContactTable.entitySet, contactId)),
    });
  }
  requests.push({
    method: 'POST',
    url: InviteRedemptionTable.entitySet,
    body: inviteRedemptionToWebApi({
      ...detailsOf(request),
      id: redemptionId,
      subject: `Redeemed by ${registration?.username ?? `contact ${contactId}`}`,
      invitationId: inv.record.id,
      contactId,
      description: plan.contact.kind === 'external' ? externalLoginDescription(plan.contact) : undefined,
    }),
  });
  return requests;
}

/** The portal identity of a registering user; the password is hashed here and never kept. */
function identityFields(registration: LocalRegistration, securityStamp: string) {
  return {
    identityUsername: registration.username,
    identityPasswordHash: hashPassword(registration.password),
    identitySecurityStamp: securityStamp,
    identityLogonEnabled: true,
    identityEmailConfirmed: false,
  };
}

/** What the request says about the redemption itself: only the fields it may supply. */
function detailsOf(request: RedemptionRequest): RedemptionDetails {
  const given = request as RedemptionDetails;
  const details: RedemptionDetails = {};
  for (const field of REDEMPTION_DETAIL_FIELDS as readonly (keyof RedemptionDetails)[]) {
    if (given[field] !== undefined) details[field] = given[field];
  }
  return details;
}
