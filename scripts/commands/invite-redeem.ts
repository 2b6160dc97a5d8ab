/**
 * `portal-invite invite redeem`: redeem a code for an existing contact, a new registration, or
 * someone signed in with an external provider (`--provider` and `--subject`, with `--email`).
 * The password is read from stdin (`--password-stdin`) so it never appears in shell history.
 * `--apply <redemption id>` applies a committed redemption's account, web roles and workflow again
 * (the retry when applying them failed after the redemption was committed).
 */
import type { Command } from 'commander';
import { InvitationService, type RedemptionResult } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { CliError, UsageError } from '../errors';
import { chooseHandlers, handlersOption, type HandlersMode } from '../handlers-mode';
import { requireGuid } from '../ids';
import { resolveContactId } from '../lookups';
import { fields } from '../output';

/** Options of `invite redeem`. */
export interface InviteRedeemOptions {
  /** The code, as an option (for codes that start with "-"). */
  code?: string;
  /** An existing contact (id or e-mail). */
  contact?: string;
  /** Registration: the new user's e-mail; external sign-in: the e-mail the provider reports. */
  email?: string;
  /** External sign-in: the provider's authentication type (adx_identityprovidername). */
  provider?: string;
  /** External sign-in: the provider's key for the user (adx_username). */
  subject?: string;
  /** External sign-in: the given name the provider reports. */
  firstName?: string;
  /** External sign-in: the surname the provider reports. */
  lastName?: string;
  /** Registration: the new user's user name. */
  username?: string;
  /** Read the registration password from stdin. */
  passwordStdin?: boolean;
  /** The password on the command line (discouraged: shell history and process lists show it). */
  password?: string;
  /** Where the invitation rules run. */
  handlers?: HandlersMode;
  /** Apply this committed redemption (adx_inviteredemption id) here instead of redeeming. */
  apply?: string;
}

/** Registers `invite redeem` under the `invite` group. */
export function registerInviteRedeem(group: Command): void {
  group
    .command('redeem')
    .description('redeem an invitation code for a contact, or register a new user with it')
    .argument('[code]', 'the invitation code')
    .option('--code <code>', 'the invitation code, as an option (needed when it starts with "-")')
    .option('--contact <id|email>', 'the existing contact redeeming the code')
    .option(
      '--email <email>',
      'register a new user: e-mail; with --provider: the e-mail the provider reports',
    )
    .option(
      '--provider <name>',
      'an external sign-in: the provider (its authentication type, e.g. the authority URL)',
    )
    .option('--subject <key>', "an external sign-in: the provider's key for the user (sub or oid claim)")
    .option('--first-name <name>', 'with --provider: the given name the provider reports')
    .option('--last-name <name>', 'with --provider: the surname the provider reports')
    .option('--username <name>', 'register a new user: user name')
    .option('--password-stdin', 'register a new user: read the password from stdin')
    .option('--password <password>', 'the password on the command line (insecure; prefer --password-stdin)')
    .addOption(handlersOption())
    .option(
      '--apply <redemption-id>',
      "apply a committed redemption's account, web roles and workflow here (retry after they failed)",
    )
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
        [
          'portal-invite invite redeem <code> --provider https://login.microsoftonline.com/<tenant>/v2.0 --subject <sub> --email ada@example.com',
          'someone signed in with Microsoft Entra ID redeems (the sign-in is linked to the invited contact)',
        ],
        [
          'portal-invite invite redeem --apply 6f1c...-redemption-id',
          "apply a redemption's account, web roles and workflow again after they failed",
        ],
      ]),
    )
    .action(
      action<InviteRedeemOptions>(async (ctx, options, positional) => {
        const code = positional ?? options.code;
        if (options.apply) {
          if (
            code ||
            options.contact ||
            options.email ||
            options.username ||
            options.provider ||
            options.subject
          ) {
            throw new UsageError('--apply takes only the redemption id; give no code or redeemer with it.');
          }
          const redemptionId = requireGuid(options.apply, 'a redemption (adx_inviteredemption)', '--apply');
          const applied = await new InvitationService(ctx.client).applyRedemption(redemptionId);
          ctx.out.data(applied, () =>
            fields([
              ['Account assigned', applied.accountAssigned ? 'yes' : 'no'],
              ['Web roles added', applied.rolesAdded.join(', ') || 'none'],
              ['Workflow started', applied.workflowStarted ? 'yes' : 'no'],
            ]),
          );
          return;
        }
        if (!code)
          throw new UsageError(
            'Give the invitation code: portal-invite invite redeem <code> (or --code <code>).',
          );
        const who = await redeemer(ctx.client, options, ctx.out.warn.bind(ctx.out));
        const handlers = await chooseHandlers(ctx.client, options.handlers, ctx.out.warn.bind(ctx.out));
        const service = new InvitationService(ctx.client, { handlers });
        const result: RedemptionResult = await service.redeem(code, who);
        ctx.out.data(result, () =>
          fields([
            ['Invitation', result.invitationId],
            ['Contact', result.contactId],
            ['Redemption', result.redemptionId],
            ['Status', result.status],
            ['Redemptions', result.redemptions],
            ...(result.externalIdentityId
              ? ([
                  ['Sign-in', `${result.externalIdentityId}${result.identityLinked ? ' (linked now)' : ''}`],
                ] as [string, string][])
              : []),
          ]),
        );
        if (result.handlersError !== undefined) {
          throw new CliError(
            `redeemed; applying the invitation's account/roles/workflow failed: ${result.handlersError}; run again with "portal-invite invite redeem --apply ${result.redemptionId}" to apply`,
          );
        }
      }),
    );
}

async function redeemer(
  client: Parameters<typeof resolveContactId>[0],
  options: InviteRedeemOptions,
  warn: (message: string) => void,
): Promise<Parameters<InvitationService['redeem']>[1]> {
  if (options.provider !== undefined || options.subject !== undefined) return externalRedeemer(options);
  if (options.firstName !== undefined || options.lastName !== undefined) {
    throw new UsageError(
      '--first-name and --last-name go with an external sign-in (--provider and --subject).',
    );
  }
  if (options.contact) {
    if (options.email || options.username) {
      throw new UsageError('Give either --contact or --email/--username, not both.');
    }
    return { contactId: await resolveContactId(client, options.contact) };
  }
  if (!options.email || !options.username) {
    throw new UsageError(
      'Say who redeems: --contact <id|email>; --email, --username and --password-stdin for a new user; or --provider and --subject (and --email) for an external sign-in.',
    );
  }
  const password = await readPassword(options, warn);
  return { registration: { email: options.email, username: options.username, password } };
}

function externalRedeemer(options: InviteRedeemOptions): Parameters<InvitationService['redeem']>[1] {
  if (!options.provider || !options.subject) {
    throw new UsageError(
      'An external sign-in needs both --provider and --subject.',
      'Give the provider (e.g. https://login.microsoftonline.com/<tenant>/v2.0) and the subject it reports for the user.',
    );
  }
  if (options.contact || options.username || options.password !== undefined || options.passwordStdin) {
    throw new UsageError(
      'Give either --provider/--subject (an external sign-in) or --contact or --username/--password, not both.',
    );
  }
  return {
    externalLogin: {
      provider: options.provider,
      subject: options.subject,
      ...(options.email !== undefined ? { email: options.email } : {}),
      ...(options.firstName !== undefined ? { firstName: options.firstName } : {}),
      ...(options.lastName !== undefined ? { lastName: options.lastName } : {}),
    },
  };
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

/** Reads all of stdin (piped); the trailing newline a shell adds is removed. */
export async function readSecretFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
