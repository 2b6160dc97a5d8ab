/**
 * Which redemption activity to apply: read from the activity itself (its regarding invitation and
 * Customer party), or found from the invitation and contact when only those are known.
 */
import type { DataverseApi } from '../client/api';
import type { WebApiRecord } from '../client/types';
import {
  ActivityPartyTable,
  ActivityState,
  InviteRedemptionTable,
  readParties,
  toInviteRedemptionRecord,
} from '../entities/index';
import { InvitationError } from './errors';
import { isStatus, NO_CACHE, normalizeGuid, queryAll } from './odata';

const redemption = InviteRedemptionTable;
const partySelect = `$select=${ActivityPartyTable.lookups.partyContact.valueField},${ActivityPartyTable.columns.participationType}`;

/** A redemption activity and what it redeemed. */
export interface RedemptionTarget {
  redemptionId: string;
  invitationId: string;
  contactId: string;
}

function guidOrUndefined(value: string | undefined): string | undefined {
  return value ? normalizeGuid(value) : undefined;
}

/**
 * Reads the invitation (regarding) and contact (Customer party) of a redemption activity.
 * @throws InvitationError `not_found` for an unknown id, `invalid` when either is missing
 */
export async function readRedemptionTarget(
  client: DataverseApi,
  redemptionId: string,
): Promise<RedemptionTarget> {
  const id = normalizeGuid(redemptionId);
  let row: WebApiRecord;
  try {
    row = await client.retrieve<WebApiRecord>(redemption.entitySet, id, {
      select: [redemption.lookups.regardingInvitation.valueField],
      expand: `${redemption.relationships.parties}(${partySelect})`,
      headers: { ...NO_CACHE },
    });
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new InvitationError('not_found', `Redemption ${id} does not exist; check the redemption id.`, {
        cause: error,
      });
    }
    throw error;
  }
  const record = toInviteRedemptionRecord(row);
  const invitationId = guidOrUndefined(record.invitationId);
  const contactId = guidOrUndefined(record.contactId);
  if (!invitationId || !contactId) {
    throw new InvitationError(
      'invalid',
      `Redemption ${id} names no ${invitationId ? 'contact (Customer party)' : 'invitation (regarding)'}; it was not written by a redemption and cannot be applied.`,
    );
  }
  return { redemptionId: id, invitationId, contactId };
}

/**
 * The id of the given redemption activity, or of the contact's redemption of the invitation
 * (an open one first: that is the one whose grants were not applied yet).
 * @throws InvitationError `not_found` when the contact has no redemption of the invitation
 */
export async function findRedemptionId(
  client: DataverseApi,
  target: { redemptionId?: string; invitationId: string; contactId: string },
): Promise<string> {
  const { redemptionId, invitationId, contactId } = target;
  if (redemptionId) return normalizeGuid(redemptionId);
  const rows = await queryAll(client, redemption.entitySet, {
    select: [redemption.columns.id, redemption.columns.state],
    filter: `${redemption.lookups.regardingInvitation.valueField} eq ${invitationId}`,
    expand: `${redemption.relationships.parties}(${partySelect})`,
    headers: { ...NO_CACHE },
  });
  const records = rows
    .filter((row) =>
      readParties(row, redemption.relationships.parties).some(
        (party) => guidOrUndefined(party.partyId) === contactId,
      ),
    )
    .map(toInviteRedemptionRecord);
  const pick = records.find((r) => (r.state ?? ActivityState.Open) !== ActivityState.Completed) ?? records[0];
  if (!pick) {
    throw new InvitationError(
      'not_found',
      `Contact ${contactId} has no redemption of invitation ${invitationId}; redeem the invitation first.`,
    );
  }
  return normalizeGuid(pick.id);
}
