/**
 * The redemption-scope reasons of `explain`: the same rules as `decideRedemption`
 * (redeem-rules.ts) in the same order, but every one that applies is reported instead of the
 * first, with the values read and what to do. Pure, so each rule is testable on its own; the
 * expiry rule is the one of expiry.ts.
 */
import { InvitationState, InvitationTable } from '../entities/index';
import type { ExplainFacts, ExplainedInvitation } from './explain-read';
import type { ContactSummary, ExplainReason, InvitationExpiry, RedemptionRecord } from './explain-types';
import { isExpired } from './expiry';
import { MAX_CODE_LENGTH } from './explain-read';

const col = InvitationTable.columns;

/** `Alice Adams <alice@example.com> (id)`, or the id alone. */
export function describeContact(c: ContactSummary | undefined, fallbackId?: string): string {
  if (!c) return fallbackId ? `contact ${fallbackId}` : 'an unknown contact';
  const name = c.name ? `${c.name} ` : '';
  const email = c.email ? `<${c.email}> ` : '';
  return `${name}${email}(${c.id})`.trim();
}

/** `Invitation "name" (id)`. */
export function describeInvitation(inv: ExplainedInvitation): string {
  return `invitation "${inv.record.name}" (${inv.record.id})`;
}

/** adx_expirydate as stored and in UTC, and whether it has passed at `now`. */
export function expiryOf(inv: ExplainedInvitation, now: number): InvitationExpiry | undefined {
  const date = inv.record.expiresOn;
  if (!date) return undefined;
  const expiry: InvitationExpiry = {
    stored: inv.expiryStored ?? date.toISOString(),
    utc: date.toISOString(),
    expired: isExpired(date, now),
  };
  if (inv.expiryFormatted) expiry.formatted = inv.expiryFormatted;
  return expiry;
}

/** "by Bob (id) on 2026-05-01T…" for each redemption. */
function redeemedBy(redemptions: readonly RedemptionRecord[]): string {
  return redemptions.map((r) => `by ${describeContact(r.contact)}${r.on ? ` on ${r.on}` : ''}`).join('; ');
}

/** The contact `who` resolves to, or the reasons it cannot redeem at all. */
export function whoReasons(facts: ExplainFacts): { contact?: ContactSummary; reasons: ExplainReason[] } {
  const who = facts.who;
  if (!who) return { reasons: [] };
  const what = who.byEmail ? `the e-mail address ${who.ref}` : `the id ${who.ref}`;
  if (who.matches.length === 0)
    return {
      reasons: [
        {
          reason: 'contact_not_found',
          scope: 'redemption',
          detail: `No contact has ${what}.`,
          fix: 'Check the contact id or e-mail address (emailaddress1); the contact must exist before it can redeem.',
        },
      ],
    };
  const active = who.matches.filter((c) => (c.state ?? 0) === 0);
  if (active.length > 1)
    return {
      reasons: [
        {
          reason: 'contact_ambiguous',
          scope: 'redemption',
          detail: `${active.length} active contacts have ${what}: ${active.map((c) => describeContact(c)).join(', ')}.`,
          fix: 'Give the contact id instead; and merge the duplicates: the portal cannot sign in a contact whose e-mail address another contact shares.',
        },
      ],
    };
  const contact = active[0] ?? who.matches[0];
  if (active.length === 0)
    return {
      contact,
      reasons: [
        {
          reason: 'contact_inactive',
          scope: 'redemption',
          detail: `Contact ${describeContact(contact)} is inactive.`,
          fix: 'Activate the contact (statecode 0) first; an inactive contact cannot redeem or sign in.',
        },
      ],
    };
  return { contact, reasons: [] };
}

