/**
 * An invitation about to be created, with every reference (contacts, account, web roles, workflow)
 * resolved to an id: what the one-at-a-time create and the bulk create both build, check and turn
 * into `InvitationFields` for the adx_invitation mapper.
 */
import { InvitationType, type InvitationFields } from '../entities/index';
import type { Site, SiteWebRole } from '../sites/index';
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
  /** Every invited contact (a Single's one contact too); only a Group links them (N:N). */
  inviteContactIds: string[];
  inviterContactId?: string;
  ownerId?: string;
  accountId?: string;
  /** The site the invitation is for (its lookup is the site's data model's). */
  site?: Site;
  /** The web roles granted, each linked through its data model's N:N. */
  webRoles: SiteWebRole[];
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

/**
 * The mapper fields of a new invitation: its columns and lookups (the site's in its data model)
 * with no redemptions yet, and its N:N links (the group's invited contacts, the web roles of each
 * data model) in `inviteContactIds` / `webRoleIds` / `powerPageWebRoleIds`.
 */
export function invitationFieldsOf(inv: ResolvedInvitation): InvitationFields {
  const rolesOf = (model: SiteWebRole['dataModel']) =>
    inv.webRoles.filter((r) => r.dataModel === model).map((r) => r.id);
  return {
    id: inv.id,
    name: inv.name,
    type: inv.type,
    code: inv.code,
    expiresOn: inv.expiresOn,
    maximumRedemptions: inv.maximumRedemptions,
    redemptions: 0,
    inviteContactId: inv.inviteContactId,
    inviterContactId: inv.inviterContactId,
    accountId: inv.accountId,
    redemptionWorkflowId: inv.redemptionWorkflowId,
    ownerId: inv.ownerId,
    ...(inv.site?.dataModel === 'standard' ? { websiteId: inv.site.id } : {}),
    ...(inv.site?.dataModel === 'enhanced' ? { powerPageSiteId: inv.site.id } : {}),
    inviteContactIds: inv.type === 'group' ? inv.inviteContactIds : [],
    webRoleIds: rolesOf('standard'),
    powerPageWebRoleIds: rolesOf('enhanced'),
  };
}

/** Default adx_name. */
export function defaultName(type: 'single' | 'group', contacts: string[]): string {
  if (type === 'single') return `Invitation for ${contacts[0] ?? 'anyone with the code'}`;
  return `Group invitation (${contacts.length} contact${contacts.length === 1 ? '' : 's'})`;
}
