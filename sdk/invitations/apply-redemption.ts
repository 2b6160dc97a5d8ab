/**
 * What a redemption grants, applied after the redemption is committed: the contact's parent
 * account, the invitation's web roles, and the redemption workflow run on the contact — once per
 * redemption, however many deliveries, retries, processes or replicas apply it.
 *
 * The work is claimed first on the adx_inviteredemption activity (redemption-claim.ts: an
 * `If-Match` update with a lease), then each effect is applied so that repeating it changes
 * nothing: the account only when not yet set, roles only when not held, the workflow only when the
 * journal shows it was never started (redemption-workflow.ts). Completing the activity ends it.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  ContactTable,
  contactToWebApi,
  InvitationTable,
  toContactRecord,
  toInvitationRecord,
} from '../entities/index';
import { grantInvitationRoles } from '../sites/web-role-grants';
import { NO_CACHE, normalizeGuid } from './odata';
import { ClaimLostError, claimRedemption, type RedemptionClaim } from './redemption-claim';
import {
  claimTiming,
  RedemptionInProgressError,
  type ApplyRedemptionOptions,
} from './redemption-claim-options';
import { recordedJobId, workflowInDoubtSince } from './redemption-claim-journal';
import { findRedemptionId, readRedemptionTarget } from './redemption-target';
import { findWorkflowJob, startWorkflow } from './redemption-workflow';

export type { ApplyRedemptionOptions } from './redemption-claim-options';

/** What {@link applyRedemption} changed. */
export interface ApplyRedemptionResult {
  /** parentcustomerid was set to the invitation's assign-to account. */
  accountAssigned: boolean;
  /** Web role ids newly associated with the contact (roles already held are skipped). */
  rolesAdded: string[];
  /** The redemption workflow was started on the contact. */
  workflowStarted: boolean;
}

/** Which redemption to apply. */
export interface ApplyRedemptionTarget {
  /** The adx_inviteredemption activity, which holds the claim. Found by invitation + contact when omitted. */
  redemptionId?: string;
  invitationId: string;
  contactId: string;
}

const invitationLookups = InvitationTable.lookups;
/** Claims taken in one application: a lost claim means another delivery is finishing the work. */
const MAX_ROUNDS = 3;

/**
 * Applies a redemption's grants once: claims the redemption activity, sets parentcustomerid ←
 * adx_assigntoaccount (when not yet set), grants the invitation's web roles through each role's
 * data model's N:N (skipping held ones; see grantInvitationRoles), runs the redemption workflow on the contact unless a
 * claim already started it, and completes the activity. A redemption already Completed changes
 * nothing; one being applied by another delivery is waited for (and taken over if its holder died).
 * @throws RedemptionInProgressError when another delivery still holds the claim after `waitMs`
 * @throws InvitationError `not_found` when there is no such redemption activity, `inactive` when it is canceled
 */
export async function applyRedemption(
  client: DataverseApi,
  target: ApplyRedemptionTarget,
  options: ApplyRedemptionOptions = {},
): Promise<ApplyRedemptionResult> {
  const timing = claimTiming(options);
  const invitationId = normalizeGuid(target.invitationId);
  const contactId = normalizeGuid(target.contactId);
  const redemptionId = await findRedemptionId(client, { ...target, invitationId, contactId });
  const result: ApplyRedemptionResult = { accountAssigned: false, rolesAdded: [], workflowStarted: false };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const outcome = await claimRedemption(client, redemptionId, timing);
    if (outcome.kind === 'completed') return result;
    const { claim } = outcome;
    try {
      await applyUnderClaim(client, claim, { invitationId, contactId }, result, timing.leaseMs);
      return result;
    } catch (error) {
      if (error instanceof ClaimLostError) continue;
      await claim.release();
      throw error;
    }
  }
  throw new RedemptionInProgressError(redemptionId, undefined);
}

/** The three effects, in order, each skipped when already in place; then the activity is completed. */
async function applyUnderClaim(
  client: DataverseApi,
  claim: RedemptionClaim,
  ids: { invitationId: string; contactId: string },
  result: ApplyRedemptionResult,
  leaseMs: number,
): Promise<void> {
  const { invitationId, contactId } = ids;
  const [invitationRow, contactRow] = await Promise.all([
    client.retrieve<WebApiRecord>(InvitationTable.entitySet, invitationId, {
      select: [invitationLookups.assignToAccount.valueField, invitationLookups.redemptionWorkflow.valueField],
      headers: { ...NO_CACHE },
    }),
    client.retrieve<WebApiRecord>(ContactTable.entitySet, contactId, {
      select: [ContactTable.lookups.parentCustomerAccount.valueField],
      headers: { ...NO_CACHE },
    }),
  ]);
  const invitation = toInvitationRecord(invitationRow);

  const accountId = guidOrUndefined(invitation.accountId);
  if (accountId && guidOrUndefined(toContactRecord(contactRow).parentCustomerId) !== accountId) {
    await client.update(ContactTable.entitySet, contactId, contactToWebApi({ parentCustomerId: accountId }));
    result.accountAssigned = true;
  }
  await claim.renewIfDue();

  result.rolesAdded.push(...(await grantInvitationRoles(client, { invitationId, contactId })));
  await claim.renewIfDue();

  const workflowId = guidOrUndefined(invitation.redemptionWorkflowId);
  let jobId = recordedJobId(claim.journal);
  if (workflowId && !jobId) {
    const inDoubtSince = workflowInDoubtSince(claim.journal);
    if (inDoubtSince)
      jobId = await findWorkflowJob(client, { workflowId, contactId, after: inDoubtSince, leaseMs });
    if (!jobId) {
      await claim.markWorkflowStarting();
      jobId = await startWorkflow(client, workflowId, contactId);
      result.workflowStarted = true;
    }
    claim.noteWorkflowJob(jobId);
  }
  // False when the lease ran out and another delivery took over: it completes, finding all in place.
  await claim.complete();
}

/**
 * Applies (again) the redemption recorded by this adx_inviteredemption activity: reads its
 * invitation (regarding) and its Customer party (the contact), then {@link applyRedemption}.
 * This is the retry after a committed redemption whose handlers failed.
 * @throws InvitationError `not_found` for an unknown id, `invalid` for an activity no redemption wrote
 */
export async function applyRedemptionById(
  client: DataverseApi,
  redemptionId: string,
  options: ApplyRedemptionOptions = {},
): Promise<ApplyRedemptionResult> {
  return applyRedemption(client, await readRedemptionTarget(client, redemptionId), options);
}

function guidOrUndefined(value: string | undefined): string | undefined {
  return value ? normalizeGuid(value) : undefined;
}
