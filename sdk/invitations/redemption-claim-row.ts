/**
 * Reading and writing the redemption activity for its apply claim: the columns the claim uses, and
 * the `If-Match` update every claim write goes through.
 */
import type { DataverseApi } from '../client/api';
import { DataverseError } from '../client/errors';
import type { WebApiRecord } from '../client/types';
import {
  ActivityState,
  InviteRedemptionTable,
  inviteRedemptionToWebApi,
  readEtag,
  toInviteRedemptionRecord,
  type InviteRedemptionFields,
} from '../entities/index';
import { InvitationError } from './errors';
import { isConcurrencyConflict, isStatus, NO_CACHE } from './odata';
import { decodeDescription, encodeDescription, type ClaimJournal } from './redemption-claim-journal';

const table = InviteRedemptionTable;
const SELECT = [
  table.columns.state,
  table.columns.description,
  table.columns.actualStart,
  table.columns.scheduledEnd,
  table.columns.modifiedOn,
];

/** The redemption activity as the claim reads it. */
export interface ClaimRow {
  etag: string;
  state: ActivityState;
  description: string | undefined;
  actualStart: Date | undefined;
  leaseUntil: Date | undefined;
  modifiedOn: Date | undefined;
}

/**
 * Reads the activity's claim columns, bypassing the cache.
 * @throws InvitationError `not_found` for an unknown activity
 */
export async function readClaimRow(client: DataverseApi, id: string): Promise<ClaimRow> {
  let row: WebApiRecord;
  try {
    row = await client.retrieve<WebApiRecord>(table.entitySet, id, {
      select: SELECT,
      headers: { ...NO_CACHE },
    });
  } catch (error) {
    if (isStatus(error, 404))
      throw new InvitationError('not_found', `Redemption ${id} does not exist; check the redemption id.`, {
        cause: error,
      });
    throw error;
  }
  return toClaimRow(row, id);
}

/** The claim columns of a row; every Dataverse answer carries its etag. */
export function toClaimRow(row: WebApiRecord, id: string): ClaimRow {
  const record = toInviteRedemptionRecord(row);
  const etag = readEtag(row);
  if (!etag) {
    throw new DataverseError(
      `Dataverse answered redemption ${id} without an @odata.etag, so it cannot be claimed; ` +
        'a Dataverse Web API always sends one.',
      { status: 200 },
    );
  }
  return {
    etag,
    state: record.state ?? ActivityState.Open,
    description: record.description,
    actualStart: record.actualStart,
    leaseUntil: record.scheduledEnd,
    modifiedOn: record.modifiedOn,
  };
}

/** True when the row holds this journal write (same holder, same write number). */
function holdsWrite(row: ClaimRow, journal: ClaimJournal): boolean {
  const found = decodeDescription(row.description).journal;
  return found?.holder === journal.holder && found.seq === journal.seq && found.claims === journal.claims;
}

/**
 * `If-Match` update of the activity writing `journal` into its description (after `rest`);
 * resolves with the row after the write, or undefined when another writer changed it first. A 412
 * whose row holds this very journal write answers a repeat of the write, which did land.
 */
export async function fencedUpdate(
  client: DataverseApi,
  id: string,
  etag: string,
  write: { fields: InviteRedemptionFields; rest: string; journal: ClaimJournal },
): Promise<ClaimRow | undefined> {
  const body = inviteRedemptionToWebApi({
    ...write.fields,
    description: encodeDescription(write.rest, write.journal),
  });
  try {
    const written = await client.update(table.entitySet, id, body, {
      ifMatch: etag,
      returnRepresentation: true,
      select: SELECT,
    });
    if (written && readEtag(written)) return toClaimRow(written, id);
  } catch (error) {
    if (!isConcurrencyConflict(error)) throw error;
  }
  // No representation came back, or 412: the row says whether this write is the one in it.
  const row = await readClaimRow(client, id);
  return holdsWrite(row, write.journal) ? row : undefined;
}
