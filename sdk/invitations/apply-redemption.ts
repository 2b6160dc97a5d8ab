/**
 * What a redemption grants, applied after the redemption is committed: the contact's parent
 * account, the invitation's web roles, and the redemption workflow run once on the contact.
 * Idempotent: a second run finds everything in place and changes nothing.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  ActivityPartyTable,
  ActivityState,
  ContactTable,
  contactToWebApi,
  executeWorkflowBody,
  InvitationTable,
  InviteRedemptionTable,
  inviteRedemptionToWebApi,
  MessageName,
  readParties,
  toContactRecord,
  toInvitationRecord,
  toInviteRedemptionRecord,
  WorkflowTable,
} from '../entities/index';
import { grantInvitationRoles } from '../sites/web-role-grants';
import { InvitationError } from './errors';
import { isStatus, NO_CACHE, normalizeGuid, queryAll } from './odata';

/** What {@link applyRedemption} changed. */
export interface ApplyRedemptionResult {
  /** parentcustomerid was set to the invitation's assign-to account. */
  accountAssigned: boolean;
  /** Web role ids (of either data model) newly associated with the contact (roles already held are skipped). */
  rolesAdded: string[];
  /** The redemption workflow was started on the contact. */
  workflowStarted: boolean;
}

/** Which redemption to apply. */
export interface ApplyRedemptionTarget {
  /** The adx_inviteredemption activity; marks the workflow as run. Found by invitation + contact when omitted. */
  redemptionId?: string;
  invitationId: string;
  contactId: string;
}

const invitationLookups = InvitationTable.lookups;
const redemption = InviteRedemptionTable;
const partySelect = `$select=${ActivityPartyTable.lookups.partyContact.valueField},${ActivityPartyTable.columns.participationType}`;

/**
 * Applies a redemption's side effects: parentcustomerid ← adx_assigntoaccount (skipped when already
 * set), each web role of the invitation associated through its data model's N:N (skipping ones
 * held; see grantInvitationRoles), and the redemption workflow executed on the contact only while the redemption activity is
 * still open; the activity is then marked Completed, which is what makes a second run a no-op.
 */
export async function applyRedemption(
  client: DataverseApi,
  target: ApplyRedemptionTarget,
): Promise<ApplyRedemptionResult> {
  const invitationId = normalizeGuid(target.invitationId);
  const contactId = normalizeGuid(target.contactId);
  const [invitationRow, contactRow, activity] = await Promise.all([
    client.retrieve<WebApiRecord>(InvitationTable.entitySet, invitationId, {
      select: [invitationLookups.assignToAccount.valueField, invitationLookups.redemptionWorkflow.valueField],
      headers: { ...NO_CACHE },
    }),
    client.retrieve<WebApiRecord>(ContactTable.entitySet, contactId, {
      select: [ContactTable.lookups.parentCustomerAccount.valueField],
      headers: { ...NO_CACHE },
    }),
    findRedemption(client, { ...target, invitationId, contactId }),
  ]);
  const invitation = toInvitationRecord(invitationRow);
  const contact = toContactRecord(contactRow);

  const accountId = guidOrUndefined(invitation.accountId);
  let accountAssigned = false;
  if (accountId && guidOrUndefined(contact.parentCustomerId) !== accountId) {
    await client.update(ContactTable.entitySet, contactId, contactToWebApi({ parentCustomerId: accountId }));
    accountAssigned = true;
  }

  const rolesAdded = await grantInvitationRoles(client, { invitationId, contactId });

  const workflowId = guidOrUndefined(invitation.redemptionWorkflowId);
  const alreadyCompleted = activity?.state === ActivityState.Completed;
  let workflowStarted = false;
  if (workflowId && !alreadyCompleted) {
    await client.callAction(MessageName.ExecuteWorkflow, executeWorkflowBody(contactId), {
      boundTo: { entitySet: WorkflowTable.entitySet, id: workflowId },
    });
    workflowStarted = true;
  }
  if (activity && !alreadyCompleted) {
    await client.update(
      redemption.entitySet,
      activity.id,
      inviteRedemptionToWebApi({ state: ActivityState.Completed }),
    );
  }
  return { accountAssigned, rolesAdded, workflowStarted };
}

/**
 * Applies (again) the redemption recorded by this adx_inviteredemption activity: reads its
 * invitation (regarding) and its Customer party (the contact), then {@link applyRedemption}.
 * This is the retry after a committed redemption whose handlers failed.
 */
export async function applyRedemptionById(
  client: DataverseApi,
  redemptionId: string,
): Promise<ApplyRedemptionResult> {
  const id = normalizeGuid(redemptionId);
  let row: WebApiRecord;
  try {
    row = await client.retrieve<WebApiRecord>(redemption.entitySet, id, {
      select: [redemption.lookups.regardingInvitation.valueField],
      expand: `${redemption.relationships.parties}(${partySelect})`,
      headers: { ...NO_CACHE },
    });
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `Redemption ${id} does not exist; check the redemption id.`, {
        cause: error,
      });
    }
    throw error;
  }
  const record = toInviteRedemptionRecord(row);
  const invitationId = guidOrUndefined(record.invitationId);
  const contactId = guidOrUndefined(record.contactId);
  if (!invitationId || !contactId) {
    throw new InvitationError(
      'invalid',
      `Redemption ${id} names no ${invitationId ? 'contact (Customer party)' : 'invitation (regarding)'}; it was not written by a redemption and cannot be applied.`,
    );
  }
  return applyRedemption(client, { redemptionId: id, invitationId, contactId });
}

/** The redemption activity to mark Completed: the given one, or the contact's open one for the invitation. */
async function findRedemption(
  client: DataverseApi,
  target: ApplyRedemptionTarget,
): Promise<{ id: string; state: number } | undefined> {
  const { redemptionId, invitationId, contactId } = target;
  if (redemptionId) {
    const id = normalizeGuid(redemptionId);
    const row = await client.retrieve<WebApiRecord>(redemption.entitySet, id, {
      select: [redemption.columns.state],
      headers: { ...NO_CACHE },
    });
    return { id, state: toInviteRedemptionRecord(row).state ?? ActivityState.Open };
  }
  const rows = await queryAll(client, redemption.entitySet, {
    select: [redemption.columns.id, redemption.columns.state],
    filter: `${redemption.lookups.regardingInvitation.valueField} eq ${invitationId}`,
    expand: `${redemption.relationships.parties}(${partySelect})`,
    headers: { ...NO_CACHE },
  });
  const mine = rows.filter((row) =>
    readParties(row, redemption.relationships.parties).some(
      (party) => guidOrUndefined(party.partyId) === contactId,
    ),
  );
  const records = mine.map(toInviteRedemptionRecord);
  // Prefer an open one: that is the redemption whose workflow has not run yet.
  const pick = records.find((r) => (r.state ?? ActivityState.Open) !== ActivityState.Completed) ?? records[0];
  return pick ? { id: normalizeGuid(pick.id), state: pick.state ?? ActivityState.Open } : undefined;
}

function guidOrUndefined(value: string | undefined): string | undefined {
  return value ? normalizeGuid(value) : undefined;
}
