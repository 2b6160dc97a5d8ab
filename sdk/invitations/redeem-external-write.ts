/**
 * What an external-login redemption adds to the redemption's change set: the sign-in's
 * adx_externalidentity row when it is not linked yet (its id derived from the sign-in, so a
 * concurrent link of the same sign-in fails the whole change set with a duplicate key), and the
 * contact's identity columns the portal sets on an external sign-up. Mirrors the open-source
 * portal's sign-up: AddLoginAsync (the row), InitializeUserAsync (logon enabled, a new security
 * stamp), AutoConfirmEmailAsync (e-mail confirmed).
 */
import type { BatchRequest } from '../client/types';
import {
  ContactTable,
  contactToWebApi,
  ExternalIdentityTable,
  externalIdentityToWebApi,
  recordPath,
} from '../entities/index';
import type { ExternalRedeemer } from './redeem-external-rules';
import { identityNote } from './redemption-identity-note';
import type { ExternalLoginRedemption } from './types';

/** The requests that link the sign-in and set up the contact (none for an existing link). */
export function externalLoginWrites(
  redeemer: ExternalRedeemer,
  login: ExternalLoginRedemption,
  securityStamp: string,
): BatchRequest[] {
  const requests: BatchRequest[] = [];
  if (redeemer.identity.created) {
    requests.push({
      method: 'POST',
      url: ExternalIdentityTable.entitySet,
      body: externalIdentityToWebApi({
        id: redeemer.identity.id,
        provider: login.provider,
        subject: login.subject,
        contactId: redeemer.id,
      }),
    });
  }
  if (redeemer.contactFields) {
    // If-Match: * so the PATCH can only update: a contact deleted meanwhile fails the change set.
    requests.push({
      method: 'PATCH',
      url: recordPath(ContactTable.entitySet, redeemer.id),
      body: contactToWebApi({ ...redeemer.contactFields, identitySecurityStamp: securityStamp }),
      headers: { 'If-Match': '*' },
    });
  }
  return requests;
}

/** The redemption activity's description: the row this redemption created, if any. */
export function externalLoginDescription(redeemer: ExternalRedeemer): string | undefined {
  return redeemer.identity.created ? identityNote(redeemer.identity.id) : undefined;
}
