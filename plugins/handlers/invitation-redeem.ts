/**
 * PostOperation (40), asynchronous, Create of adx_inviteredemption: once the redemption has been
 * committed, grants what the invitation asks for (account, web roles, redemption workflow) through
 * `applyRedemption`, which applies them once per redemption from Dataverse state (a claim on the
 * redemption activity), whichever host process or retry gets the delivery: a redelivery of a
 * finished redemption changes nothing (200); one that arrives while another delivery holds the claim
 * waits for it, or gets `RedemptionInProgressError` (503, so Dataverse retries).
 */
import type { WebApiRecord } from '../../sdk/client/types';
import {
  ActivityPartyTable,
  InviteRedemptionTable,
  toInviteRedemptionRecord,
} from '../../sdk/entities/index';
import { applyRedemption } from '../../sdk/invitations/index';
import type { PluginExecution, PluginHandler } from '../pipeline/step';
import { PluginError } from '../pipeline/plugin-error';
import { customerContactsOf, lookupIdOf } from './target-values';

const { entitySet, lookups, relationships, logicalName } = InviteRedemptionTable;
const partySelect = [
  ActivityPartyTable.lookups.partyContact.valueField,
  ActivityPartyTable.columns.participationType,
].join(',');

/** Shared-variable key under which the handler leaves what it applied (an `ApplyRedemptionResult`). */
export const REDEMPTION_RESULT_VARIABLE = 'portalinvitations_redemption';

/** The `invitation-redeem` handler. */
export const invitationRedeem: PluginHandler = async (execution: PluginExecution) => {
  const { context, client, target } = execution;
  if (context.primaryEntityName !== logicalName) {
    throw new PluginError(`This step expects a ${logicalName}; check its registration.`);
  }
  const redemptionId = context.primaryEntityId;
  let invitationId = lookupIdOf(
    target,
    lookups.regardingInvitation.column,
    lookups.regardingInvitation.target,
  );
  let contactId: string | undefined = customerContactsOf(target)[0];
  if (!invitationId || !contactId) {
    // The Target holds only what the creator sent; the committed row has the rest.
    const row = await client.retrieve<WebApiRecord>(entitySet, redemptionId, {
      select: [lookups.regardingInvitation.valueField],
      expand: `${relationships.parties}($select=${partySelect})`,
    });
    const record = toInviteRedemptionRecord(row);
    invitationId ??= record.invitationId;
    contactId ??= record.contactId;
  }
  if (!invitationId || !contactId) {
    throw new PluginError(
      `Invite redemption ${redemptionId} has no ${invitationId ? 'customer contact' : 'regarding invitation'}, ` +
        'so there is nothing to grant. Create redemptions regarding an invitation with the contact as Customer.',
    );
  }
  const result = await applyRedemption(client, { redemptionId, invitationId, contactId });
  execution.sharedVariables[REDEMPTION_RESULT_VARIABLE] = result;
};
