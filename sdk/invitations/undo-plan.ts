/**
 * What undoing a redemption changes, decided on what undo-read.ts read (no I/O): the count goes
 * down by one, the contact leaves the redeemed contact(s), a Redeemed status goes back to Sent (or
 * New when it was never e-mailed), the web roles the invitation granted are taken away except those
 * another redeemed invitation of the contact grants too, and the sign-in row the redemption
 * created (or the local account it registered) is removed. The account (parentcustomerid) and a
 * workflow that ran are left as they are.
 */
import { ActivityState, InvitationState, type InvitationRecord } from '../entities/index';
import { DATA_MODELS, type DataModel } from '../sites/types';
import { InvitationError } from './errors';
import { RedemptionInProgressError } from './redemption-claim-options';
import type { UndoFacts } from './undo-read';

/** A web role undo takes away, or keeps. */
export interface UndoRole {
  id: string;
  name: string;
  dataModel: DataModel;
}

/** A role undo keeps because other redeemed invitations of the contact grant it too. */
export interface KeptRole extends UndoRole {
  /** Those invitations' ids. */
  grantedBy: string[];
}

/** What undo changes (or, in a dry run, would change). */
export interface UndoPlan {
  redemptionId: string;
  invitationId: string;
  contactId: string;
  redemptions: { before: number; after: number };
  status: { before: InvitationRecord['status']; after: InvitationRecord['status'] };
  /** The contact is removed as the Single's redeemed contact or from the Group's redeemed contacts. */
  redeemedContactRemoved: boolean;
  rolesRemoved: UndoRole[];
  rolesKept: KeptRole[];
  /** The sign-in row the redemption created, removed (the contact gets a new security stamp). */
  identityRemoved?: { id: string; provider: string; subject: string };
  /**
   * The local portal account the redemption registered (its username and password hash are
   * cleared, with a new security stamp). The username stays claimed by the canceled redemption.
   */
  localAccountRemoved?: { username: string };
}

/**
 * Decides the undo of a redemption at `now` (epoch ms).
 * @throws InvitationError `invalid` for a redemption already undone (canceled)
 * @throws RedemptionInProgressError while its grants are being applied (an apply claim holds)
 */
export function planUndo(facts: UndoFacts, now: number): UndoPlan {
  const { redemption, invitation } = facts;
  if (redemption.state === ActivityState.Canceled) {
    throw new InvitationError(
      'invalid',
      `Redemption ${redemption.id} was already undone (its activity is canceled); nothing was changed.`,
    );
  }
  if (
    redemption.state === ActivityState.Open &&
    redemption.leaseUntil &&
    redemption.leaseUntil.getTime() > now
  ) {
    throw new RedemptionInProgressError(redemption.id, redemption.leaseUntil);
  }
  const { record } = invitation;
  const before = record.status;
  const after =
    invitation.state === InvitationState.Inactive || before !== 'redeemed'
      ? before
      : invitation.sent
        ? 'sent'
        : 'new';
  const rolesRemoved: UndoRole[] = [];
  const rolesKept: KeptRole[] = [];
  for (const dataModel of DATA_MODELS) {
    const held = new Set(facts.held[dataModel] ?? []);
    for (const id of facts.granted[dataModel] ?? []) {
      if (!held.has(id)) continue;
      const role = { id, name: facts.roleNames.get(id) ?? '', dataModel };
      const grantedBy = facts.otherGrants.get(id);
      if (grantedBy?.length) rolesKept.push({ ...role, grantedBy });
      else rolesRemoved.push(role);
    }
  }
  const identity = facts.identity;
  return {
    redemptionId: redemption.id,
    invitationId: redemption.invitationId,
    contactId: redemption.contactId,
    redemptions: { before: record.redemptions, after: Math.max(0, record.redemptions - 1) },
    status: { before, after },
    redeemedContactRemoved: invitation.contactRecorded,
    rolesRemoved,
    rolesKept,
    ...(identity && identity.contactId === redemption.contactId
      ? { identityRemoved: { id: identity.id, provider: identity.provider, subject: identity.subject } }
      : {}),
    ...(facts.registeredUsername ? { localAccountRemoved: { username: facts.registeredUsername } } : {}),
  };
}

function roleText(role: UndoRole): string {
  return `${role.name || role.id} (${role.dataModel} data model, ${role.id})`;
}

/** The note recorded on the invitation: what was undone, when, and what was kept and why. */
export function undoNoteText(plan: UndoPlan, at: number): string {
  const lines = [
    `Redemption ${plan.redemptionId} by contact ${plan.contactId} was undone on ${new Date(at).toISOString()}.`,
    `Redemptions: ${plan.redemptions.before} → ${plan.redemptions.after}.`,
    `Status: ${plan.status.before} → ${plan.status.after}.`,
    plan.redeemedContactRemoved
      ? `Contact ${plan.contactId} is no longer recorded as having redeemed it.`
      : `Contact ${plan.contactId} was not recorded as having redeemed it.`,
    `Web roles removed: ${plan.rolesRemoved.map(roleText).join(', ') || 'none'}.`,
  ];
  for (const role of plan.rolesKept) {
    lines.push(`Web role kept: ${roleText(role)}, also granted by invitation ${role.grantedBy.join(', ')}.`);
  }
  lines.push(
    plan.identityRemoved
      ? `Sign-in removed: ${plan.identityRemoved.subject} of ${plan.identityRemoved.provider} (adx_externalidentity ${plan.identityRemoved.id}); the contact got a new security stamp.`
      : 'Sign-in removed: none (the redemption linked none, or it was unlinked already).',
  );
  if (plan.localAccountRemoved) {
    lines.push(
      `Local portal account removed: username "${plan.localAccountRemoved.username}" and its password; the contact got a new security stamp.`,
    );
  }
  lines.push('The contact, its account and anything a redemption workflow did are left as they are.');
  return lines.join('\n');
}
