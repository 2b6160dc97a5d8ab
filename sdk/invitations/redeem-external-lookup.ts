/**
 * The read half of an external-login redemption, beside the invitation lookup and at the same
 * time: one `$batch` with the sign-in's adx_externalidentity rows (with their contacts) and the
 * contacts the invitation could be for (the invited contact of a Single; the invited contacts of a
 * Group whose emailaddress1 is the provider's e-mail).
 */
import type { DataverseApi } from '../client/api';
import type { BatchResponse } from '../client/types';
import { expandText } from '../client/query/expand';
import {
  ContactTable,
  ExternalIdentityTable,
  InvitationTable,
  readExpandedRow,
  readExpandedRows,
  toInvitationRecord,
} from '../entities/index';
import {
  SIGN_IN_CONTACT_SELECT,
  signInRowsQuery,
  toIdentityMatch,
  toSignInContact,
} from '../identities/identity-reads';
import type { IdentityMatch, SignInContact } from '../identities/identity-reads';
import { NO_CACHE, quote, relativeUrl, rowsOf, type SimpleQuery } from './odata';
import type { ExternalLoginRedemption } from './types';

/** What the rules need to decide who an external sign-in redeems as. */
export interface ExternalLoginFacts {
  /** The rows holding the sign-in (by its pair or by the id a link of it gets), with their contacts. */
  rows: IdentityMatch[];
  /**
   * Per invitation with the code: the contacts it could be for (see the file comment); the rules
   * keep those the invitation names (its invited contact, or its invited contacts).
   */
  invited: ReadonlyMap<string, SignInContact[]>;
}

const { inviteContact } = InvitationTable.lookups;
const { inviteContacts } = InvitationTable.relationships;

/** The invitations with this code, expanded with the contacts this sign-in could redeem as. */
function invitedQuery(code: string, email: string | undefined): SimpleQuery {
  const c = InvitationTable.columns;
  return {
    select: [c.id, c.code, c.state],
    filter: `${c.code} eq ${quote(code)}`,
    expand: expandText({
      [inviteContact.navigation]: { select: SIGN_IN_CONTACT_SELECT },
      // Without an e-mail no invited contact of a Group can be picked: none is read.
      [inviteContacts]: email
        ? { select: SIGN_IN_CONTACT_SELECT, filter: { [ContactTable.columns.email]: email } }
        : undefined,
    }),
    headers: { ...NO_CACHE },
  };
}

function rowsOrThrow(response: BatchResponse | undefined): ReturnType<typeof rowsOf> {
  if (response?.error) throw response.error;
  return rowsOf(response?.body);
}

/** One request: the facts of {@link ExternalLoginFacts}. */
export async function lookupExternalLogin(
  client: DataverseApi,
  code: string,
  login: ExternalLoginRedemption,
  signal?: AbortSignal,
): Promise<ExternalLoginFacts> {
  const [identityResponse, invitationResponse] = await client.batch(
    [
      {
        method: 'GET',
        url: relativeUrl(ExternalIdentityTable.entitySet, signInRowsQuery(login)),
        headers: { ...NO_CACHE },
      },
      {
        method: 'GET',
        url: relativeUrl(InvitationTable.entitySet, invitedQuery(code, login.email)),
        headers: { ...NO_CACHE },
      },
    ],
    signal ? { signal } : undefined,
  );
  const rows = rowsOrThrow(identityResponse).map(toIdentityMatch);
  const invited = new Map<string, SignInContact[]>();
  for (const row of rowsOrThrow(invitationResponse)) {
    const record = toInvitationRecord(row);
    // Dataverse compares strings without case; only the exact code is the invitation redeemed.
    if (record.code !== code) continue;
    const single = readExpandedRow(row, inviteContact.navigation);
    const contacts = [...(single ? [single] : []), ...readExpandedRows(row, inviteContacts)].map(
      toSignInContact,
    );
    invited.set(record.id, contacts);
  }
  return { rows, invited };
}
