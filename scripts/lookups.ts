/**
 * Resolves what a user types (an id or an e-mail address) to the Dataverse row it means, through
 * the SDK client, with messages that say how to find the right value.
 */
import type { DataverseClient } from '../sdk/client/index';
import type { WebApiRecord } from '../sdk/client/types';
import { ContactTable } from '../sdk/entities/contact';
import { SystemUserTable } from '../sdk/entities/systemuser';
import { isGuid, normalizeGuid } from '../sdk/invitations/odata';
import { CliError, UsageError } from './errors';

/** True for a GUID, with or without braces (the SDK's check, re-exported for the CLI). */
export { isGuid };

/** A GUID without braces, lower-case: the SDK's `normalizeGuid` under the CLI's spelling. */
export const normaliseGuid = normalizeGuid;

/** The sender of the invitation e-mail, as the workflow patch wants it. */
export interface SenderReference {
  logicalName: 'systemuser' | 'queue';
  id: string;
  name?: string;
}

/**
 * Resolves `--from`: `queue:<id>`, a systemuser id, or a systemuser's internalemailaddress.
 * @throws UsageError for a malformed value, CliError when no (or more than one) user matches
 */
export async function resolveSender(client: DataverseClient, value: string): Promise<SenderReference> {
  const trimmed = value.trim();
  if (/^queue:/i.test(trimmed)) {
    const id = trimmed.slice('queue:'.length);
    if (!isGuid(id)) throw new UsageError(`"${id}" after queue: is not a queue id (a GUID).`);
    return { logicalName: 'queue', id: normaliseGuid(id) };
  }
  const c = SystemUserTable.columns;
  if (isGuid(trimmed)) {
    const row = await client.retrieve<WebApiRecord>(SystemUserTable.entitySet, normaliseGuid(trimmed), {
      select: [c.id, c.fullName],
    });
    return {
      logicalName: 'systemuser',
      id: normaliseGuid(trimmed),
      name: row[c.fullName] as string | undefined,
    };
  }
  if (!trimmed.includes('@')) {
    throw new UsageError(
      `--from "${value}" is neither a systemuser id, an e-mail address, nor queue:<id>.`,
      'Give the sending user as a GUID or their primary e-mail (internalemailaddress), or a queue as queue:<id>.',
    );
  }
  const rows = await firstRows(client, SystemUserTable.entitySet, { [c.email]: trimmed }, [c.id, c.fullName]);
  if (rows.length === 0) {
    throw new CliError(
      `No Dataverse user has the e-mail address ${trimmed}.`,
      "Check the address (it must be the user's primary e-mail) or pass the systemuser id instead.",
    );
  }
  if (rows.length > 1) {
    throw new CliError(
      `Several users have the e-mail address ${trimmed}.`,
      'Pass the systemuser id instead.',
    );
  }
  return {
    logicalName: 'systemuser',
    id: rows[0][c.id] as string,
    name: rows[0][c.fullName] as string | undefined,
  };
}

/**
 * Resolves a contact given as an id or its emailaddress1.
 * @throws UsageError for a value that is neither (before any request); CliError when no contact,
 * or more than one, has that address
 */
export async function resolveContactId(client: DataverseClient, value: string): Promise<string> {
  const trimmed = value.trim();
  if (isGuid(trimmed)) return normaliseGuid(trimmed);
  if (!trimmed.includes('@')) {
    throw new UsageError(
      `"${value}" is neither a contact id (a GUID) nor an e-mail address.`,
      'Give the contact as its id, e.g. 3f2a6c1e-8d4b-4f0a-9c7e-2b1d5e6f7a80, or its emailaddress1.',
    );
  }
  const c = ContactTable.columns;
  const rows = await firstRows(client, ContactTable.entitySet, { [c.email]: trimmed }, [c.id]);
  if (rows.length === 0) {
    throw new CliError(
      `No contact has the e-mail address ${trimmed}.`,
      'Check the address or pass the contact id.',
    );
  }
  if (rows.length > 1) {
    throw new CliError(
      `Several contacts have the e-mail address ${trimmed}.`,
      'Pass the contact id instead.',
    );
  }
  return rows[0][c.id] as string;
}

async function firstRows(
  client: DataverseClient,
  entitySet: string,
  filter: Record<string, string>,
  select: string[],
): Promise<WebApiRecord[]> {
  const rows: WebApiRecord[] = [];
  for await (const row of client.list<WebApiRecord>(entitySet, { filter, select, top: 2 })) rows.push(row);
  return rows;
}
