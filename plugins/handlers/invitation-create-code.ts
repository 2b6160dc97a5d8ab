/**
 * PostOperation (40), asynchronous, Create of adx_invitation: a webhook cannot change the Target,
 * so an invitation created without a code gets one here, written with If-Match on the row's etag so
 * a code set meanwhile (by a user or a concurrent run) is never overwritten.
 */
import { ConcurrencyError, NotFoundError } from '../../sdk/client/errors';
import type { WebApiRecord } from '../../sdk/client/types';
import { InvitationTable, invitationToWebApi, toInvitationRecord } from '../../sdk/entities/index';
import { generateInvitationCode } from '../../sdk/invitations/index';
import type { PluginExecution, PluginHandler } from '../pipeline/step';
import { textOf } from './target-values';

const { columns: c, entitySet } = InvitationTable;

/** Attempts before giving up when the row keeps changing under us. */
const MAX_ATTEMPTS = 3;

/** Options for {@link createInvitationCodeHandler}. */
export interface InvitationCodeOptions {
  /** Code generator; default `generateInvitationCode`. */
  generateCode?: () => string;
}

/** Builds the `invitation-create-code` handler. */
export function createInvitationCodeHandler(options: InvitationCodeOptions = {}): PluginHandler {
  return async ({ target, context, client }: PluginExecution) => {
    if (textOf(target, c.code)) return;
    const id = context.primaryEntityId;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let row: WebApiRecord;
      try {
        row = await client.retrieve(entitySet, id, { select: [c.code] });
      } catch (error) {
        // Deleted before this asynchronous step ran: nothing left to give a code to.
        if (error instanceof NotFoundError) return;
        throw error;
      }
      const { code, etag } = toInvitationRecord(row);
      if (code !== undefined && code.trim() !== '') return;
      try {
        await client.update(
          entitySet,
          id,
          invitationToWebApi({ code: (options.generateCode ?? generateInvitationCode)() }),
          { ifMatch: etag },
        );
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt === MAX_ATTEMPTS) throw error;
      }
    }
  };
}

/** The `invitation-create-code` handler with the real code generator. */
export const invitationCreateCode: PluginHandler = createInvitationCodeHandler();
