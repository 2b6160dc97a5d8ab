/**
 * What the demo reads and resets on its contact: the parent account and the web roles it holds in
 * one data model (through that model's contact N:N), so each run shows the handler adding them.
 */
import type { DataverseClient } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { AccountTable, ContactTable } from '../../sdk/entities/index';
import { DATA_MODEL_NAMES, type DataModel } from '../../sdk/sites/index';
import type { Output } from '../output';

/** Takes the demo's account and roles away from the contact, so each run shows the handler adding them. */
export async function resetContact(
  client: DataverseClient,
  seed: { contactId: string; model: DataModel; roleIds: string[] },
  out: Output,
): Promise<void> {
  const state = await readContactState(client, seed.contactId, seed.model);
  if (state.accountId) {
    await client.disassociate(
      ContactTable.entitySet,
      seed.contactId,
      ContactTable.lookups.parentCustomerAccount.navigation,
    );
  }
  const { role, contactRoles } = DATA_MODEL_NAMES[seed.model];
  const held = state.webRoles.filter((r) => seed.roleIds.includes(r.id));
  for (const heldRole of held) {
    await client.disassociate(ContactTable.entitySet, seed.contactId, contactRoles, {
      entitySet: role.entitySet,
      id: heldRole.id,
    });
  }
  if (state.accountId || held.length > 0) out.info('   (reset the demo contact from an earlier run)');
}

/** The contact's account and the web roles it holds in one data model. */
export interface ContactState {
  accountId?: string;
  accountName?: string;
  webRoles: { id: string; name: string }[];
}

/** Reads the contact's account (with its name) and its web roles in `model`. */
export async function readContactState(
  client: DataverseClient,
  contactId: string,
  model: DataModel,
): Promise<ContactState> {
  const lookup = ContactTable.lookups.parentCustomerAccount;
  const row = await client.retrieve<WebApiRecord>(ContactTable.entitySet, contactId, {
    select: [ContactTable.columns.id, lookup.valueField],
    annotations: true,
  });
  const target = row[`${lookup.valueField}@Microsoft.Dynamics.CRM.lookuplogicalname`];
  const accountId =
    target === undefined || target === AccountTable.logicalName
      ? (row[lookup.valueField] as string | undefined)
      : undefined;
  const accountName = accountId
    ? ((row[`${lookup.valueField}@OData.Community.Display.V1.FormattedValue`] as string | undefined) ??
      ((
        await client.retrieve<WebApiRecord>(AccountTable.entitySet, accountId, {
          select: [AccountTable.primaryName],
        })
      )[AccountTable.primaryName] as string))
    : undefined;
  const webRoles: { id: string; name: string }[] = [];
  const { role: roleTable, contactRoles } = DATA_MODEL_NAMES[model];
  const roles = client.list<WebApiRecord>(`${ContactTable.entitySet}(${contactId})/${contactRoles}`, {
    select: [roleTable.primaryId, roleTable.primaryName],
  });
  for await (const role of roles) {
    webRoles.push({
      id: role[roleTable.primaryId] as string,
      name: role[roleTable.primaryName] as string,
    });
  }
  return { accountId: accountId ?? undefined, accountName, webRoles };
}
