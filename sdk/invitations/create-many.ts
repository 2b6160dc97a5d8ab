/**
 * Bulk create: the input is read as a stream and handled a chunk at a time (only one chunk in
 * memory), each chunk costing a handful of requests whatever its size, with per-row results
 * streamed back in input order.
 */
import type { DataverseApi } from '../client/api';
import { InvalidArgumentError } from '../errors';
import {
  NamedRefCache,
  prepareChunk,
  SiteRoleCache,
  type ChunkToPrepare,
  type IndexedRow,
} from './create-many-prepare';
import { writeChunk } from './create-many-write';
import type { CreateInvitationInput, CreateManyOptions, CreateManyResult } from './types';

/** Rows per CreateMultiple request by default (Microsoft suggests 100–1000 per bulk request). */
export const DEFAULT_CHUNK_SIZE = 1000;

/** {@link CreateManyOptions} with the service's clock. */
export interface CreateManyRun extends CreateManyOptions {
  /** The clock (epoch ms) expiry dates are checked against. */
  now: () => number;
}

/** Creates invitations in chunks; see {@link InvitationService.createMany}. */
export async function* createManyInvitations(
  client: DataverseApi,
  rows: Iterable<CreateInvitationInput> | AsyncIterable<CreateInvitationInput>,
  options: CreateManyRun,
): AsyncGenerator<CreateManyResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000) {
    throw new InvalidArgumentError(
      'chunkSize',
      `chunkSize must be a whole number from 1 to 1000, got ${chunkSize}.`,
    );
  }
  const cache = new NamedRefCache();
  const siteRoles = new SiteRoleCache();
  const totals = { done: 0, created: 0, failed: 0 };
  let chunk: IndexedRow[] = [];
  let index = 0;
  const flush = async function* (): AsyncGenerator<CreateManyResult> {
    options.signal?.throwIfAborted();
    const results = await runChunk(
      client,
      { rows: chunk, cache, siteRoles, now: options.now() },
      options.signal,
    );
    chunk = [];
    for (const result of results) {
      totals.done++;
      if (result.status === 'created') totals.created++;
      if (result.status === 'failed') totals.failed++;
    }
    options.onProgress?.({ ...totals });
    yield* results;
  };
  for await (const input of rows) {
    chunk.push({ index: index++, input });
    if (chunk.length >= chunkSize) yield* flush();
  }
  if (chunk.length > 0) yield* flush();
}

async function runChunk(
  client: DataverseApi,
  chunk: ChunkToPrepare,
  signal?: AbortSignal,
): Promise<CreateManyResult[]> {
  const prepared = await prepareChunk(client, chunk);
  const ready = prepared.filter((p) => p.resolved).map((p) => p.resolved!);
  const outcomes = await writeChunk(client, ready, signal);
  return prepared.map((p): CreateManyResult => {
    if (!p.resolved) return { index: p.index, status: 'failed', reason: p.failure };
    const outcome = outcomes.get(p.resolved.id) ?? { status: 'failed', reason: 'no outcome recorded' };
    const result: CreateManyResult = { index: p.index, status: outcome.status, id: p.resolved.id };
    if (outcome.status === 'created') result.code = p.resolved.code;
    if (outcome.reason) result.reason = outcome.reason;
    return result;
  });
}
