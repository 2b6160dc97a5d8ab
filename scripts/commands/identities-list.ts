/** `portal-invite identities list`: the external sign-ins (adx_externalidentity) of a contact. */
import type { Command } from 'commander';
import { ExternalIdentityState, type ExternalIdentityRecord } from '../../sdk/entities/index';
import { IdentityService } from '../../sdk/identities/index';
import { action, examples } from '../command';
import { table } from '../output';

/** Options of `identities list`. */
export interface IdentitiesListOptions {
  /** The contact: id or e-mail. */
  contact: string;
}

/** Sign-ins as a table: provider, subject, state, id, created. */
export function identityTable(identities: readonly ExternalIdentityRecord[]): string {
  return table(
    ['PROVIDER', 'SUBJECT', 'STATE', 'ID', 'CREATED'],
    identities.map((i) => [
      i.provider,
      i.subject,
      i.state === ExternalIdentityState.Inactive ? 'inactive' : 'active',
      i.id,
      i.createdOn?.toISOString() ?? '',
    ]),
  );
}

/** Registers `identities list` under the `identities` group. */
export function registerIdentitiesList(group: Command): void {
  group
    .command('list')
    .description("list a contact's external sign-ins (adx_externalidentity rows)")
    .requiredOption('--contact <id|email>', 'the contact')
    .addHelpText(
      'after',
      examples([
        ['portal-invite identities list --contact ada@example.com', 'the sign-ins of a contact'],
        ['portal-invite identities list --contact 0f0d6d3e-... --json', 'the same, as JSON'],
      ]),
    )
    .action(
      action<IdentitiesListOptions>(async (ctx, options) => {
        const result = await new IdentityService(ctx.client).list(options.contact);
        ctx.out.data(result, () =>
          result.identities.length === 0
            ? `Contact ${result.contactId} has no external sign-ins.`
            : identityTable(result.identities),
        );
      }),
    );
}
