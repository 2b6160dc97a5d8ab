/**
 * The command tree: each group (noun) and its verbs, one file per command (`<noun>-<verb>.ts`);
 * `workflow activate` and `workflow deactivate` share one, as do `webhooks list` and `webhooks unregister`.
 */
import type { Command } from 'commander';
import { registerEmulatorServe } from './emulator-serve';
import { registerIdentitiesLink } from './identities-link';
import { registerIdentitiesList } from './identities-list';
import { registerIdentitiesUnlink } from './identities-unlink';
import { registerInviteBulk } from './invite-bulk';
import { registerInviteCreate } from './invite-create';
import { registerInviteExplain } from './invite-explain';
import { registerInviteList } from './invite-list';
import { registerInviteRedeem } from './invite-redeem';
import { registerInviteReissue } from './invite-reissue';
import { registerInviteRevoke } from './invite-revoke';
import { registerInviteSend } from './invite-send';
import { registerInviteUndoRedemption } from './invite-undo-redemption';
import { registerPluginsServe } from './plugins-serve';
import { registerSitesList } from './sites-list';
import { registerSiteCheck } from './site-check';
import { registerSolutionExport } from './solution-export';
import { registerSolutionImport } from './solution-import';
import { registerSolutionPack } from './solution-pack';
import { registerSolutionUnpack } from './solution-unpack';
import { registerWebhooksList } from './webhooks-list';
import { registerWebhooksRegister } from './webhooks-register';
import { registerWorkflowActivation } from './workflow-activate';
import { registerWorkflowPatchTemplate } from './workflow-patch-template';
import { registerWorkflowRestore } from './workflow-restore';
import { registerWorkflowShow } from './workflow-show';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** Adds every command group to the program. */
export function registerCommands(program: Command): void {
  const workflow = program
    .command('workflow')
    .description(`the ${SEND_INVITATION_WORKFLOW_NAME} workflow and its e-mail template`);
  registerWorkflowShow(workflow);
  registerWorkflowActivation(workflow);
  registerWorkflowPatchTemplate(workflow);
  registerWorkflowRestore(workflow);

  const sites = program
    .command('sites')
    .description('the Power Pages sites of the environment (enhanced and standard data model)');
  registerSitesList(sites);
  registerSiteCheck(sites);
  sites.alias('site');

  const invite = program.command('invite').description('create, send, list, redeem and revoke invitations');
  registerInviteCreate(invite);
  registerInviteSend(invite);
  registerInviteList(invite);
  registerInviteRedeem(invite);
  registerInviteRevoke(invite);
  registerInviteBulk(invite);
  registerInviteExplain(invite);
  registerInviteReissue(invite);
  registerInviteUndoRedemption(invite);

  const identities = program
    .command('identities')
    .description(
      "contacts' external sign-ins (Microsoft Entra ID, Azure AD B2C, other OpenID Connect providers)",
    );
  registerIdentitiesList(identities);
  registerIdentitiesLink(identities);
  registerIdentitiesUnlink(identities);

  const solution = program
    .command('solution')
    .description('pack, unpack, import and export the Dataverse solution');
  registerSolutionPack(solution);
  registerSolutionUnpack(solution);
  registerSolutionImport(solution);
  registerSolutionExport(solution);

  const webhooks = program
    .command('webhooks')
    .description('register, list and unregister the webhook steps in the environment');
  registerWebhooksRegister(webhooks);
  registerWebhooksList(webhooks);

  const plugins = program.command('plugins').description('run the webhook host for the invitation handlers');
  registerPluginsServe(plugins);

  registerEmulatorServe(program);
}
