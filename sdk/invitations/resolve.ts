/**
 * Turning what an administrator types (a contact id or e-mail, an account / web role / workflow id
 * or name) into ids: one query per kind for a whole set of references.
 */
import type { DataverseClient } from '../client/index';
import type { WebApiRecord } from '../client/types';
import { InvitationError } from './errors';
import { Account, Contact, WebRole, Workflow } from './names';
import { anyOf, isGuid, normalizeGuid, queryAll, queryAnyOf } from './odata';

/** A contact as the invitation service needs it. */
export interface ContactRef {
  id: string;
  email?: string;
}

/** The outcome of resolving references: found ones by reference, and why the others were not. */
export interface Resolution<T> {
  found: Map<string, T>;
  /** reference → why it could not be used ('not found', 'ambiguous: …'). */
  problems: Map<string, string>;
}

/** The key a reference is stored under: GUIDs normalised, e-mails and names lower-cased. */
export function refKey(ref: string): string {
  return isGuid(ref) ? normalizeGuid(ref) : ref.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for something shaped like an e-mail address. */
export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** Resolves contact ids and e-mail addresses (emailaddress1, Active contacts) in one query. */
export async function resolveContacts(
  client: DataverseClient,
  refs: Iterable<string>,
): Promise<Resolution<ContactRef>> {
  const keys = [...new Set([...refs].map(refKey))];
  const ids = keys.filter(isGuid);
  const emails = keys.filter((k) => !isGuid(k));
  const found = new Map<string, ContactRef>();
  const problems = new Map<string, string>();
  if (keys.length === 0) return { found, problems };
  const terms = [
    ...ids.map((id) => anyOf(Contact.id, [id], 'guid')),
    ...emails.map((e) => anyOf(Contact.email, [e])),
  ];
  const rows = await queryAnyOf(
    client,
    Contact.entitySet,
    [Contact.id, Contact.email],
    terms,
    'statecode eq 0',
  );
  const byEmail = new Map<string, ContactRef[]>();
  for (const row of rows) {
    const contact = toContactRef(row);
    found.set(contact.id, contact);
    if (contact.email) {
      const key = contact.email.trim().toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), contact]);
    }
  }
  for (const key of ids) if (!found.has(key)) problems.set(key, 'not found');
  for (const key of emails) {
    const matches = byEmail.get(key) ?? [];
    if (matches.length === 1) found.set(key, matches[0]);
    else if (matches.length === 0) problems.set(key, 'not found');
    else
      problems.set(
        key,
        `ambiguous: ${matches.length} contacts have this e-mail (${matches.map((m) => m.id).join(', ')})`,
      );
  }
  const wanted = new Set(keys);
  for (const key of [...found.keys()]) if (!wanted.has(key)) found.delete(key);
  return { found, problems };
}

function toContactRef(row: WebApiRecord): ContactRef {
  const email = row[Contact.email];
  return {
    id: normalizeGuid(String(row[Contact.id])),
    email: typeof email === 'string' && email ? email : undefined,
  };
}

/** A table that can be referred to by id or by its primary name. */
export interface NamedTable {
  entitySet: string;
  id: string;
  name: string;
  /** Extra filter, e.g. only activated workflow definitions. */
  filter?: string;
  /** Extra columns read for {@link NamedTable.refuse}. */
  select?: string[];
  /** Why a matching row cannot be used (it becomes a problem), or undefined when it can. */
  refuse?: (row: WebApiRecord) => string | undefined;
  /** Words for messages: "web role". */
  label: string;
}

/** Accounts by id or name. */
export const AccountRefs: NamedTable = {
  entitySet: Account.entitySet,
  id: Account.id,
  name: Account.name,
  label: 'account',
};
/** Web roles by id or name. */
export const WebRoleRefs: NamedTable = {
  entitySet: WebRole.entitySet,
  id: WebRole.id,
  name: WebRole.name,
  label: 'web role',
};
/**
 * Redemption workflows by id or name: activated workflow definitions (type 1, Activated). One
 * whose primary entity is not contact is found but refused, since it runs on the redeeming
 * contact (ExecuteWorkflow with the contact's id); the message says which table it runs on.
 */
export const WorkflowRefs: NamedTable = {
  entitySet: Workflow.entitySet,
  id: Workflow.id,
  name: Workflow.name,
  label: 'workflow',
  filter: `${Workflow.type} eq ${Workflow.definitionType} and ${Workflow.state} eq ${Workflow.activatedState}`,
  select: [Workflow.primaryEntity],
  refuse: (row) => {
    const entity = String(row[Workflow.primaryEntity] ?? '');
    return entity === Contact.logicalName
      ? undefined
      : `runs on ${entity || 'no table'}, not contact; a redemption workflow must have primary entity contact`;
  },
};

/** Resolves ids or names of one table in one query; a name shared by several rows is a problem. */
export async function resolveNamed(
  client: DataverseClient,
  table: NamedTable,
  refs: Iterable<string>,
): Promise<Resolution<string>> {
  const keys = [...new Set([...refs].map(refKey))];
  const found = new Map<string, string>();
  const problems = new Map<string, string>();
  if (keys.length === 0) return { found, problems };
  const ids = keys.filter(isGuid);
  const names = [...new Set([...refs].filter((r) => !isGuid(r)).map((r) => r.trim()))];
  const parts = [
    ids.length ? anyOf(table.id, ids, 'guid') : '',
    names.length ? anyOf(table.name, names) : '',
  ];
  let filter = parts.filter(Boolean).join(' or ');
  if (table.filter) filter = `${table.filter} and (${filter})`;
  const rows = await queryAll(client, table.entitySet, {
    select: [table.id, table.name, ...(table.select ?? [])],
    filter,
  });
  const byName = new Map<string, string[]>();
  const idSet = new Set<string>();
  const refused = new Map<string, string>();
  for (const row of rows) {
    const id = normalizeGuid(String(row[table.id]));
    const why = table.refuse?.(row);
    if (why) refused.set(id, why);
    idSet.add(id);
    const name = String(row[table.name] ?? '').toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  for (const key of keys) {
    if (isGuid(key)) {
      if (idSet.has(key)) found.set(key, key);
      else problems.set(key, 'not found');
      continue;
    }
    const matches = byName.get(key) ?? [];
    if (matches.length === 1) found.set(key, matches[0]);
    else if (matches.length === 0) problems.set(key, 'not found');
    else
      problems.set(
        key,
        `ambiguous: ${matches.length} ${table.label}s are named so (${matches.join(', ')}); use the id`,
      );
  }
  for (const [key, id] of [...found]) {
    const why = refused.get(id);
    if (why) {
      found.delete(key);
      problems.set(key, why);
    }
  }
  return { found, problems };
}

/** Throws InvitationError('invalid') naming every unusable reference and how to fix it. */
export function assertResolved(label: string, resolution: Resolution<unknown>, hint: string): void {
  if (resolution.problems.size === 0) return;
  const list = [...resolution.problems].map(([ref, why]) => `"${ref}" (${why})`).join(', ');
  throw new InvitationError('invalid', `Unknown ${label}: ${list}. ${hint}`);
}
