/**
 * `portal-invite identities link`: link an external sign-in to a contact by hand, before the
 * person redeems (so the redemption finds the contact) or to repair a link.
 */
import type { Command } from 'commander';
import { IdentityService } from '../../sdk/identities/index';
import { action, examples } from '../command';
import { fields } from '../output';

/** Options of `identities link`. */
export interface IdentitiesLinkOptions {
  contact: string;
  provider: string;
  subject: string;
}

const STATUS_TEXT = {
  linked: 'linked',
  exists: 'already linked (nothing changed)',
  reactivated: 'reactivated (its deactivated row is Active again)',
} as const;

/** Registers `identities link` under the `identities` group. */
export function registerIdentitiesLink(group: Command): void {
  group
    .command('link')
    .description('link an external sign-in (provider and subject) to a contact')
    .requiredOption('--contact <id|email>', 'the contact the sign-in is for (Active)')
    .requiredOption('--provider <name>', "the provider's authentication type (e.g. its authority URL)")
    .requiredOption('--subject <key>', "the provider's key for the user (sub or oid claim)")
    .addHelpText(
      'after',
      examples([
        [
          'portal-invite identities link --contact ada@example.com --provider https://login.microsoftonline.com/<tenant>/v2.0 --subject <sub>',
          'pre-link a Microsoft Entra ID sign-in',
        ],
      ]),
    )
    .action(
      action<IdentitiesLinkOptions>(async (ctx, options) => {
        const result = await new IdentityService(ctx.client).link(options.contact, {
          provider: options.provider,
          subject: options.subject,
        });
        ctx.out.data(result, () =>
          fields([
            ['Sign-in', STATUS_TEXT[result.status]],
            ['Contact', result.identity.contactId],
            ['Provider', result.identity.provider],
            ['Subject', result.identity.subject],
            ['ID', result.identity.id],
          ]),
        );
      }),
    );
}
