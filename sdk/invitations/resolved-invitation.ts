/**
 * The Web API body of a new invitation, from input whose references are already resolved. Shared
 * by the one-at-a-time create (N:N set with `@odata.bind` arrays) and the bulk create (N:N
 * associated afterwards, see create-many-associations.ts).
 */
import type { WebApiRecord } from '../client/types';
import { invitationToWebApi } from '../entities/index';
import { Contact, Inv, InvitationType, WebRole } from './names';
import type { InvitationDraft } from './validate';

/** An invitation with every reference resolved to an id. */
export interface ResolvedInvitation {
  id: string;
  type: 'single' | 'group';
  name: string;
  code: string;
  expiresOn?: Date | string;
  maximumRedemptions: number | null;
  inviteContactId?: string;
  inviteContactIds: string[];
  inviterContactId?: string;
  ownerId?: string;
  accountId?: string;
  webRoleIds: string[];
  redemptionWorkflowId?: string;
}

/** The draft {@link validateNewInvitation} checks for a resolved invitation. */
export function draftOf(inv: ResolvedInvitation): InvitationDraft {
  return {
    id: inv.id,
    type: inv.type === 'group' ? InvitationType.Group : InvitationType.Single,
    code: inv.code,
    maximumRedemptions: inv.maximumRedemptions,
    expiresOn: inv.expiresOn ?? null,
    inviteContactId: inv.inviteContactId ?? null,
  };
}

/** Columns and lookups of the invitation; with `relationships`, also the N:N binds. */
export function invitationBody(inv: ResolvedInvitation, options: { relationships: boolean }): WebApiRecord {
  const body = invitationToWebApi({
    id: inv.id,
    name: inv.name,
    type: inv.type,
    code: inv.code,
    expiresOn: inv.expiresOn === undefined ? undefined : new Date(inv.expiresOn),
    maximumRedemptions: inv.maximumRedemptions,
    redemptions: 0,
    inviteContactId: inv.inviteContactId,
    inviterContactId: inv.inviterContactId,
    accountId: inv.accountId,
    redemptionWorkflowId: inv.redemptionWorkflowId,
    ownerId: inv.ownerId,
  });
  if (options.relationships) {
    if (inv.type === 'group' && inv.inviteContactIds.length > 0) {
      body[`${Inv.rel.inviteContacts}@odata.bind`] = inv.inviteContactIds.map(
        (id) => `/${Contact.entitySet}(${id})`,
      );
    }
    if (inv.webRoleIds.length > 0) {
      body[`${Inv.rel.webRoles}@odata.bind`] = inv.webRoleIds.map((id) => `/${WebRole.entitySet}(${id})`);
    }
  }
  return body;
}

/** The N:N associations an invitation needs: [navigation property, entity set, id]. */
export function invitationAssociations(inv: ResolvedInvitation): [string, string, string][] {
  const links: [string, string, string][] = [];
  if (inv.type === 'group') {
    for (const id of inv.inviteContactIds) links.push([Inv.rel.inviteContacts, Contact.entitySet, id]);
  }
  for (const id of inv.webRoleIds) links.push([Inv.rel.webRoles, WebRole.entitySet, id]);
  return links;
}

/** Default adx_name. */
export function defaultName(type: 'single' | 'group', contacts: string[]): string {
  if (type === 'single') return `Invitation for ${contacts[0] ?? 'anyone with the code'}`;
  return `Group invitation (${contacts.length} contact${contacts.length === 1 ? '' : 's'})`;
}
