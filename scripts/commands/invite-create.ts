/** `portal-invite invite create`: one invitation (single or group), optionally e-mailed at once. */
import type { Command } from 'commander';
import { InvitationService, type CreateInvitationInput } from '../../sdk/invitations/index';
import { action, examples } from '../command';
import { CliError, UsageError } from '../errors';
import { handlersOption, type HandlersMode } from '../handlers-mode';
import { requireGuid } from '../ids';
import { collect, parseExpiry, positiveInt } from '../options';
import { describeInvitation, describeSendResults } from '../output';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** Options of `invite create`. */
export interface InviteCreateOptions {
  /** Invited contacts (id or e-mail); several make a group invitation. */
  contact?: string[];
  /** single or group; default single for one contact, group for several. */
  type?: 'single' | 'group';
  /** Maximum redemptions (group). */
  max?: number;
  /** ISO date or duration such as 30d. */
  expires?: string;
  /** The Power Pages site (name or id) the invitation is for; its web roles are looked up there. */
  site?: string;
  /** Web roles (id or name) granted on redemption. */
  role?: string[];
  /** Account (id or name) the redeeming contact joins. */
  account?: string;
  /** Workflow (id or name) run on the redeeming contact. */
  workflow?: string;
  /** Inviting contact (id or e-mail). */
  inviter?: string;
  /** Owning systemuser (the default sender). */
  owner?: string;
  /** A code of your own instead of a generated one. */
  code?: string;
  /** Invitation name. */
  name?: string;
  /** E-mail it right away (Send Invitation). */
  send?: boolean;
  /** Where the invitation rules run. */
  handlers?: HandlersMode;
}

/** Registers `invite create` under the `invite` group. */
export function registerInviteCreate(group: Command): void {
  group
    .command('create')
    .description('create an invitation (single or group); --send e-mails it at once')
    .option('--contact <id|email>', 'invited contact; repeat for a group invitation', collect)
    .option('--type <type>', 'single or group (default: single for one contact, group for several)')
    .option('--max <n>', 'maximum redemptions (group invitations)', positiveInt)
    .option('--expires <when>', 'expiry: ISO date (2026-12-31) or duration (30d, 12h, 2w)')
    .option(
      '--site <name|id>',
      'the site the invitation is for (see `portal-invite sites list`); needed when a role name is in several sites',
    )
    .option(
      '--role <id|name>',
      "web role granted on redemption (one of the site's roles); repeatable",
      collect,
    )
    .option('--account <id|name>', 'account the redeeming contact is assigned to')
    .option('--workflow <id|name>', 'workflow run on the redeeming contact')
    .option('--inviter <id|email>', 'the inviting contact')
    .option('--owner <id>', 'owning systemuser (the default sender of the e-mail)')
    .option('--code <code>', 'use this code instead of a generated one')
    .option('--name <name>', 'invitation name')
    .option('--send', `e-mail the invitation right away (runs ${SEND_INVITATION_WORKFLOW_NAME})`)
    .addOption(handlersOption())
    .addHelpText(
      'after',
      examples([
        [
          'portal-invite invite create --contact ada@example.com --account "Contoso" --role Partners --expires 30d --send',
          'invite one contact and send the e-mail',
        ],
        [
          'portal-invite invite create --contact ada@example.com --site "Fabrikam Partners" --role Partners --role Suppliers',
          'invite to the web roles of one site (of either data model)',
        ],
        [
          'portal-invite invite create --type group --contact a@example.com --contact b@example.com --max 10',
          'a group invitation',
        ],
      ]),
    )
    .action(
      action<InviteCreateOptions>(async (ctx, options) => {
        const input = buildCreateInput(options);
        const service = new InvitationService(ctx.client, { handlers: options.handlers });
        const invitation = await service.create(input);
        ctx.out.info(`Created invitation ${invitation.id}.`);
        if (!options.send) {
          ctx.out.data(invitation, () => describeInvitation(invitation));
          return;
        }
        const sent = await service.send(invitation.id);
        ctx.out.data(
          { ...invitation, send: sent },
          () => describeInvitation(invitation) + describeSendResults(sent),
        );
        const failed = sent.filter((r) => r.status === 'failed');
        if (failed.length > 0) {
          throw new CliError(
            `The invitation was created but sending it failed: ${failed[0].reason ?? 'unknown reason'}.`,
            `Send it again with: portal-invite invite send ${invitation.id}`,
          );
        }
        const skipped = sent.filter((r) => r.status === 'skipped');
        if (skipped.length > 0) {
          throw new CliError(
            `The invitation ${invitation.id} was created but NOT sent: ${skipped[0].reason ?? 'it cannot be sent'}.`,
            input.type === 'group'
              ? 'A group invitation has no single invitee to e-mail: give its code to the invitees yourself, or create single invitations (one --contact each) with --send.'
              : `Fix that, then send it with: portal-invite invite send ${invitation.id}`,
          );
        }
      }),
    );
}

/** Maps the options to the service's input, refusing contradictions with exit code 2. */
export function buildCreateInput(
  options: InviteCreateOptions,
  now: number = Date.now(),
): CreateInvitationInput {
  const contacts = options.contact ?? [];
  const type = options.type ?? (contacts.length > 1 ? 'group' : 'single');
  if (type !== 'single' && type !== 'group')
    throw new UsageError(`--type must be single or group, not "${type}".`);
  if (type === 'single' && contacts.length > 1) {
    throw new UsageError(
      'A single invitation invites at most one contact.',
      'Use --type group for several contacts.',
    );
  }
  if (type === 'single' && options.max !== undefined && options.max !== 1) {
    throw new UsageError('A single invitation can be redeemed once; --max applies to group invitations.');
  }
  if (type === 'single' && contacts.length === 0) {
    throw new UsageError(
      'A single invitation needs the contact it invites: no --contact was given.',
      'Pass --contact <id|email>, or use --type group --max <n> for an invitation anyone with the code can redeem.',
    );
  }
  const input: CreateInvitationInput = { type };
  if (type === 'single' && contacts.length === 1) input.contact = contacts[0];
  if (type === 'group' && contacts.length > 0) input.contacts = contacts;
  if (options.name) input.name = options.name;
  if (options.expires) input.expiresOn = parseExpiry(options.expires, now);
  if (options.site !== undefined) {
    if (options.site.trim() === '')
      throw new UsageError('--site needs a site name or id.', 'List them with: portal-invite sites list');
    input.site = options.site.trim();
  }
  if (options.role?.length) input.webRoles = options.role;
  if (options.account) input.account = options.account;
  if (options.workflow) input.redemptionWorkflow = options.workflow;
  if (options.inviter) input.inviter = options.inviter;
  if (options.owner) input.owner = requireGuid(options.owner, 'a systemuser', '--owner');
  if (options.code) input.code = options.code;
  if (options.max !== undefined) input.maxRedemptions = options.max;
  return input;
}
