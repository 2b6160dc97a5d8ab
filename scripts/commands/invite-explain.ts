/**
 * `portal-invite invite explain <code> [--contact]`: why a code would be refused now, every reason
 * with what to do about it, or that it would succeed and what the redemption would grant.
 * Read-only. The text leaves the code out (it is the invitee's secret); `--json` has everything.
 */
import type { Command } from 'commander';
import { InvitationService, type InvitationExplanation } from '../../sdk/invitations/index';
import { describeSite } from '../../sdk/sites/index';
import { action, examples } from '../command';
import { UsageError } from '../errors';
import { fields } from '../output';

/** Options of `invite explain`. */
export interface InviteExplainOptions {
  /** The code, as an option (for codes that start with "-"). */
  code?: string;
  /** The contact who would redeem: id or e-mail. */
  contact?: string;
}

function contactText(c: { id: string; name?: string; email?: string } | undefined): string | undefined {
  return c && [c.name, c.email && `<${c.email}>`, `(${c.id})`].filter(Boolean).join(' ');
}

function headline(e: InvitationExplanation): string {
  if (e.wouldSucceed) return 'Result: the code would be accepted now.';
  if (e.wouldRedeem)
    return 'Result: the code itself would redeem, but something outside the redemption rules stands in the way (see the reasons).';
  return `Result: the code would be refused (${e.reasons.length} reason${e.reasons.length === 1 ? '' : 's'}).`;
}

/** An explanation as text. */
export function describeExplanation(e: InvitationExplanation): string {
  const inv = e.invitation;
  const out: string[] = [];
  if (inv) {
    const expiry = inv.expiry
      ? `${inv.expiry.formatted ?? inv.expiry.stored} (stored "${inv.expiry.stored}", ${inv.expiry.utc} UTC)${inv.expiry.expired ? ', expired' : ''}`
      : 'never';
    const last = e.lastSend
      ? `${e.lastSend.outcome} (job ${e.lastSend.id}${e.lastSend.on ? `, ${e.lastSend.on}` : ''})`
      : 'never sent';
    const site = inv.site
      ? `${describeSite(inv.site)}${e.sites[0] ? `: ${e.sites[0].verdict}` : ''}`
      : 'none named';
    out.push(
      fields([
        ['Invitation', `${inv.name} (${inv.id})`],
        ['Type', inv.type],
        ['Status', inv.status],
        ['Expires', expiry],
        [
          'Redemptions',
          `${inv.redemptions}${inv.maximumRedemptions ? ` of ${inv.maximumRedemptions}` : ' (no limit)'}`,
        ],
        ['Invited', contactText(inv.inviteContact) ?? inv.inviteContactId],
        ['Site', site],
        ['Last sent', last],
        ...(e.who ? [['Contact asked about', contactText(e.who)] as [string, string | undefined]] : []),
      ]).trimEnd(),
      '',
    );
  }
  out.push(headline(e));
  e.reasons.forEach((r, i) => {
    out.push('', `${i + 1}. [${r.reason}, ${r.scope}] ${r.detail}`, `   Fix: ${r.fix}`);
  });
  if (e.grants) {
    const g = e.grants;
    out.push(
      '',
      'A redemption would grant:',
      `  Account:   ${g.account ? `${g.account.name ?? ''} (${g.account.id})`.trim() : 'none'}`,
      `  Web roles: ${g.webRoles.length ? g.webRoles.map((r) => `${r.name} (${r.dataModel}, ${r.id})`).join(', ') : 'none'}`,
      `  Workflow:  ${g.workflow ? `${g.workflow.name ?? ''} (${g.workflow.id})${g.workflow.activated ? '' : ', not activated'}`.trim() : 'none'}`,
    );
  }
  if (e.redemptions.length)
    out.push(
      '',
      'Redeemed:',
      ...e.redemptions.map(
        (r) => `  - by ${contactText(r.contact) ?? 'an unknown contact'}${r.on ? ` on ${r.on}` : ''}`,
      ),
    );
  if (e.notes.length) out.push('', 'Notes:', ...e.notes.map((n) => `  - ${n}`));
  return out.join('\n') + '\n';
}

/** Registers `invite explain` under the `invite` group. */
export function registerInviteExplain(group: Command): void {
  group
    .command('explain')
    .description(
      'say why an invitation code would be refused now (or what redeeming it would grant); read-only',
    )
    .argument('[code]', 'the invitation code')
    .option('--code <code>', 'the invitation code, as an option (needed when it starts with "-")')
    .option('--contact <id|email>', 'ask about this contact redeeming it')
    .addHelpText(
      'after',
      '\nEvery reason it would be refused now, each with what to do: unknown code, inactive, expired (as\n' +
        'stored and in UTC), limit reached, already redeemed (by whom and when), not the invited contact,\n' +
        'invited contact without an e-mail address, the last Send Invitation job failed, the site’s\n' +
        'registration or invitation settings off. Nothing is written.\n' +
        examples([
          ['portal-invite invite explain <code>', 'why this code fails'],
          ['portal-invite invite explain <code> --contact bob.brown@example.com', 'could Bob redeem it?'],
          ['portal-invite invite explain --code=-Xb3... --json', 'a code that starts with "-", as JSON'],
        ]),
    )
    .action(
      action<InviteExplainOptions>(async (ctx, options, positional) => {
        if (positional !== undefined && options.code !== undefined)
          throw new UsageError('Give the code once: as the argument or with --code, not both.');
        const code = positional ?? options.code;
        if (!code?.trim())
          throw new UsageError(
            'Give the invitation code: portal-invite invite explain <code> (or --code <code>).',
          );
        const explanation = await new InvitationService(ctx.client).explain(code, options.contact);
        ctx.out.data(explanation, () => describeExplanation(explanation));
      }),
    );
}
