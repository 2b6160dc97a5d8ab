/**
 * `portal-invite invite redeem`: redeem a code for an existing contact or a new registration.
 * The password is read from stdin (`--password-stdin`) so it never appears in shell history.
 */
import type { Command } from 'commander';
import { InvitationService, type RedemptionResult } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { UsageError } from '../errors';
import { resolveContactId } from '../lookups';
import { fields } from '../output';
import { handlersOption, type HandlersMode } from '../invitation-options';
import { readSecretFromStdin } from '../stdin';

/** Options of `invite redeem`. */
export interface InviteRedeemOptions {
  /** The code, as an option (for codes that start with "-"). */
  code?: string;
  /** An existing contact (id or e-mail). */
  contact?: string;
  /** Registration: the new user's e-mail. */
  email?: string;
  /** Registration: the new user's user name. */
  username?: string;
  /** Read the registration password from stdin. */
  passwordStdin?: boolean;
  /** The password on the command line (discouraged: shell history and process lists show it). */
  password?: string;
  /** Where the invitation rules run. */
  handlers?: HandlersMode;
}

/** Registers `invite redeem` under the `invite` group. */
export function registerInviteRedeem(group: Command): void {
  group
    .command('redeem')
    .description('redeem an invitation code for a contact, or register a new user with it')
    .argument('[code]', 'the invitation code')
    .option('--code <code>', 'the invitation code, as an option (needed when it starts with "-")')
    .option('--contact <id|email>', 'the existing contact redeeming the code')
    .option('--email <email>', 'register a new user: e-mail')
    .option('--username <name>', 'register a new user: user name')
    .option('--password-stdin', 'register a new user: read the password from stdin')
    .option('--password <password>', 'the password on the command line (insecure; prefer --password-stdin)')
    .addOption(handlersOption())
    .addHelpText(
      'after',
      examples([
        ['portal-invite invite redeem <code> --contact ada@example.com', 'an existing contact redeems'],
        [
          'portal-invite invite redeem --code=-Xb3... --contact ada@example.com',
          'a code that starts with "-"',
        ],
        [
          'printf %s "$PASSWORD" | portal-invite invite redeem <code> --email new@example.com --username newuser --password-stdin',
          'register a new portal user with the code',
        ],
      ]),
    )
    .action(
      action<InviteRedeemOptions>(async (ctx, options, positional) => {
        const code = positional ?? options.code;
        if (!code)
          throw new UsageError(
            'Give the invitation code: portal-invite invite redeem <code> (or --code <code>).',
          );
        const service = new InvitationService(ctx.client, { handlers: options.handlers });
        let result: RedemptionResult;
        if (options.contact) {
          if (options.email || options.username) {
            throw new UsageError('Give either --contact or --email/--username, not both.');
          }
          const contactId = await resolveContactId(ctx.client, options.contact);
          result = await service.redeem(code, { contactId });
        } else {
          if (!options.email || !options.username) {
            throw new UsageError(
              'Say who redeems: --contact <id|email>, or --email, --username and --password-stdin for a new user.',
            );
          }
          const password = await readPassword(options, ctx.out.warn.bind(ctx.out));
          result = await service.redeem(code, {
            registration: { email: options.email, username: options.username, password },
          });
        }
        ctx.out.data(result, () =>
          fields([
            ['Invitation', result.invitationId],
            ['Contact', result.contactId],
            ['Redemption', result.redemptionId],
            ['Status', result.status],
            ['Redemptions', result.redemptions],
          ]),
        );
      }),
    );
}

async function readPassword(options: InviteRedeemOptions, warn: (message: string) => void): Promise<string> {
  if (options.passwordStdin && options.password !== undefined) {
    throw new UsageError('Give --password-stdin or --password, not both.');
  }
  if (options.password !== undefined) {
    warn(
      'a password on the command line can be seen in shell history and process lists; use --password-stdin.',
    );
    return options.password;
  }
  if (!options.passwordStdin) {
    throw new UsageError('A new registration needs a password.', 'Pipe it in with --password-stdin.');
  }
  const password = await readSecretFromStdin();
  if (!password) throw new UsageError('--password-stdin read an empty password.');
  return password;
}