/** The redemption-scope reasons, in decideRedemption's order. */
export function redemptionReasons(facts: ExplainFacts, now: number): ExplainReason[] {
  const inv = facts.invitation;
  if (!inv) return [notFound(facts), ...whoReasons(facts).reasons];
  const reasons: ExplainReason[] = [];
  const name = describeInvitation(inv);
  const { record } = inv;
  if (inv.state !== InvitationState.Active || record.status === 'inactive')
    reasons.push({
      reason: 'inactive',
      scope: 'redemption',
      detail: `The ${name} is inactive (revoked); the code of a deactivated invitation never redeems.`,
      fix: 'Issue a new invitation (portal-invite invite create), or reactivate this one in Dataverse if it was revoked by mistake.',
    });
  const expiry = expiryOf(inv, now);
  if (expiry?.expired)
    reasons.push({
      reason: 'expired',
      scope: 'redemption',
      detail: `The ${name} expired: ${col.expiryDate} is ${expiry.formatted ? `${expiry.formatted}, ` : ''}stored as "${expiry.stored}" (${expiry.utc} UTC); the portal stops accepting the code at that instant, the start of that day for the user who set it.`,
      fix: `Set a later ${col.expiryDate} on the invitation, or issue a new invitation.`,
    });
  const who = whoReasons(facts);
  reasons.push(...who.reasons);
  const redeemer = who.contact;
  if (record.type === 'single') {
    if (redeemer && record.inviteContactId && record.inviteContactId !== redeemer.id)
      reasons.push({
        reason: 'not_invited',
        scope: 'redemption',
        detail: `The ${name} is for ${describeContact(inv.inviteContact, record.inviteContactId)} only; ${describeContact(redeemer)} is another contact.`,
        fix: `Redeem it as the invited contact, or issue ${describeContact(redeemer)} an invitation of its own.`,
      });
    if (record.redemptions >= 1 || record.redeemedContactId || record.status === 'redeemed') {
      const by =
        redeemedBy(facts.redemptions) || `by ${describeContact(undefined, record.redeemedContactId)}`;
      reasons.push({
        reason: 'already_redeemed',
        scope: 'redemption',
        detail: `The ${name} has already been redeemed ${by}; a single invitation redeems once.`,
        fix: 'If someone else needs access, issue a new invitation; if the redemption was a mistake, undo it before redeeming again.',
      });
    }
    return reasons;
  }
  if (redeemer && inv.inviteContactIds.length > 0 && !inv.inviteContactIds.includes(redeemer.id))
    reasons.push({
      reason: 'not_invited',
      scope: 'redemption',
      detail: `${describeContact(redeemer)} is not one of the ${inv.inviteContactIds.length} contacts invited by the group ${name}.`,
      fix: 'Add the contact to the invitation’s invited contacts (adx_invitation_invitecontacts), or issue it an invitation of its own.',
    });
  if (redeemer && inv.redeemedContacts.some((c) => c.id === redeemer.id)) {
    const on = facts.redemptions.filter((r) => r.contact?.id === redeemer.id && r.on).map((r) => r.on);
    reasons.push({
      reason: 'already_redeemed',
      scope: 'redemption',
      detail: `${describeContact(redeemer)} has already redeemed the group ${name}${on.length ? ` on ${on.join(', ')}` : ''}; a contact redeems a group invitation once.`,
      fix: 'Nothing to redeem: the contact already holds what the invitation grants (check its web roles).',
    });
  }
  const max =
    record.maximumRedemptions && record.maximumRedemptions > 0 ? record.maximumRedemptions : undefined;
  if (max !== undefined && record.redemptions >= max)
    reasons.push({
      reason: 'max_redemptions',
      scope: 'redemption',
      detail: `The group ${name} has reached its maximum of ${max} redemptions (${record.redemptions} so far${facts.redemptions.length ? `: ${redeemedBy(facts.redemptions)}` : ''}).`,
      fix: `Raise ${col.maximumRedemptions} (empty or 0 means no limit), or issue a new invitation.`,
    });
  return reasons;
}

function notFound(facts: ExplainFacts): ExplainReason {
  const hints: string[] = [];
  if (facts.code.length > MAX_CODE_LENGTH)
    hints.push(`Codes are at most ${MAX_CODE_LENGTH} characters; this one has ${facts.code.length}.`);
  if (facts.otherCase > 0)
    hints.push(
      `${facts.otherCase} invitation${facts.otherCase === 1 ? ' has' : 's have'} it in a different letter case; codes are case-sensitive, so it was changed on the way (retyped, or altered by a mail client).`,
    );
  return {
    reason: 'not_found',
    scope: 'redemption',
    detail: ['No invitation has exactly this code.', ...hints].join(' '),
    fix: 'Check that the code was copied completely and exactly; compare it with the invitation’s code (portal-invite invite list --json).',
  };
}
