/**
 * What makes a bulk CSV row "the same invitation" across runs of a job: who is invited and what the
 * invitation grants, never where the row sits in the file. A resumed run derives each row's
 * invitation id from this identity, so fixing, deleting or inserting other rows between runs does
 * not move any row onto another row's id (which would create a second invitation for it).
 */
import type { CreateInvitationInput } from '../../sdk/invitations/index';

/**
 * The identity of a valid row's invitation, without its occurrence number: the invitee (lower-cased
 * e-mail or contact id) plus the fields that make it a different invitation (type, web roles,
 * account, maximum redemptions, and the site when one is named: left out otherwise, so rows of jobs
 * started before sites existed keep their identity). Name and expiry are left out: editing them does not make a new
 * invitation, and a row whose invitation exists is reported as existing rather than created again.
 */
export function rowIdentity(input: CreateInvitationInput): string {
  const invitee = (input.contact ?? input.contacts?.join(';') ?? '').trim().toLowerCase();
  const roles = (input.webRoles ?? [])
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join(';');
  return JSON.stringify([
    invitee,
    input.type ?? 'single',
    roles,
    (input.account ?? '').trim().toLowerCase(),
    input.maxRedemptions ?? null,
    ...(input.site ? [input.site.trim().toLowerCase()] : []),
  ]);
}

/**
 * The contact a row's invitation is for, as a key: the lower-cased e-mail address or contact id,
 * plus the row's `site` value when the CSV has a site column (an invitation per contact per site).
 * Version-3 jobs derive invitation ids from it, and a second row with the same key is reported as
 * a duplicate instead of becoming a second invitation.
 */
export function contactKey(input: CreateInvitationInput, site?: string): string {
  const invitee = (input.contact ?? input.contacts?.join(';') ?? '').trim().toLowerCase();
  const where = site?.trim().toLowerCase();
  return where ? `contact:${invitee}|site:${where}` : `contact:${invitee}`;
}

/**
 * Numbers repeats of the same identity in file order (version-2 jobs, which gave a repeated row an
 * invitation of its own): `<identity>#1`, `<identity>#2`.
 */
export class IdentityCounter {
  private readonly seen = new Map<string, number>();

  /** The identity with its occurrence number among the rows counted so far. */
  next(identity: string): string {
    const occurrence = (this.seen.get(identity) ?? 0) + 1;
    this.seen.set(identity, occurrence);
    return `${identity}#${occurrence}`;
  }
}
