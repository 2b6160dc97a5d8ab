/**
 * Linking an external sign-in to a contact by hand (before the person redeems, or to repair a
 * link): one read of the sign-in's rows, then one create with the id every link of that sign-in
 * gets (login.ts), so concurrent links of one sign-in leave at most one row.
 */
import type { DataverseApi } from '../client/api';
import {
  ExternalIdentityState,
  ExternalIdentityStatus,
  ExternalIdentityTable,
  externalIdentitySelect,
  externalIdentityToWebApi,
  StandardColumns,
  toExternalIdentityRecord,
  type ExternalIdentityRecord,
} from '../entities/index';
import { InvitationError } from '../invitations/errors';
import { isDuplicate } from '../invitations/odata';
import { activeContact } from './contact-ref';
import { findSignInRows, signInState, type IdentityMatch } from './identity-reads';
import { externalIdentityId, validateExternalLogin, type ExternalLogin } from './login';

/** What {@link linkSignIn} did. */
export interface LinkResult {
  /** linked: a row was created; exists: the contact already had it; reactivated: its deactivated row is Active again. */
  status: 'linked' | 'exists' | 'reactivated';
  identity: ExternalIdentityRecord;
}

/** The refusal for a sign-in that another contact (or a row without one) holds. */
export function signInInUse(
  login: ExternalLogin,
  holder: IdentityMatch,
  contactId?: string,
): InvitationError {
  const what = `The sign-in ${login.subject} of ${login.provider}`;
  if (holder.contactId && holder.contactId !== contactId) {
    return new InvitationError(
      'identity_in_use',
      `${what} is already linked to contact ${holder.contactId} (adx_externalidentity ${holder.id})${holder.state === ExternalIdentityState.Inactive ? ', deactivated' : ''}; a sign-in belongs to one contact.`,
    );
  }
  return new InvitationError(
    'identity_in_use',
    `${what} is held by adx_externalidentity ${holder.id}, which ${holder.contactId ? 'is deactivated' : 'names no contact'}; unlink that row (portal-invite identities unlink --id ${holder.id}) and link again.`,
  );
}

/** Decides on the rows read: the existing link, a row to reactivate, or nothing (create one). */
function decide(
  login: ExternalLogin,
  contactId: string,
  rows: IdentityMatch[],
): { status: 'exists' | 'reactivate'; row: IdentityMatch } | undefined {
  const { links, dormant, squatter } = signInState(login, rows);
  if (squatter) throw signInInUse(login, squatter, contactId);
  const foreign = links.find((r) => r.contactId !== contactId);
  if (foreign) throw signInInUse(login, foreign, contactId);
  if (links[0]) return { status: 'exists', row: links[0] };
  const mine = dormant.find((r) => r.contactId === contactId);
  if (mine) return { status: 'reactivate', row: mine };
  if (dormant[0]) throw signInInUse(login, dormant[0], contactId);
  return undefined;
}

/**
 * Links `login` to the contact `contactRef` (id or e-mail; Active). Idempotent: a sign-in the
 * contact already holds is reported `exists`, a deactivated row of the contact is reactivated.
 * @throws InvitationError `identity_in_use` when another contact (or a row without one) holds the sign-in,
 * `invalid` for a bad sign-in or a missing or inactive contact; nothing is written then
 */
export async function linkSignIn(
  client: DataverseApi,
  contactRef: string,
  login: ExternalLogin,
): Promise<LinkResult> {
  validateExternalLogin(login);
  const contact = await activeContact(client, contactRef);
  const decided = decide(login, contact.id, await findSignInRows(client, login));
  if (decided?.status === 'exists') return { status: 'exists', identity: decided.row };
  if (decided?.status === 'reactivate') {
    await client.update(
      ExternalIdentityTable.entitySet,
      decided.row.id,
      {
        [StandardColumns.state]: ExternalIdentityState.Active,
        [StandardColumns.status]: ExternalIdentityStatus.Active,
      },
      { ifMatch: decided.row.etag ?? '*' },
    );
    return { status: 'reactivated', identity: { ...decided.row, state: ExternalIdentityState.Active } };
  }
  const id = externalIdentityId(login);
  let created: ExternalIdentityRecord;
  try {
    // The id goes in the body, not as the client's retry-safe create id: a duplicate here means
    // another writer linked the sign-in, which must not be taken for our own replayed create.
    created = toExternalIdentityRecord(
      await client.create(
        ExternalIdentityTable.entitySet,
        externalIdentityToWebApi({
          id,
          provider: login.provider,
          subject: login.subject,
          contactId: contact.id,
        }),
        { returnRepresentation: true, select: externalIdentitySelect },
      ),
    );
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    // Another writer linked this sign-in between the read and the create: its row decides.
    const again = decide(login, contact.id, await findSignInRows(client, login));
    if (again?.status === 'exists') return { status: 'exists', identity: again.row };
    throw error;
  }
  return { status: 'linked', identity: created };
}
