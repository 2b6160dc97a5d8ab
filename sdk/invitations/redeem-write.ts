/**
 * The write half of a redemption: one `$batch` change set, all or nothing, whose first invitation
 * write carries `If-Match` with the etag the decision was made on. If anyone redeemed in between,
 * the whole set fails with 412 and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import type { DataverseClient } from '../client/index';
import type { BatchRequest, WebApiRecord } from '../client/types';
import { ActivityParty, Contact, Inv, InvitationStatus, InviteRedemption } from './names';
import { hashPassword } from './password-hash';
import type { RedeemableInvitation } from './redeem-lookup';
import type { RedemptionPlan } from './redeem-rules';

/** The portal identity of a registering user; the password is hashed here and never kept. */
export interface RegistrationInput {
  email: string;
  username: string;
  password: string;
}

/**
 * The requests of the redemption change set, in order. `securityStamp` is the new identity's
 * adx_identity_securitystamp (a fresh GUID; passed in so a retry and a recording send the same).
 */
export function redemptionChangeSet(
  client: DataverseClient,
  inv: RedeemableInvitation,
  plan: RedemptionPlan,
  redemptionId: string,
  registration?: RegistrationInput,
  securityStamp: string = randomUUID(),
): BatchRequest[] {
  const requests: BatchRequest[] = [];
  const contactId = plan.contact.id;
  if (registration && plan.contact.kind !== 'existing') {
    const identity = identityColumns(registration, securityStamp);
    if (plan.contact.kind === 'register-new') {
      requests.push({
        method: 'POST',
        url: Contact.entitySet,
        body: { [Contact.id]: contactId, [Contact.email]: registration.email, ...identity },
      });
    } else {
      if (plan.contact.setEmail) identity[Contact.email] = registration.email;
      // If-Match so the PATCH can only update, never create, and only the contact version the
      // decision saw: a concurrent registration of the same contact loses with 412 and re-reads.
      requests.push({
        method: 'PATCH',
        url: `${Contact.entitySet}(${contactId})`,
        body: identity,
        headers: { 'If-Match': plan.contact.etag },
      });
    }
  }
  const invitation: WebApiRecord = { [Inv.redemptions]: plan.redemptions };
  if (plan.reachesMaximum) invitation[Inv.status] = InvitationStatus.Redeemed;
  if (inv.record.type === 'single') {
    invitation[`${Inv.lookups.redeemedContact.navigation}@odata.bind`] =
      `/${Contact.entitySet}(${contactId})`;
  }
  requests.push({
    method: 'PATCH',
    url: `${Inv.set}(${inv.record.id})`,
    body: invitation,
    headers: { 'If-Match': inv.etag },
  });
  if (inv.record.type === 'group') {
    requests.push({
      method: 'POST',
      url: `${Inv.set}(${inv.record.id})/${Inv.rel.redeemedContacts}/$ref`,
      body: { '@odata.id': client.entityUrl(Contact.entitySet, contactId) },
    });
  }
  requests.push({
    method: 'POST',
    url: InviteRedemption.entitySet,
    body: {
      [InviteRedemption.id]: redemptionId,
      [InviteRedemption.subject]: `Redeemed by ${registration?.username ?? `contact ${contactId}`}`,
      [InviteRedemption.regardingInvitationBind]: `/${Inv.set}(${inv.record.id})`,
      [InviteRedemption.parties]: [
        {
          [ActivityParty.partyContactBind]: `/${Contact.entitySet}(${contactId})`,
          [ActivityParty.participationType]: ActivityParty.customer,
        },
      ],
    },
  });
  return requests;
}

function identityColumns(registration: RegistrationInput, securityStamp: string): WebApiRecord {
  return {
    [Contact.identityUsername]: registration.username,
    [Contact.identityPasswordHash]: hashPassword(registration.password),
    [Contact.identitySecurityStamp]: securityStamp,
    [Contact.identityLogonEnabled]: true,
    [Contact.identityEmailConfirmed]: false,
  };
}
