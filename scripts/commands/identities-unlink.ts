/**
 * `portal-invite identities unlink`: remove an external sign-in from a contact (one row by id, or
 * a contact's sign-in by provider and subject). It asks for `--yes`; the contact gets a new
 * security stamp, so the sessions that sign-in opened stop being accepted.
 */
import type { Command } from 'commander';
import { IdentityService, type UnlinkResult, type UnlinkTarget } from '../../sdk/identities/index';
import { action, examples } from '../command';
import { UsageError } from '../errors';
import { table } from '../output';

/** Options of `identities unlink`. */
export interface IdentitiesUnlinkOptions {
  /** One row by its adx_externalidentityid. */
  id?: string;
  contact?: string;
  provider?: string;
  subject?: string;
  /** Remove it (required). */
  yes?: boolean;
}

function targetOf(options: IdentitiesUnlinkOptions): UnlinkTarget {
  const byLogin =
    options.contact !== undefined || options.provider !== undefined || options.subject !== undefined;
  if (options.id !== undefined) {
    if (byLogin) throw new UsageError('Give either --id or --contact/--provider/--subject, not both.');
    return { identityId: options.id };
  }
  if (!options.contact || !options.provider || !options.subject) {
    throw new UsageError(
      'Say which sign-in to unlink: --id <adx_externalidentity id>, or --contact, --provider and --subject.',
      "`portal-invite identities list --contact <id|email>` shows a contact's sign-ins with their ids.",
    );
  }
  return { contact: options.contact, login: { provider: options.provider, subject: options.subject } };
}

function describe(result: UnlinkResult): string {
  return table(
    ['PROVIDER', 'SUBJECT', 'CONTACT', 'ID'],
    result.removed.map((r) => [r.provider, r.subject, r.contactId ?? '', r.id]),
  );
}

/** Registers `identities unlink` under the `identities` group. */
export function registerIdentitiesUnlink(group: Command): void {
  group
    .command('unlink')
    .description('remove an external sign-in from a contact (asks for --yes)')
    .option('--id <identity-id>', 'the adx_externalidentity row to remove')
    .option('--contact <id|email>', 'the contact whose sign-in to remove (with --provider and --subject)')
    .option('--provider <name>', "the sign-in's provider")
    .option('--subject <key>', "the sign-in's subject")
    .option('--yes', 'remove it')
    .addHelpText(
      'after',
      examples([
        ['portal-invite identities unlink --id 9d2f... --yes', 'remove one sign-in row'],
        [
          'portal-invite identities unlink --contact ada@example.com --provider https://login.microsoftonline.com/<tenant>/v2.0 --subject <sub> --yes',
          "remove a contact's sign-in",
        ],
      ]),
    )
    .action(
      action<IdentitiesUnlinkOptions>(async (ctx, options) => {
        const target = targetOf(options);
        const service = new IdentityService(ctx.client);
        if (options.yes !== true) {
          const preview = await service.unlink(target, { dryRun: true });
          const rows = preview.removed.map(
            (r) => `${r.subject} of ${r.provider} (${r.id}, contact ${r.contactId ?? 'none'})`,
          );
          throw new UsageError(
            `Unlinking removes the sign-in ${rows.join('; ')}; nothing was removed.`,
            'Run again with --yes to remove it.',
          );
        }
        const result = await service.unlink(target);
        ctx.out.data(result, () => `Removed:\n${describe(result)}`);
      }),
    );
}
