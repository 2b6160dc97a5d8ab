/**
 * Writing one prepared chunk: CreateMultiple with client-chosen ids (all or nothing), and when the
 * chunk fails as a whole, one query for which ids already exist (a resumed run) before retrying
 * the rest; a chunk that still fails is split in halves until the failing rows are found. N:N
 * links (web roles, group contacts) are associated afterwards in `$batch` requests of up to 1000:
 * Microsoft's bulk-operation docs do not say that CreateMultiple targets may carry collection
 * `@odata.bind`s (deep insert), so that is not relied on (UNVERIFIED either way).
 */
import type { DataverseClient } from '../client/index';
import type { BatchRequest } from '../client/types';
import { invitationAssociations, invitationBody, type ResolvedInvitation } from './invitation-body';
import { Inv } from './names';
import { anyOf, isDuplicate, normalizeGuid, queryAnyOf, type ErrorLike } from './odata';

/** A row's outcome from {@link writeChunk}. */
export interface WriteOutcome {
  status: 'created' | 'exists' | 'failed';
  reason?: string;
}

/** Creates the invitations; outcome per invitation id. */
export async function writeChunk(
  client: DataverseClient,
  rows: ResolvedInvitation[],
  signal?: AbortSignal,
): Promise<Map<string, WriteOutcome>> {
  const outcomes = new Map<string, WriteOutcome>();
  await createAll(client, rows, outcomes, signal);
  await associateAll(client, rows, outcomes, signal);
  return outcomes;
}

async function createAll(
  client: DataverseClient,
  rows: ResolvedInvitation[],
  outcomes: Map<string, WriteOutcome>,
  signal?: AbortSignal,
): Promise<void> {
  if (rows.length === 0) return;
  try {
    const targets = rows.map((row) => invitationBody(row, { relationships: false }));
    await client.createMultiple(Inv.set, Inv.logicalName, targets, { signal });
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
    if (existing.size > 0) return createAll(client, rest, outcomes, signal);
    if (rest.length === 1) {
      outcomes.set(rest[0].id, { status: 'failed', reason: (error as Error).message });
      return;
    }
    const half = Math.ceil(rest.length / 2);
    await createAll(client, rest.slice(0, half), outcomes, signal);
    await createAll(client, rest.slice(half), outcomes, signal);
  }
}

/** A 4xx answer (other than throttling): something about the rows themselves. */
function isRowError(error: unknown): boolean {
  const status = (error as ErrorLike | undefined)?.status ?? 0;
  return status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 403;
}

async function existingIds(client: DataverseClient, ids: string[]): Promise<Set<string>> {
  const rows = await queryAnyOf(
    client,
    Inv.set,
    [Inv.id],
    ids.map((id) => anyOf(Inv.id, [id], 'guid')),
  );
  return new Set(rows.map((r) => normalizeGuid(String(r[Inv.id]))));
}

async function associateAll(
  client: DataverseClient,
  rows: ResolvedInvitation[],
  outcomes: Map<string, WriteOutcome>,
  signal?: AbortSignal,
): Promise<void> {
  const requests: BatchRequest[] = [];
  const owners: string[] = [];
  for (const row of rows) {
    const status = outcomes.get(row.id)?.status;
    if (status !== 'created' && status !== 'exists') continue;
    for (const [navigation, entitySet, id] of invitationAssociations(row)) {
      requests.push({
        method: 'POST',
        url: `${Inv.set}(${row.id})/${navigation}/$ref`,
        body: { '@odata.id': client.entityUrl(entitySet, id) },
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
