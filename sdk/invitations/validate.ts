/**
 * The rules a new invitation must satisfy before it is written. Shared by the service (before it
 * writes) and the server-side create handler (PreOperation), so both refuse the same drafts with
 * the same words.
 */
import type { DataverseApi } from '../client/api';
import {
  ContactTable,
  InvitationTable,
  InvitationType,
  toContactRecord,
  toInvitationRecord,
} from '../entities/index';
import { INVITATION_CODE_PATTERN } from './codes';
import { InvitationError } from './errors';
import { checkedExpiry } from './reissue-expiry';
import { isStatus, normalizeGuid, queryAll, quote } from './odata';

const invitation = InvitationTable.columns;

/** What is known about an invitation about to be created. */
export interface InvitationDraft {
  /** adx_type: {@link InvitationType}; default Single. */
  type?: number;
  code?: string | null;
  maximumRedemptions?: number | null;
  expiresOn?: string | Date | null;
  /** The invited contact (adx_invitecontact). */
  inviteContactId?: string | null;
  /** The invitation's own id, when already chosen (so the duplicate-code check ignores itself). */
  id?: string;
}

/** Options for {@link validateNewInvitation}. */
export interface ValidateOptions {
  /** The clock (epoch ms); default Date.now. */
  now?: () => number;
  /**
   * Contacts already read by the caller, id → emailaddress1 (or undefined when empty), so the
   * invited contact is not read again.
   */
  knownContacts?: ReadonlyMap<string, string | undefined>;
  /** Skip the duplicate-code query (the caller generated the code itself). */
  codeIsFresh?: boolean;
}

/**
 * Throws {@link InvitationError} `invalid` with a message for an administrator when the draft breaks
 * a rule: unknown type, Single with a maximum other than 1, a negative or fractional maximum, an
 * expiry in the past, a code not matching {@link INVITATION_CODE_PATTERN}, a code another invitation already uses, or an invited contact that does not
 * exist or has no emailaddress1. At most two requests (code and contact), run together.
 */
export async function validateNewInvitation(
  client: DataverseApi,
  draft: InvitationDraft,
  options: ValidateOptions = {},
): Promise<void> {
  checkInvitationShape(draft, (options.now ?? Date.now)());
  await Promise.all([
    draft.code && !options.codeIsFresh ? checkCodeUnused(client, draft.code, draft.id) : undefined,
    draft.inviteContactId
      ? checkInvitedContact(client, draft.inviteContactId, options.knownContacts)
      : undefined,
  ]);
}

/** The rules that need no request (type, maximum, expiry, code shape); throws InvitationError('invalid'). */
export function checkInvitationShape(draft: InvitationDraft, now: number): void {
  const type = draft.type ?? InvitationType.Single;
  if (type !== InvitationType.Single && type !== InvitationType.Group) {
    throw new InvitationError(
      'invalid',
      `Invitation type ${String(draft.type)} is not known. Use Single (${InvitationType.Single}) or Group (${InvitationType.Group}).`,
    );
  }
  const max = draft.maximumRedemptions;
  if (max != null && (!Number.isInteger(max) || max < 0)) {
    throw new InvitationError(
      'invalid',
      `Maximum redemptions must be a whole number of 0 or more (0 or empty means no limit); got ${max}.`,
    );
  }
  if (type === InvitationType.Single && max != null && max !== 1) {
    throw new InvitationError(
      'invalid',
      `A Single invitation is redeemed once; leave maximum redemptions empty or set it to 1 (got ${max}), or make it a Group invitation.`,
    );
  }
  // A real day of the calendar (no rollover: "2027-02-30" is refused, not read as 2 March), after now.
  if (draft.expiresOn != null) checkedExpiry(draft.expiresOn, now);
  if (draft.code != null && draft.code.trim() === '') {
    throw new InvitationError('invalid', 'The invitation code is blank; leave it out to have one generated.');
  }
  if (draft.code != null && !INVITATION_CODE_PATTERN.test(draft.code)) {
    throw new InvitationError(
      'invalid',
      `The invitation code must be 22 to 200 characters of A-Z, a-z, 0-9, "_" and "-" (URL-safe, at least 128 bits when random); got ${draft.code.length} characters${/^[A-Za-z0-9_-]*$/.test(draft.code) ? '' : ' including others'}. Leave it out to have one generated.`,
    );
  }
}

async function checkCodeUnused(client: DataverseApi, code: string, ownId?: string): Promise<void> {
  let filter = `${invitation.code} eq ${quote(code)}`;
  if (ownId) filter += ` and ${invitation.id} ne ${normalizeGuid(ownId)}`;
  const rows = await queryAll(client, InvitationTable.entitySet, { select: [invitation.id], filter, top: 1 });
  if (rows.length > 0) {
    throw new InvitationError(
      'invalid',
      `The invitation code is already used by invitation ${toInvitationRecord(rows[0]).id}; leave the code out to have a new one generated.`,
    );
  }
}

async function checkInvitedContact(
  client: DataverseApi,
  contactId: string,
  known?: ReadonlyMap<string, string | undefined>,
): Promise<void> {
  const id = normalizeGuid(contactId);
  let email: string | undefined;
  if (known?.has(id)) {
    email = known.get(id);
  } else {
    try {
      const row = await client.retrieve(ContactTable.entitySet, id, { select: [ContactTable.columns.email] });
      email = toContactRecord(row).email;
    } catch (error) {
      if (isStatus(error, 404)) {
        throw new InvitationError(
          'invalid',
          `Invited contact ${id} does not exist; check the contact id or e-mail.`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
  if (!email || email.trim() === '') {
    throw new InvitationError(
      'invalid',
      `Invited contact ${id} has no e-mail address (${ContactTable.columns.email}), so the invitation could not be delivered; add one to the contact first.`,
    );
  }
}
