/**
 * Creating one invitation: resolve every reference once (one query per kind; the site and its web
 * roles in both data models), check the rules, write the row with its site lookup and N:N links in
 * one request.
 */
import { randomUUID } from 'node:crypto';
import type { DataverseApi } from '../client/api';
import {
  ContactTable,
  InvitationTable,
  invitationSelect,
  invitationToWebApi,
  SystemUserTable,
  toInvitationRecord,
} from '../entities/index';
import { generateInvitationCode } from './codes';
import { InvitationError } from './errors';
import { isGuid, normalizeGuid } from './odata';
import {
  AccountRefs,
  assertResolved,
  refKey,
  resolveContacts,
  resolveNamed,
  resolveSiteRoles,
  WorkflowRefs,
  type Resolution,
} from './resolve';
import { defaultName, draftOf, invitationFieldsOf, type ResolvedInvitation } from './resolved-invitation';
import type { CreatedInvitation, CreateInvitationInput } from './types';
import { validateNewInvitation } from './validate';

/** The contact references of an input: `contacts`, else `contact`. */
export function contactRefsOf(input: CreateInvitationInput): string[] {
  return input.contacts ?? (input.contact ? [input.contact] : []);
}

/** Creates one invitation; throws InvitationError('invalid') naming whatever could not be resolved. */
export async function createInvitation(
  client: DataverseApi,
  input: CreateInvitationInput,
  now: () => number,
): Promise<CreatedInvitation> {
  const contactRefs = contactRefsOf(input);
  if (input.type !== 'single' && input.type !== 'group') {
    throw new InvitationError(
      'invalid',
      `Invitation type "${String(input.type)}" is not known; use "single" or "group".`,
    );
  }
  if (input.type === 'single' && contactRefs.length !== 1) {
    throw new InvitationError(
      'invalid',
      `A single invitation is for exactly one contact (id or e-mail); got ${contactRefs.length}. Use a group invitation for several.`,
    );
  }
  if (input.owner && !isGuid(input.owner)) {
    throw new InvitationError(
      'invalid',
      `Owner "${input.owner}" is not a ${SystemUserTable.logicalName} id (GUID).`,
    );
  }
  const [contacts, account, siteRoles, workflow] = await Promise.all([
    resolveContacts(client, input.inviter ? [...contactRefs, input.inviter] : contactRefs),
    resolveNamed(client, AccountRefs, input.account ? [input.account] : []),
    resolveSiteRoles(client, { site: input.site, roles: input.webRoles }),
    resolveNamed(client, WorkflowRefs, input.redemptionWorkflow ? [input.redemptionWorkflow] : []),
  ]);
  assertResolved(
    'contact',
    contacts,
    `Create the contact first, or check the id / ${ContactTable.columns.email}.`,
  );
  assertResolved(AccountRefs.label, account, 'Check the account id or its exact name.');
  assertResolved(WorkflowRefs.label, workflow, 'Use the id or name of an activated workflow definition.');

  const contactIds = unique(contactRefs.map((ref) => contacts.found.get(refKey(ref))!.id));
  const resolved: ResolvedInvitation = {
    id: input.id ? normalizeGuid(input.id) : randomUUID(),
    type: input.type,
    name: input.name ?? defaultName(input.type, contactRefs),
    code: input.code ?? generateInvitationCode(),
    expiresOn: input.expiresOn,
    maximumRedemptions: input.type === 'single' ? 1 : (input.maxRedemptions ?? null),
    inviteContactId: input.type === 'single' ? contactIds[0] : undefined,
    inviteContactIds: contactIds,
    inviterContactId: input.inviter ? contacts.found.get(refKey(input.inviter))!.id : undefined,
    ownerId: input.owner ? normalizeGuid(input.owner) : undefined,
    accountId: first(account, input.account),
    site: siteRoles.site,
    webRoles: siteRoles.roles,
    redemptionWorkflowId: first(workflow, input.redemptionWorkflow),
  };
  if (input.type === 'single' && input.maxRedemptions != null && input.maxRedemptions !== 1) {
    resolved.maximumRedemptions = input.maxRedemptions;
  }
  const knownContacts = new Map([...contacts.found.values()].map((c) => [c.id, c.email] as const));
  await validateNewInvitation(client, draftOf(resolved), {
    now,
    knownContacts,
    codeIsFresh: input.code === undefined,
  });

  const row = await client.create(
    InvitationTable.entitySet,
    invitationToWebApi(invitationFieldsOf(resolved)),
    {
      returnRepresentation: true,
      select: invitationSelect,
      id: resolved.id,
    },
  );
  const fields = invitationFieldsOf(resolved);
  return {
    ...toInvitationRecord(row),
    ...(fields.websiteId ? { websiteId: fields.websiteId } : {}),
    ...(fields.powerPageSiteId ? { powerPageSiteId: fields.powerPageSiteId } : {}),
    webRoleIds: resolved.webRoles.map((r) => r.id),
    inviteContactIds: contactIds,
    ...(resolved.site ? { site: resolved.site } : {}),
    webRoles: resolved.webRoles,
  };
}

function first(resolution: Resolution<string>, ref: string | undefined): string | undefined {
  return ref ? resolution.found.get(refKey(ref)) : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
