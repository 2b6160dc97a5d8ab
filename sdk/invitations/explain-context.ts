/**
 * The reasons of `explain` outside the redemption rules, and its notes: whether the invitee can
 * have received the code (the invited contact's e-mail address, the last Send Invitation job),
 * and whether the site's registration settings let its portal redeem codes at all. Pure.
 */
import { ContactTable, InvitationTable, SEND_INVITATION_WORKFLOW_NAME } from '../entities/index';
import { describeSite, type SiteRegistration } from '../sites/index';
import type { ExplainFacts } from './explain-read';
import { describeContact } from './explain-rules';
import type { ExplainReason } from './explain-types';

/** Reasons the invitee may never have received the code. */
export function deliveryReasons(facts: ExplainFacts): ExplainReason[] {
  const inv = facts.invitation;
  if (!inv) return [];
  const reasons: ExplainReason[] = [];
  const id = inv.record.id;
  const invitedId = inv.record.inviteContactId;
  if (invitedId && !inv.inviteContact?.email)
    reasons.push({
      reason: 'invited_contact_no_email',
      scope: 'delivery',
      detail: `The invited contact ${describeContact(inv.inviteContact, invitedId)} has no e-mail address (${ContactTable.columns.email}): the ${SEND_INVITATION_WORKFLOW_NAME} e-mail goes only there, and the portal registers the invitee with that address.`,
      fix: `Set ${ContactTable.columns.email} on contact ${invitedId}, then send the invitation again (portal-invite invite send ${id}).`,
    });
  const last = facts.sendJobs[0];
  if (last && (last.outcome === 'failed' || last.outcome === 'canceled'))
    reasons.push({
      reason: 'send_failed',
      scope: 'delivery',
      detail: `The last ${SEND_INVITATION_WORKFLOW_NAME} job (${last.id}${last.on ? `, ${last.on}` : ''}) ${last.outcome === 'failed' ? 'failed' : 'was canceled'}${last.message ? `: ${last.message}` : ''}; the e-mail with the code was not sent.`,
      fix: `Fix the cause, then send it again: portal-invite invite send ${id}.`,
    });
  return reasons;
}

/** What stops one site's portal redeeming any code, as reasons naming the site. */
function siteRefusals(reg: SiteRegistration): ExplainReason[] {
  const { access } = reg.check;
  const site = describeSite(reg.site);
  const fixAll = `portal-invite site check --site "${reg.site.name || reg.site.id}" --fix sets it (and closes open registration)`;
  const reasons: ExplainReason[] = [];
  const s = reg.settings;
  if (!access.registration)
    reasons.push({
      reason: 'registration_disabled',
      scope: 'site',
      detail: `Site ${site} has ${s.enabled.name} false: its portal accepts no registration, so it redeems no code.`,
      fix: `Set ${s.enabled.name} to true; ${fixAll}.`,
    });
  else if (!access.invitations)
    reasons.push({
      reason: 'invitations_disabled',
      scope: 'site',
      detail: `Site ${site} has ${s.invitationEnabled.name} false (and ${s.requiresInvitation.name} is not true): its portal shows no invitation code form.`,
      fix: `Set ${s.invitationEnabled.name} to true; ${fixAll}.`,
    });
  if (!access.localLogin && !access.externalLogin)
    reasons.push({
      reason: 'no_sign_in',
      scope: 'site',
      detail: `Site ${site} has ${s.localLoginEnabled.name} and ${s.externalLoginEnabled.name} false: nobody can sign in to redeem a code.`,
      fix: `Turn on ${s.localLoginEnabled.name}, or ${s.externalLoginEnabled.name} with an identity provider, for that site.`,
    });
  return reasons;
}

/**
 * The site-scope reasons: those of the invitation's site; for an invitation naming no site, those
 * of every site, but only when no site would redeem it (the others are notes then).
 */
export function siteReasons(facts: ExplainFacts): { reasons: ExplainReason[]; notes: string[] } {
  const perSite = facts.sites.map((reg) => ({ reg, refusals: siteRefusals(reg) }));
  if (facts.invitation?.site || perSite.every((p) => p.refusals.length > 0))
    return { reasons: perSite.flatMap((p) => p.refusals), notes: [] };
  const notes = perSite
    .filter((p) => p.refusals.length > 0)
    .map(
      (p) =>
        `Site ${describeSite(p.reg.site)} would not redeem it: ${p.refusals.map((r) => r.detail).join(' ')}`,
    );
  return { reasons: [], notes };
}

/** Things worth knowing that refuse nothing. */
export function explainNotes(facts: ExplainFacts): string[] {
  const inv = facts.invitation;
  if (!inv) return [];
  const notes: string[] = [];
  const { record } = inv;
  if (facts.redemptions.length > record.redemptions)
    notes.push(
      `${facts.redemptions.length - record.redemptions} redemption(s) were recorded while this was being read (the invitation said ${record.redemptions}); explain it again for the current answer.`,
    );
  const last = facts.sendJobs[0];
  if (!last && record.status === 'new')
    notes.push(
      `It has not been sent (no ${SEND_INVITATION_WORKFLOW_NAME} job regarding it): the invitee has the code only if it reached them another way.`,
    );
  if (last?.outcome === 'pending')
    notes.push(`A ${SEND_INVITATION_WORKFLOW_NAME} job (${last.id}) is still waiting or running.`);
  if (!facts.who && record.type === 'single' && record.inviteContactId)
    notes.push(`Only ${describeContact(inv.inviteContact, record.inviteContactId)} may redeem it.`);
  if (!facts.who && record.type === 'group' && inv.inviteContactIds.length > 0)
    notes.push(`Only its ${inv.inviteContactIds.length} invited contacts may redeem it.`);
  if (record.type === 'group') {
    const max =
      record.maximumRedemptions && record.maximumRedemptions > 0 ? record.maximumRedemptions : undefined;
    notes.push(
      `${record.redemptions} redemption${record.redemptions === 1 ? '' : 's'} so far, ${max ? `of at most ${max}` : 'no limit'}.`,
    );
  }
  if (inv.inviteContact?.username)
    notes.push(
      `The invited contact already has a portal account (user name ${inv.inviteContact.username}): it must sign in and redeem as itself; registering a new account with the code is refused.`,
    );
  const wf = inv.grants.workflow;
  if (wf && !wf.activated)
    notes.push(
      `The redemption workflow ${wf.name ? `"${wf.name}" ` : ''}(${wf.id}) is not activated: the redemption would succeed, but running the workflow would fail; activate it.`,
    );
  if (record.powerPageSiteId || record.websiteId) {
    if (facts.sites.length === 0)
      notes.push(
        `The invitation's site (${InvitationTable.lookups.powerPageSite.column} / ${InvitationTable.lookups.website.column}) is not a site of this environment; its settings were not read.`,
      );
  } else if (facts.directory.sites.length > 1) {
    notes.push('The invitation names no site: any site of the environment may redeem it.');
  }
  for (const reg of facts.sites)
    if (reg.check.verdict === 'open')
      notes.push(
        `Site ${describeSite(reg.site)} is not invitation-only: ${reg.check.reasons.join('; ')} (portal-invite site check).`,
      );
  return notes;
}
