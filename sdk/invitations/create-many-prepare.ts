/**
 * Preparing one chunk of a bulk create: check each row, resolve every reference of the chunk with
 * one query per kind (contacts by e-mail in one query; accounts, workflows, the sites and the web
 * roles of both data models cached for the whole run), and turn each row into a resolved
 * invitation or a reason it cannot be made.
 */
import { randomUUID } from 'node:crypto';
import type { DataverseApi } from '../client/api';
import { ContactTable, InvitationTable, SystemUserTable, toInvitationRecord } from '../entities/index';
import {
  chooseSiteRoles,
  loadSiteDirectory,
  lookupWebRoles,
  roleKey,
  type SiteDirectory,
  type SiteRoleChoice,
  type SiteRoleRequest,
  type SiteWebRole,
} from '../sites/index';
import { generateInvitationCode } from './codes';
import { contactRefsOf } from './create';
import { InvitationError } from './errors';
import { anyOf, isGuid, normalizeGuid, queryAnyOf } from './odata';
import {
  AccountRefs,
  looksLikeEmail,
  refKey,
  resolveContacts,
  resolveNamed,
  WorkflowRefs,
  type NamedTable,
} from './resolve';
import { defaultName, draftOf, type ResolvedInvitation } from './resolved-invitation';
import type { CreateInvitationInput } from './types';
import { checkInvitationShape } from './validate';

/** A row of the input with its position. */
export interface IndexedRow {
  index: number;
  input: CreateInvitationInput;
}

/** A row ready to write, or the reason it cannot be. */
export interface PreparedRow {
  index: number;
  resolved?: ResolvedInvitation;
  failure?: string;
}

/**
 * The sites (read once per run, and only when a row names a site or a role) and the web roles
 * looked up so far, by reference, in both data models.
 */
export class SiteRoleCache {
  private directory?: Promise<SiteDirectory>;
  private readonly matches = new Map<string, SiteWebRole[]>();
  private sites?: SiteDirectory;

  /** Reads the sites (first time) and the roles not looked up yet, together. */
  async ensure(client: DataverseApi, requests: SiteRoleRequest[]): Promise<void> {
    if (!requests.some((r) => r.site !== undefined || (r.roles?.length ?? 0) > 0)) return;
    this.directory ??= loadSiteDirectory(client);
    const fresh = [...new Set(requests.flatMap((r) => r.roles ?? []))].filter(
      (r) => !this.matches.has(roleKey(r)),
    );
    const [directory, found] = await Promise.all([
      this.directory,
      fresh.length ? lookupWebRoles(client, this.sites?.models, fresh) : new Map<string, SiteWebRole[]>(),
    ]);
    this.sites = directory;
    for (const [key, roles] of found) this.matches.set(key, roles);
  }

  /** The site and roles of one row (see role-choice.ts); {@link ensure} must have seen it. */
  choose(request: SiteRoleRequest): SiteRoleChoice {
    if (request.site === undefined && !request.roles?.length) return { roles: [] };
    return chooseSiteRoles(
      this.sites ?? { sites: [], models: { standard: false, enhanced: false } },
      this.matches,
      request,
    );
  }
}

/** Account and workflow references resolved so far in a run (few distinct values). */
export class NamedRefCache {
  private readonly known = new Map<NamedTable, Map<string, { id?: string; problem?: string }>>();

  /** Resolves the references not seen yet, one query per table. */
  async ensure(client: DataverseApi, table: NamedTable, refs: Iterable<string>): Promise<void> {
    const cache = this.known.get(table) ?? new Map<string, { id?: string; problem?: string }>();
    this.known.set(table, cache);
    const fresh = [...new Set([...refs].filter((r) => !cache.has(refKey(r))))];
    if (fresh.length === 0) return;
    const { found, problems } = await resolveNamed(client, table, fresh);
    for (const [key, id] of found) cache.set(key, { id });
    for (const [key, problem] of problems) cache.set(key, { problem });
  }

  /** The id of a reference; InvitationError('invalid') saying why when it has none. */
  get(table: NamedTable, ref: string): string {
    const entry = this.known.get(table)?.get(refKey(ref));
    if (entry?.id) return entry.id;
    throw rowProblem(`unknown ${table.label} "${ref}" (${entry?.problem ?? 'not found'})`);
  }
}

/** One chunk of a bulk create to prepare. */
export interface ChunkToPrepare {
  rows: IndexedRow[];
  /** Account and workflow references resolved earlier in the run. */
  cache: NamedRefCache;
  /** Sites and web roles read earlier in the run. */
  siteRoles: SiteRoleCache;
  /** The clock (epoch ms) expiry dates are checked against. */
  now: number;
}

