import { randomBytes } from 'node:crypto';

/** Random bytes per code: 256 bits, twice the 128-bit minimum for an unguessable secret. */
export const INVITATION_CODE_BYTES = 32;

/**
 * Returns a new invitation code: {@link INVITATION_CODE_BYTES} bytes from the OS CSPRNG, encoded as
 * URL-safe base64 without padding (43 characters of `A-Z a-z 0-9 - _`), so it can travel in a link
 * unescaped and fits adx_invitationcode (200 characters).
 */
export function generateInvitationCode(): string {
  return randomBytes(INVITATION_CODE_BYTES).toString('base64url');
}
