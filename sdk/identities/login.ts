/**
 * An external sign-in as the portal keys it: the provider's authentication type
 * (`adx_identityprovidername`, for OpenID Connect the authority URL) and the provider's key for
 * the user (`adx_username`: the `sub` claim, or `oid` for a single-tenant Entra provider). What a
 * sign-in must look like, and the row id it gets.
 *
 * Dataverse has no unique constraint on (provider, subject), so "is this sign-in free?" followed by
 * a create is a race: two writers that both read "free" would both link it. What Dataverse does
 * enforce atomically is the primary key, so every link this package writes gets an id derived from
 * the normalised pair (UUID version 5, as username-claim.ts does for usernames): a second link of
 * the same sign-in, by whichever contact, fails with 412 0x80040237 and its change set rolls back.
 * Rows the portal writes itself get random ids; the read check refuses those, which leaves the
 * portal's own sign-up as the one writer this cannot race against.
 * @see https://learn.microsoft.com/power-pages/security/authentication/openid-faqs
 */
import { InvitationError } from '../invitations/errors';
import { uuidV5 } from '../invitations/username-claim';

/** One external sign-in: which provider, and who at that provider. */
export interface ExternalLogin {
  /** adx_identityprovidername: the provider's authentication type, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  provider: string;
  /** adx_username: the provider's subject (key) for the user. */
  subject: string;
}

/** Namespace of the ids of the adx_externalidentity rows this package writes (fixed: changing it frees every claim). */
export const EXTERNAL_IDENTITY_NAMESPACE = '9d2f4b61-3c8e-4a7f-b5d0-6e1a2c4f8b37';

/** Longest adx_identityprovidername accepted (the column's length, see `UNVERIFIED_FACTS`). */
export const MAX_PROVIDER_LENGTH = 400;
/** Longest adx_username accepted (the column's length, see `UNVERIFIED_FACTS`). */
export const MAX_SUBJECT_LENGTH = 100;

/** The form a sign-in's parts are compared in: Unicode NFC, lower case (Dataverse compares without case). */
export function normaliseLoginPart(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/** True when two sign-ins are the same one, compared as Dataverse compares them (without case). */
export function sameLogin(a: ExternalLogin, b: ExternalLogin): boolean {
  return (
    normaliseLoginPart(a.provider) === normaliseLoginPart(b.provider) &&
    normaliseLoginPart(a.subject) === normaliseLoginPart(b.subject)
  );
}

/**
 * The adx_externalidentityid every link of this sign-in gets (see the file comment). Neither part
 * may hold a control character, so the newline between them keeps distinct pairs distinct.
 */
export function externalIdentityId(login: ExternalLogin): string {
  return uuidV5(
    `${normaliseLoginPart(login.provider)}\n${normaliseLoginPart(login.subject)}`,
    EXTERNAL_IDENTITY_NAMESPACE,
  );
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function checkPart(label: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvitationError(
      'invalid',
      `The sign-in's ${label} is blank; give the ${label} the provider reports.`,
    );
  }
  if (value !== value.trim()) {
    throw new InvitationError(
      'invalid',
      `The sign-in's ${label} "${value}" starts or ends with whitespace; remove the spaces around it.`,
    );
  }
  if (value.length > max) {
    throw new InvitationError(
      'invalid',
      `The sign-in's ${label} is ${value.length} characters long; adx_externalidentity holds at most ${max}.`,
    );
  }
  if (hasControlCharacter(value)) {
    throw new InvitationError('invalid', `The sign-in's ${label} contains control characters; remove them.`);
  }
}

/**
 * Throws {@link InvitationError} `invalid` when the provider or subject is blank, has surrounding
 * whitespace or control characters, or is longer than its column ({@link MAX_PROVIDER_LENGTH},
 * {@link MAX_SUBJECT_LENGTH}). Nothing is read or written before this passes.
 */
export function validateExternalLogin(login: ExternalLogin): void {
  if (!login || typeof login !== 'object') {
    throw new InvitationError('invalid', 'Give the sign-in as { provider, subject }.');
  }
  checkPart('provider', login.provider, MAX_PROVIDER_LENGTH);
  checkPart('subject', login.subject, MAX_SUBJECT_LENGTH);
}
