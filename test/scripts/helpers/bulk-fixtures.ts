/**
 * Data for bulk tests and what they assert on: many contacts in an emulator, the CSV inviting them,
 * and per contact, straight from the emulator's tables, how many invitations exist and how many
 * e-mails were sent for them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { DataverseClient } from '../../../sdk/client/index';
import type { WebApiRecord } from '../../../sdk/client/types';
import { ContactTable, EmailTable, InvitationTable } from '../../../sdk/entities/index';

/** A contact created for a test. */
export interface TestContact {
  id: string;
  email: string;
}

/** Creates `count` contacts with addresses `<prefix><n>@example.com` (one CreateMultiple). */
export async function createContacts(
  client: DataverseClient,
  count: number,
  prefix = 'bulk',
): Promise<TestContact[]> {
  const c = ContactTable.columns;
  const targets = Array.from({ length: count }, (_, i) => ({
    [c.firstName]: 'Bulk',
    [c.lastName]: `Invitee ${i + 1}`,
    [c.email]: `${prefix}${String(i + 1).padStart(4, '0')}@example.com`,
  }));
  const ids = await client.createMultiple(ContactTable.entitySet, ContactTable.logicalName, targets);
  return ids.map((id, i) => ({ id, email: targets[i][c.email] as string }));
}

/** Writes `email` + one row per contact to `<dir>/<name>` and returns its path. */
export function writeInviteesCsv(dir: string, contacts: TestContact[], name = 'invitees.csv'): string {
  const file = join(dir, name);
  writeFileSync(file, ['email', ...contacts.map((c) => c.email)].join('\n') + '\n');
  return file;
}

/** The results file's lines. */
export function readResultsCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
}

/** Per contact: invitations inviting it, and e-mails regarding those invitations. */
export interface ContactCounts {
  invitations: Map<string, number>;
  emails: Map<string, number>;
  /** E-mails regarding the invitations of these contacts, in all. */
  totalEmails: number;
}

async function all(client: DataverseClient, set: string, select: string[]): Promise<WebApiRecord[]> {
  const rows: WebApiRecord[] = [];
  for await (const row of client.list<WebApiRecord>(set, { select })) rows.push(row);
  return rows;
}

/** Counts from the emulator's adx_invitation and email tables. */
export async function countPerContact(
  client: DataverseClient,
  contacts: TestContact[],
): Promise<ContactCounts> {
  const inviteContact = InvitationTable.lookups.inviteContact.valueField;
  const regarding = EmailTable.lookups.regardingInvitation.valueField;
  const invitations = await all(client, InvitationTable.entitySet, [
    InvitationTable.primaryId,
    inviteContact,
  ]);
  const emails = await all(client, EmailTable.entitySet, [EmailTable.primaryId, regarding]);
  const emailsPerInvitation = new Map<string, number>();
  for (const e of emails) {
    const id = String(e[regarding]);
    emailsPerInvitation.set(id, (emailsPerInvitation.get(id) ?? 0) + 1);
  }
  const result: ContactCounts = { invitations: new Map(), emails: new Map(), totalEmails: 0 };
  const wanted = new Set(contacts.map((c) => c.id));
  for (const c of contacts) {
    result.invitations.set(c.id, 0);
    result.emails.set(c.id, 0);
  }
  for (const invitation of invitations) {
    const contact = String(invitation[inviteContact]);
    if (!wanted.has(contact)) continue;
    const sent = emailsPerInvitation.get(String(invitation[InvitationTable.primaryId])) ?? 0;
    result.invitations.set(contact, (result.invitations.get(contact) ?? 0) + 1);
    result.emails.set(contact, (result.emails.get(contact) ?? 0) + sent);
    result.totalEmails += sent;
  }
  return result;
}

/** How many contacts have each count, e.g. `{ 1: 120 }` when every contact has exactly one. */
export function histogram(counts: Map<string, number>): Record<number, number> {
  const result: Record<number, number> = {};
  for (const n of counts.values()) result[n] = (result[n] ?? 0) + 1;
  return result;
}

/** A number printed on a label line of the human summary (`Sent now:   12`). */
export function summaryNumber(stdout: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+(\\d+)$`, 'm').exec(stdout);
  if (!match) throw new Error(`No "${label}" line in:\n${stdout}`);
  return Number(match[1]);
}
