/**
 * PreOperation (20), synchronous, Create of adx_invitation: gives a code to an invitation created
 * without one (in-process, where the Target can still be changed) and refuses a draft that breaks
 * the invitation rules, with the rule's own message. The rules live in sdk/invitations.
 */
import { InvitationTable, InvitationType } from '../../sdk/entities/index';
import { generateInvitationCode, InvitationError, validateNewInvitation } from '../../sdk/invitations/index';
import type { InvitationDraft } from '../../sdk/invitations/index';
import type { Entity, RemoteExecutionContext } from '../../sdk/webhooks/index';
import { EMPTY_GUID } from '../pipeline/build-context';
import { PluginError } from '../pipeline/plugin-error';
import type { PluginExecution, PluginHandler } from '../pipeline/step';
import { dateOf, lookupIdOf, numberOf, textOf } from './target-values';

const { columns: c, lookups: l, logicalName } = InvitationTable;

/** Options for {@link createInvitationCreateHandler}. */
export interface InvitationCreateOptions {
  /** The clock for the expiry check (epoch ms); default Date.now. */
  now?: () => number;
  /** Code generator; default `generateInvitationCode`. */
  generateCode?: () => string;
}

/** The invitation rules' view of a Target row. */
export function draftFromTarget(target: Entity, context: RemoteExecutionContext): InvitationDraft {
  const id = [target.id, context.primaryEntityId].find((x) => x && x !== EMPTY_GUID);
  return {
    type: numberOf(target, c.type) ?? InvitationType.Single,
    code: textOf(target, c.code) ?? null,
    maximumRedemptions: numberOf(target, c.maximumRedemptions) ?? null,
    expiresOn: dateOf(target, c.expiryDate) ?? null,
    inviteContactId: lookupIdOf(target, l.inviteContact.column, l.inviteContact.target) ?? null,
    id,
  };
}

/** Builds the `invitation-create` handler. */
export function createInvitationCreateHandler(options: InvitationCreateOptions = {}): PluginHandler {
  return async (execution: PluginExecution) => {
    const target = execution.target;
    if (!target || target.logicalName !== logicalName) {
      throw new PluginError(
        `This step expects the ${logicalName} being created as its Target; check its registration.`,
      );
    }
    let fresh = false;
    if (!textOf(target, c.code) && execution.targetWritable) {
      target.attributes[c.code] = (options.generateCode ?? generateInvitationCode)();
      fresh = true;
    }
    try {
      await validateNewInvitation(execution.client, draftFromTarget(target, execution.context), {
        now: options.now,
        codeIsFresh: fresh,
      });
    } catch (error) {
      if (error instanceof InvitationError) throw new PluginError(error.message, { cause: error });
      throw error;
    }
  };
}

/** The `invitation-create` handler with the real clock and code generator. */
export const invitationCreate: PluginHandler = createInvitationCreateHandler();
