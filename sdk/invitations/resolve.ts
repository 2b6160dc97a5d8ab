/**
 * Turning what an administrator types (a contact id or e-mail, an account / workflow id or name, a
 * site and its web roles) into ids: one query per kind for a whole set of references.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  AccountTable,
  ContactState,
  ContactTable,
  toContactRecord,
  toWorkflowRecord,
  WorkflowState,
  WorkflowTable,
  WorkflowType,
  type TableDefinition,
} from '../entities/index';
import {
  chooseSiteRoles,
  loadSiteDirectory,
  lookupWebRoles,
  type Site,
  type SiteRoleRequest,
  type SiteWebRole,
} from '../sites/index';
import { InvitationError } from './errors';
import { anyOf, isGuid, normalizeGuid, queryAll, queryAnyOf } from './odata';

const contact = ContactTable.columns;
const workflow = WorkflowTable.columns;

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
  client: DataverseApi,
  refs: Iterable<string>,
): Promise<Resolution<ContactRef>> {
  const keys = [...new Set([...refs].map(refKey))];
  const ids = keys.filter(isGuid);
  const emails = keys.filter((k) => !isGuid(k));
  const found = new Map<string, ContactRef>();
  const problems = new Map<string, string>();
  if (keys.length === 0) return { found, problems };
  const terms = [
    ...ids.map((id) => anyOf(contact.id, [id], 'guid')),
    ...emails.map((e) => anyOf(contact.email, [e])),
  ];
  const rows = await queryAnyOf(client, ContactTable.entitySet, {
    select: [contact.id, contact.email],
    terms,
    where: `${contact.state} eq ${ContactState.Active}`,
  });
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
  const { id, email } = toContactRecord(row);
  return { id: normalizeGuid(id), email: email || undefined };
}

/** A table that can be referred to by id or by its primary name. */
export interface NamedTable {
  /** Its names: rows are found by `primaryId` or `primaryName`. */
  table: Pick<TableDefinition, 'entitySet' | 'primaryId' | 'primaryName'>;
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
export const AccountRefs: NamedTable = { table: AccountTable, label: 'account' };
/**
 * Redemption workflows by id or name: activated workflow definitions (type 1, Activated). One
 * whose primary entity is not contact is found but refused, since it runs on the redeeming
 * contact (ExecuteWorkflow with the contact's id); the message says which table it runs on.
 */
export const WorkflowRefs: NamedTable = {
  table: WorkflowTable,
  label: 'workflow',
  filter: `${workflow.type} eq ${WorkflowType.Definition} and ${workflow.state} eq ${WorkflowState.Activated}`,
  select: [workflow.primaryEntity],
  refuse: (row) => {
    const entity = toWorkflowRecord(row).primaryEntity;
    const wanted = ContactTable.logicalName;
    return entity === wanted
      ? undefined
      : `runs on ${entity || 'no table'}, not ${wanted}; a redemption workflow must have primary entity ${wanted}`;
  },
};

/** Resolves ids or names of one table in one query; a name shared by several rows is a problem. */
export async function resolveNamed(
  client: DataverseApi,
  named: NamedTable,
  refs: Iterable<string>,
): Promise<Resolution<string>> {
  const { entitySet, primaryId, primaryName } = named.table;
  const keys = [...new Set([...refs].map(refKey))];
  const found = new Map<string, string>();
  const problems = new Map<string, string>();
  if (keys.length === 0) return { found, problems };
  const ids = keys.filter(isGuid);
  const names = [...new Set([...refs].filter((r) => !isGuid(r)).map((r) => r.trim()))];
  const parts = [
    ids.length ? anyOf(primaryId, ids, 'guid') : '',
    names.length ? anyOf(primaryName, names) : '',
  ];
  let filter = parts.filter(Boolean).join(' or ');
  if (named.filter) filter = `${named.filter} and (${filter})`;
  const rows = await queryAll(client, entitySet, {
    select: [primaryId, primaryName, ...(named.select ?? [])],
    filter,
  });
  const byName = new Map<string, string[]>();
  const idSet = new Set<string>();
  const refused = new Map<string, string>();
  for (const row of rows) {
    const id = normalizeGuid(String(row[primaryId]));
    const why = named.refuse?.(row);
    if (why) refused.set(id, why);
    idSet.add(id);
    const name = String(row[primaryName] ?? '').toLowerCase();
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
        `ambiguous: ${matches.length} ${named.label}s are named so (${matches.join(', ')}); use the id`,
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

/** The site an invitation is for and the web roles it grants. */
export interface SiteRoles {
  site?: Site;
  roles: SiteWebRole[];
}

/**
 * The site and web roles of one invitation (see `CreateInvitationInput.site` for the rule): the
 * sites of both data models and the roles by name or id, read together (up to four requests in one
 * round trip); nothing at all when neither a site nor a role is asked for.
 * @throws InvitationError('invalid') naming every reference that cannot be used and how to fix it
 */
export async function resolveSiteRoles(client: DataverseApi, request: SiteRoleRequest): Promise<SiteRoles> {
  const roles = request.roles ?? [];
  if (request.site === undefined && roles.length === 0) return { roles: [] };
  const [directory, matches] = await Promise.all([
    loadSiteDirectory(client),
    lookupWebRoles(client, undefined, roles),
  ]);
  const choice = chooseSiteRoles(directory, matches, request);
  if (choice.problems) {
    throw new InvitationError(
      'invalid',
      `Cannot choose the invitation's site and web roles: ${choice.problems.join('; ')}. ${choice.hint}`,
    );
  }
  return { site: choice.site, roles: choice.roles };
}
