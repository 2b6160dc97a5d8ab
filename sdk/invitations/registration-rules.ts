/**
 * What a registration (a new portal user redeeming a code) must look like before anything is
 * read or written: a usable username, an e-mail address, and a password of a minimum length.
 */
import { validateExternalLogin } from '../identities/login';
import { InvitationError } from './errors';
import type { ExternalLoginRedemption, LocalRegistration } from './types';

/** Longest username accepted (adx_identity_username holds more; this keeps it sane to display). */
export const MAX_USERNAME_LENGTH = 256;

/**
 * Shortest password accepted. This is a floor, not the portal's policy: the portal's default
 * ASP.NET Identity policy (Authentication/Registration/Password* site settings) may require more
 * (e.g. upper/lower case, digits, symbols) and the portal enforces that at sign-in pages.
 */
export const MIN_PASSWORD_LENGTH = 8;

/** Longest e-mail address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

// local@domain.tld: no whitespace, exactly one "@", a dot-separated domain with a last label.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*\.[^\s@.]{2,}$/;
// C0 controls, DEL and C1 controls (checked by code point: a regex of control characters is
// what the lint rule no-control-regex refuses).
function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * Throws {@link InvitationError} `invalid` when the registration is unusable: a blank username, one
 * with leading or trailing whitespace, longer than {@link MAX_USERNAME_LENGTH} or with control
 * characters; an e-mail not shaped like local@domain.tld; a password shorter than
 * {@link MIN_PASSWORD_LENGTH} characters. The password never appears in a message.
 */
export function validateRegistration(registration: LocalRegistration): void {
  const { username, email, password } = registration;
  if (typeof username !== 'string' || username.trim() === '') {
    throw invalid('The username is blank; choose a username.');
  }
  if (username !== username.trim()) {
    throw invalid(`The username "${username}" starts or ends with whitespace; remove the spaces around it.`);
  }
  if (username.length > MAX_USERNAME_LENGTH) {
    throw invalid(`The username is ${username.length} characters long; use at most ${MAX_USERNAME_LENGTH}.`);
  }
  if (hasControlCharacter(username)) {
    throw invalid('The username contains control characters (such as tab or newline); remove them.');
  }
  if (typeof email !== 'string' || email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
    throw invalid(
      `"${String(email).slice(0, MAX_EMAIL_LENGTH)}" is not an e-mail address; give one shaped like name@example.com.`,
    );
  }
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(
      `The password is too short; use at least ${MIN_PASSWORD_LENGTH} characters (the portal's password policy may ask for more).`,
    );
  }
}

/** Longest firstname / lastname a contact holds (contact.firstname and lastname are 50 characters). */
export const MAX_NAME_LENGTH = 50;

/**
 * Throws {@link InvitationError} `invalid` when an external-login redemption is unusable: a bad
 * provider or subject (see validateExternalLogin), an `email` not shaped like name@example.com,
 * or a first or last name that is blank, has control characters or is longer than
 * {@link MAX_NAME_LENGTH}. Nothing is read or written before this passes.
 */
export function validateExternalLoginRedemption(login: ExternalLoginRedemption): void {
  validateExternalLogin(login);
  const { email, firstName, lastName } = login;
  if (
    email !== undefined &&
    (typeof email !== 'string' || email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
  ) {
    throw invalid(
      `"${String(email).slice(0, MAX_EMAIL_LENGTH)}" is not an e-mail address; give the one the provider reports, shaped like name@example.com.`,
    );
  }
  for (const [label, value] of [
    ['first name', firstName],
    ['last name', lastName],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '' || hasControlCharacter(value)) {
      throw invalid(`The ${label} is blank or holds control characters; leave it out or give the name.`);
    }
    if (value.length > MAX_NAME_LENGTH) {
      throw invalid(
        `The ${label} is ${value.length} characters long; a contact holds at most ${MAX_NAME_LENGTH}.`,
      );
    }
  }
}

function invalid(message: string): InvitationError {
  return new InvitationError('invalid', message);
}
