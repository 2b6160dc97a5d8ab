/**
 * Writing one prepared chunk: CreateMultiple with client-chosen ids (all or nothing), and when the
 * chunk fails as a whole, one query for which ids already exist (a resumed run) before retrying
 * the rest; a chunk that still fails is split in halves until the failing rows are found. N:N
 * links (web roles, group contacts) are associated afterwards in `$batch` requests of up to 1000:
 * Microsoft's bulk-operation docs do not say that CreateMultiple targets may carry collection
 * `@odata.bind`s (deep insert), so that is not relied on (UNVERIFIED either way).
 */
import type { DataverseApi } from '../client/api';
import type { BatchRequest } from '../client/types';
import {
  InvitationTable,
  invitationLinks,
  invitationToWebApi,
  referenceBody,
  referencePath,
  toInvitationRecord,
} from '../entities/index';
import { anyOf, isDuplicate, normalizeGuid, queryAnyOf, type ErrorLike } from './odata';
import { invitationFieldsOf, type ResolvedInvitation } from './resolved-invitation';

/** A row's outcome from {@link writeChunk}. */
export interface WriteOutcome {
  status: 'created' | 'exists' | 'failed';
  reason?: string;
}

/** What every step of writing one chunk shares: where to write and where outcomes go. */
interface ChunkWriter {
  client: DataverseApi;
  /** Outcome per invitation id, filled as the steps go. */
  outcomes: Map<string, WriteOutcome>;
  signal?: AbortSignal;
}

const { entitySet, logicalName } = InvitationTable;

/** Creates the invitations; outcome per invitation id. */
export async function writeChunk(
  client: DataverseApi,
  rows: ResolvedInvitation[],
  signal?: AbortSignal,
): Promise<Map<string, WriteOutcome>> {
  const writer: ChunkWriter = { client, outcomes: new Map(), signal };
  await createAll(writer, rows);
  await associateAll(writer, rows);
  return writer.outcomes;
}

async function createAll(writer: ChunkWriter, rows: ResolvedInvitation[]): Promise<void> {
  const { client, outcomes, signal } = writer;
  if (rows.length === 0) return;
  try {
    const targets = rows.map((row) => {
      // The links are associated afterwards (associateAll), not deep-inserted.
      const {
        inviteContactIds: _contacts,
        webRoleIds: _roles,
        powerPageWebRoleIds: _powerPageRoles,
        ...columns
      } = invitationFieldsOf(row);
      return invitationToWebApi(columns);
    });
    await client.createMultiple(entitySet, logicalName, targets, { signal });
    for (const row of rows) outcomes.set(row.id, { status: 'created' });
    return;
  } catch (error) {
    // Transport trouble says nothing about the rows: stop; a rerun with the same ids resumes safely.
    if (!isRowError(error)) throw error;
    const existing = await existingIds(
      client,
      rows.map((r) => r.id),
    );
    for (const id of existing) outcomes.set(id, { status: 'exists' });
    const rest = rows.filter((r) => !existing.has(r.id));
    if (rest.length === 0) return;
    if (existing.size > 0) return createAll(writer, rest);
    if (rest.length === 1) {
      outcomes.set(rest[0].id, { status: 'failed', reason: (error as Error).message });
      return;
    }
    const half = Math.ceil(rest.length / 2);
    await createAll(writer, rest.slice(0, half));
    await createAll(writer, rest.slice(half));
  }
}

/** A 4xx answer (other than throttling): something about the rows themselves. */
function isRowError(error: unknown): boolean {
  const status = (error as ErrorLike | undefined)?.status ?? 0;
  return status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 403;
}

async function existingIds(client: DataverseApi, ids: string[]): Promise<Set<string>> {
  const { id: idColumn } = InvitationTable.columns;
  const rows = await queryAnyOf(client, entitySet, {
    select: [idColumn],
    terms: ids.map((id) => anyOf(idColumn, [id], 'guid')),
  });
  return new Set(rows.map((row) => normalizeGuid(toInvitationRecord(row).id)));
}

async function associateAll(writer: ChunkWriter, rows: ResolvedInvitation[]): Promise<void> {
  const { client, outcomes, signal } = writer;
  const requests: BatchRequest[] = [];
  const owners: string[] = [];
  for (const row of rows) {
    const status = outcomes.get(row.id)?.status;
    if (status !== 'created' && status !== 'exists') continue;
    for (const link of invitationLinks(invitationFieldsOf(row))) {
      requests.push({
        method: 'POST',
        url: referencePath(entitySet, row.id, link.navigation),
        body: referenceBody(client.entityUrl(link.entitySet, link.id)),
      });
      owners.push(row.id);
    }
  }
  if (requests.length === 0) return;
  const responses = await client.batch(requests, { continueOnError: true, signal });
  responses.forEach((response, i) => {
    // An existing link (a resumed run) is what we wanted.
    if (!response.error || isDuplicate(response.error)) return;
    outcomes.set(owners[i], {
      status: 'failed',
      reason: `created, but linking web roles / contacts failed: ${response.error.message}`,
    });
  });
}