/** Checks, resolves and validates a chunk: a handful of queries however many rows it holds. */
export async function prepareChunk(
  client: DataverseApi,
  { rows, cache, siteRoles, now }: ChunkToPrepare,
): Promise<PreparedRow[]> {
  const ok = rows.filter((row) => precheck(row.input) === undefined);
  const all = (pick: (input: CreateInvitationInput) => (string | undefined)[]): string[] =>
    ok.flatMap((row) => pick(row.input)).filter((v): v is string => !!v);
  const givenCodes = all((i) => [i.code]);
  const [contacts, takenCodes] = await Promise.all([
    resolveContacts(
      client,
      all((i) => [...contactRefsOf(i), i.inviter]),
    ),
    existingCodes(client, givenCodes),
    cache.ensure(
      client,
      AccountRefs,
      all((i) => [i.account]),
    ),
    siteRoles.ensure(
      client,
      ok.map(({ input }) => ({ site: input.site, roles: input.webRoles })),
    ),
    cache.ensure(
      client,
      WorkflowRefs,
      all((i) => [i.redemptionWorkflow]),
    ),
  ]);
  const codesInChunk = new Set<string>();
  return rows.map(({ index, input }): PreparedRow => {
    const problem = precheck(input);
    if (problem) return { index, failure: problem };
    try {
      const contactRef = (ref: string): { id: string; email?: string } => {
        const found = contacts.found.get(refKey(ref));
        if (!found)
          throw rowProblem(`unknown contact "${ref}" (${contacts.problems.get(refKey(ref)) ?? 'not found'})`);
        return found;
      };
      const invited = contactRefsOf(input).map(contactRef);
      if (input.type === 'single' && !invited[0].email?.trim()) {
        throw rowProblem(
          `contact ${invited[0].id} has no ${ContactTable.columns.email}; add one so the invitation can be sent`,
        );
      }
      const choice = siteRoles.choose({ site: input.site, roles: input.webRoles });
      if (choice.problems) throw rowProblem(`${choice.problems.join('; ')} (${choice.hint})`);
      if (input.code !== undefined) {
        if (takenCodes.has(input.code) || codesInChunk.has(input.code))
          throw rowProblem('the code is already used by another invitation');
        codesInChunk.add(input.code);
      }
      const resolved: ResolvedInvitation = {
        id: input.id ? normalizeGuid(input.id) : randomUUID(),
        type: input.type,
        name: input.name ?? defaultName(input.type, contactRefsOf(input)),
        code: input.code ?? generateInvitationCode(),
        expiresOn: input.expiresOn,
        maximumRedemptions:
          input.type === 'single' ? (input.maxRedemptions ?? 1) : (input.maxRedemptions ?? null),
        inviteContactId: input.type === 'single' ? invited[0].id : undefined,
        inviteContactIds: [...new Set(invited.map((c) => c.id))],
        inviterContactId: input.inviter ? contactRef(input.inviter).id : undefined,
        ownerId: input.owner ? normalizeGuid(input.owner) : undefined,
        accountId: input.account ? cache.get(AccountRefs, input.account) : undefined,
        site: choice.site,
        webRoles: choice.roles,
        redemptionWorkflowId: input.redemptionWorkflow
          ? cache.get(WorkflowRefs, input.redemptionWorkflow)
          : undefined,
      };
      checkInvitationShape(draftOf(resolved), now);
      return { index, resolved };
    } catch (error) {
      return { index, failure: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** Why a row cannot be made, from the row alone; undefined when it looks fine. */
export function precheck(input: CreateInvitationInput): string | undefined {
  if (input.type !== 'single' && input.type !== 'group')
    return `unknown type "${String(input.type)}" (use single or group)`;
  const refs = contactRefsOf(input);
  if (input.type === 'single' && refs.length !== 1)
    return `a single invitation needs exactly one contact, got ${refs.length}`;
  for (const ref of [...refs, ...(input.inviter ? [input.inviter] : [])]) {
    if (!isGuid(ref) && !looksLikeEmail(ref))
      return `invalid e-mail "${ref}" (give a contact id or an e-mail address)`;
  }
  if (input.owner && !isGuid(input.owner))
    return `owner "${input.owner}" is not a ${SystemUserTable.logicalName} id`;
  if (input.id && !isGuid(input.id)) return `id "${input.id}" is not a GUID`;
  return undefined;
}

async function existingCodes(client: DataverseApi, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const { code } = InvitationTable.columns;
  const terms = [...new Set(codes)].map((value) => anyOf(code, [value]));
  const rows = await queryAnyOf(client, InvitationTable.entitySet, { select: [code], terms });
  // Dataverse compares strings without case; codes are case-sensitive.
  const wanted = new Set(codes);
  return new Set(
    rows
      .map((row) => toInvitationRecord(row).code)
      .filter((c): c is string => c !== undefined && wanted.has(c)),
  );
}

/** Why one row of a bulk create cannot be made (reported as its failure, never thrown out). */
function rowProblem(message: string): InvitationError {
  return new InvitationError('invalid', message);
}
