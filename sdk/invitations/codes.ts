import { randomBytes } from 'node:crypto';

/** Random bytes per code: 256 bits, twice the 128-bit minimum for an unguessable secret. */
export const INVITATION_CODE_BYTES = 32;

/**
 * What a code given by an administrator must look like: 22 to 200 URL-safe characters
 * (`A-Z a-z 0-9 _ -`). 22 such characters hold 128 bits when random; only these characters go
 * into the invitation e-mail's link and HTML unescaped; 200 is adx_invitationcode's length.
 */
export const INVITATION_CODE_PATTERN = /^[A-Za-z0-9_-]{22,200}$/;

/**
 * Returns a new invitation code: {@link INVITATION_CODE_BYTES} bytes from the OS CSPRNG, encoded as
 * URL-safe base64 without padding (43 characters of `A-Z a-z 0-9 - _`), so it can travel in a link
 * unescaped and fits adx_invitationcode (200 characters). A code never starts with "-" (command
 * lines would read it as an option): such a draw is discarded and drawn again, which keeps every
 * code uniform over the codes allowed. `random` is injectable for tests.
 */
export function generateInvitationCode(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const code = random(INVITATION_CODE_BYTES).toString('base64url');
    if (!code.startsWith('-')) return code;
  }
}
