/**
 * `InvitationService.explain(code, who?)`: why a code would be refused now, or that it would
 * succeed and what it would grant. Read-only: every request is a GET (explain-read.ts), and the
 * reasons come from pure rules (explain-rules.ts for the redemption rules `redeem` applies,
 * explain-context.ts for delivery and the site's registration settings).
 */
import type { DataverseApi } from '../client/api';
import { InvalidArgumentError } from '../errors';
import { deliveryReasons, explainNotes, siteReasons } from './explain-context';
import { readExplainFacts, type ExplainFacts } from './explain-read';
import { expiryOf, redemptionReasons, whoReasons } from './explain-rules';
import type { ExplainWho, InvitationExplanation } from './explain-types';

/** What `explain` needs besides the code. */
export interface ExplainContext {
  client: DataverseApi;
  /** The clock (epoch ms) expiry is decided at. */
  now: () => number;
  /** The Send Invitation workflow's name. */
  sendWorkflowName: string;
  /** Stops the requests. */
  signal?: AbortSignal;
}

/** The contact reference `who` carries: an id or an e-mail address. */
export function whoRef(who: ExplainWho | undefined): string | undefined {
  if (who === undefined) return undefined;
  const ref = typeof who === 'string' ? who : 'contactId' in who ? who.contactId : who.email;
  if (typeof ref !== 'string' || ref.trim() === '')
    throw new InvalidArgumentError(
      'who',
      'Say which contact: its id, or its e-mail address (emailaddress1).',
    );
  return ref.trim();
}

/** Builds the explanation from what was read, at `now`. */
export function explainFromFacts(facts: ExplainFacts, now: number): InvitationExplanation {
  const inv = facts.invitation;
  const redemption = redemptionReasons(facts, now);
  const site = siteReasons(facts);
  const reasons = [...redemption, ...deliveryReasons(facts), ...site.reasons];
  const explanation: InvitationExplanation = {
    code: facts.code,
    redemptions: facts.redemptions,
    sites: facts.sites.map((reg) => ({ site: reg.site, verdict: reg.check.verdict })),
    reasons,
    wouldRedeem: !reasons.some((r) => r.scope === 'redemption'),
    wouldSucceed: reasons.length === 0,
    notes: [...explainNotes(facts), ...site.notes],
  };
  const who = whoReasons(facts).contact;
  if (who) explanation.who = who;
  if (facts.sendJobs[0]) explanation.lastSend = facts.sendJobs[0];
  if (inv) {
    const expiry = expiryOf(inv, now);
    explanation.invitation = {
      ...inv.record,
      ...(expiry ? { expiry } : {}),
      ...(inv.inviteContact ? { inviteContact: inv.inviteContact } : {}),
      ...(inv.site ? { site: inv.site } : {}),
    };
    explanation.grants = inv.grants;
  }
  return explanation;
}

/** Explains a code (for a contact, when `who` is given): reads with GETs only, writes nothing. */
export async function explainInvitation(
  ctx: ExplainContext,
  code: string,
  who?: ExplainWho,
): Promise<InvitationExplanation> {
  if (typeof code !== 'string' || code.trim() === '')
    throw new InvalidArgumentError('code', 'Give the invitation code to explain.');
  const facts = await readExplainFacts(ctx.client, code, {
    who: whoRef(who),
    sendWorkflowName: ctx.sendWorkflowName,
    signal: ctx.signal,
  });
  return explainFromFacts(facts, ctx.now());
}
