/**
 * `portal-invite invite reissue`: give an invitation a new code (the old one stops working),
 * optionally a new expiry, and optionally send it. A note on the invitation records the reissue.
 */
import type { Command } from 'commander';
import { checkedExpiry, InvitationError, InvitationService } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { CliError, UsageError } from '../errors';
import { parseExpiry } from '../options';
import { fields } from '../output';

/** Options of `invite reissue`. */
export interface InviteReissueOptions {
  /** A new expiry: an ISO date or a duration from now. */
  expires?: string;
  /** Send the new code (runs Send Invitation). */
  send?: boolean;
}

const DURATION = /^\d+\s*[mhdw]$/i;

/** The new expiry: a duration from now, or a real calendar date in the future (no rollover). */
export function reissueExpiry(value: string, now: number = Date.now()): Date {
  if (DURATION.test(value.trim())) return parseExpiry(value, now);
  try {
    return checkedExpiry(value, now);
  } catch (error) {
    if (!(error instanceof InvitationError)) throw error;
    throw new UsageError(
      error.message,
      'Give an ISO date such as 2026-12-31 (or 2026-12-31T18:00:00Z) or a duration such as 30d, 12h, 2w.',
      { cause: error },
    );
  }
}

/** Registers `invite reissue` under the `invite` group. */
export function registerInviteReissue(group: Command): void {
  group
    .command('reissue')
    .description(
      'give an invitation a new code (the old one stops working), optionally a new expiry, and send it',
    )
    .argument('<id>', 'invitation id')
    .option('--expires <when>', 'new expiry: ISO date (2026-12-31) or duration (30d, 12h, 2w)')
    .option('--send', 'send the new code (runs the Send Invitation workflow)')
    .addHelpText(
      'after',
      examples([
        [
          'portal-invite invite reissue 3f2a...e1 --expires 30d --send',
          'a new code, valid 30 more days, e-mailed',
        ],
        ['portal-invite invite reissue 3f2a...e1 --json', 'a new code only; prints it as JSON'],
      ]),
    )
    .action(
      action<InviteReissueOptions>(async (ctx, options, id) => {
        const expiresOn = options.expires !== undefined ? reissueExpiry(options.expires) : undefined;
        const result = await new InvitationService(ctx.client).reissue(id, {
          ...(expiresOn ? { expiresOn } : {}),
          send: options.send === true,
        });
        ctx.out.data(result, () =>
          fields([
            ['Invitation', result.id],
            ['Code', result.code],
            ['Expires', result.expiresOn?.toISOString() ?? 'never'],
            ['Status', result.send?.status === 'sent' ? 'sent' : 'new'],
            ['Note', result.noteId],
          ]),
        );
        if (result.send && result.send.status !== 'sent') {
          throw new CliError(
            `reissued, but the new code was NOT sent (${result.send.status}: ${result.send.reason ?? 'unknown reason'}).`,
            `Fix the reason given, then run \`portal-invite invite send ${result.id}\`.`,
          );
        }
      }),
    );
}
