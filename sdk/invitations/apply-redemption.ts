/**
 * What a redemption grants, applied after the redemption is committed: the contact's parent
 * account, the invitation's web roles, and the redemption workflow run once on the contact.
 * Idempotent: a second run finds everything in place and changes nothing.
 */
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { Account, ActivityParty, Contact, Inv, InviteRedemption, WebRole, Workflow } from './names';
import { InvitationError } from './errors';
import { isDuplicate, isStatus, NO_CACHE, normalizeGuid, queryAll } from './odata';

/** What {@link applyRedemption} changed. */
export interface ApplyRedemptionResult {
  /** parentcustomerid was set to the invitation's assign-to account. */
  accountAssigned: boolean;
  /** Web role ids newly associated with the contact (roles already held are skipped). */
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

/**
 * Applies a redemption's side effects: parentcustomerid ← adx_assigntoaccount (skipped when already
 * set), each web role of the invitation associated through adx_webrole_contact (skipping ones
 * held), and the redemption workflow executed on the contact only while the redemption activity is
 * still open; the activity is then marked Completed, which is what makes a second run a no-op.
 */
export async function applyRedemption(
  client: DataverseClient,
  target: ApplyRedemptionTarget,
): Promise<ApplyRedemptionResult> {
  const invitationId = normalizeGuid(target.invitationId);
  const contactId = normalizeGuid(target.contactId);
  const [invitation, contact, redemption] = await Promise.all([
    client.retrieve<WebApiRecord>(Inv.set, invitationId, {
      select: [Inv.lookups.assignToAccount.valueField, Inv.lookups.redemptionWorkflow.valueField],
      expand: `${Inv.rel.webRoles}($select=${WebRole.id})`,
      headers: { ...NO_CACHE },
    }),
    client.retrieve<WebApiRecord>(Contact.entitySet, contactId, {
      select: [Contact.parentCustomer],
      expand: `${WebRole.contacts}($select=${WebRole.id})`,
      headers: { ...NO_CACHE },
    }),
    findRedemption(client, target.redemptionId, invitationId, contactId),
  ]);

  const accountId = lookupId(invitation, Inv.lookups.assignToAccount.valueField);
  let accountAssigned = false;
  if (accountId && lookupId(contact, Contact.parentCustomer) !== accountId) {
    await client.update(Contact.entitySet, contactId, {
      [Contact.parentCustomerAccountBind]: `/${Account.entitySet}(${accountId})`,
    });
    accountAssigned = true;
  }

  const held = new Set(idsOf(contact[WebRole.contacts], WebRole.id));
  const rolesAdded: string[] = [];
  for (const roleId of idsOf(invitation[Inv.rel.webRoles], WebRole.id)) {
    if (held.has(roleId)) continue;
    try {
      await client.associate(WebRole.entitySet, roleId, WebRole.contacts, {
        entitySet: Contact.entitySet,
        id: contactId,
      });
      rolesAdded.push(roleId);
    } catch (error) {
      // A concurrent run associated it first: the role is held, which is all we wanted.
      if (!isDuplicate(error)) throw error;
    }
  }

  const workflowId = lookupId(invitation, Inv.lookups.redemptionWorkflow.valueField);
  const alreadyCompleted = redemption?.state === InviteRedemption.completedState;
  let workflowStarted = false;
  if (workflowId && !alreadyCompleted) {
    await client.callAction(
      Workflow.executeAction,
      { EntityId: contactId },
      {
        boundTo: { entitySet: Workflow.entitySet, id: workflowId },
      },
    );
    workflowStarted = true;
  }
  if (redemption && !alreadyCompleted) {
    await client.update(InviteRedemption.entitySet, redemption.id, {
      [InviteRedemption.state]: InviteRedemption.completedState,
      [InviteRedemption.status]: InviteRedemption.completedStatus,
    });
  }
  return { accountAssigned, rolesAdded, workflowStarted };
}

/**
 * Applies (again) the redemption recorded by this adx_inviteredemption activity: reads its
 * invitation (regarding) and its Customer party (the contact), then {@link applyRedemption}.
 * This is the retry after a committed redemption whose handlers failed.
 */
export async function applyRedemptionById(
  client: DataverseClient,
  redemptionId: string,
): Promise<ApplyRedemptionResult> {
  const id = normalizeGuid(redemptionId);
  let row: WebApiRecord;
  try {
    row = await client.retrieve<WebApiRecord>(InviteRedemption.entitySet, id, {
      select: [InviteRedemption.regarding],
      expand: `${InviteRedemption.parties}($select=${ActivityParty.partyId},${ActivityParty.participationType})`,
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
  const invitationId = lookupId(row, InviteRedemption.regarding);
  const parties = Array.isArray(row[InviteRedemption.parties])
    ? (row[InviteRedemption.parties] as WebApiRecord[])
    : [];
  const customer = parties.find((p) => Number(p[ActivityParty.participationType]) === ActivityParty.customer);
  const contactId = customer ? lookupId(customer, ActivityParty.partyId) : undefined;
  if (!invitationId || !contactId) {
    throw new InvitationError(
      'invalid',
      `Redemption ${id} names no ${invitationId ? 'contact (Customer party)' : 'invitation (regarding)'}; it was not written by a redemption and cannot be applied.`,
    );
  }
  return applyRedemption(client, { redemptionId: id, invitationId, contactId });
}

async function findRedemption(
  client: DataverseClient,
  redemptionId: string | undefined,
  invitationId: string,
  contactId: string,
): Promise<{ id: string; state: number } | undefined> {
  if (redemptionId) {
    const row = await client.retrieve<WebApiRecord>(InviteRedemption.entitySet, normalizeGuid(redemptionId), {
      select: [InviteRedemption.state],
      headers: { ...NO_CACHE },
    });
    return { id: normalizeGuid(redemptionId), state: Number(row[InviteRedemption.state] ?? 0) };
  }
  const rows = await queryAll(client, InviteRedemption.entitySet, {
    select: [InviteRedemption.id, InviteRedemption.state],
    filter: `${InviteRedemption.regarding} eq ${invitationId}`,
    expand: `${InviteRedemption.parties}($select=${ActivityParty.partyId},${ActivityParty.participationType})`,
    headers: { ...NO_CACHE },
  });
  const mine = rows.filter((row) =>
    idsOf(row[InviteRedemption.parties], ActivityParty.partyId).includes(contactId),
  );
  // Prefer an open one: that is the redemption whose workflow has not run yet.
  const pick =
    mine.find((row) => Number(row[InviteRedemption.state] ?? 0) !== InviteRedemption.completedState) ??
    mine[0];
  return pick
    ? {
        id: normalizeGuid(String(pick[InviteRedemption.id])),
        state: Number(pick[InviteRedemption.state] ?? 0),
      }
    : undefined;
}

function lookupId(row: WebApiRecord, field: string): string | undefined {
  const value = row[field];
  return typeof value === 'string' && value ? normalizeGuid(value) : undefined;
}

function idsOf(related: unknown, idField: string): string[] {
  if (!Array.isArray(related)) return [];
  return related
    .map((r) => (r as WebApiRecord)[idField])
    .filter((v): v is string => typeof v === 'string')
    .map(normalizeGuid);
}
