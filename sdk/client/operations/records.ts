/**
 * Single-record operations: create, retrieve, update, upsert, delete.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api
 */
import { ConcurrencyError } from '../errors';
import { unexpectedResponse } from '../error-factory';
import { callHeaders, Prefer } from '../headers';
import { idFromEntityUrl, recordPath } from '../query/paths';
import { recordQueryString } from '../query/query-string';
import type {
  CreateOptions,
  DeleteOptions,
  RetrieveOptions,
  UpdateOptions,
  UpsertOptions,
  WebApiRecord,
} from '../types';
import type { OperationContext } from './context';

/** POST a new row; resolves with its id, or with the row when `returnRepresentation` is set. */
export async function createRecord(
  ctx: OperationContext,
  entitySet: string,
  data: WebApiRecord,
  options: CreateOptions = {},
): Promise<string | WebApiRecord> {
  const query = options.returnRepresentation ? recordQueryString(options.select) : '';
  try {
    const response = await ctx.transport.send<WebApiRecord | string>({
      method: 'POST',
      url: `${entitySet}${query}`,
      data,
      headers: callHeaders(options, [options.returnRepresentation && Prefer.returnRepresentation]),
      options,
      idempotent: options.id !== undefined,
    });
    if (options.returnRepresentation && response.data && typeof response.data === 'object')
      return response.data;
    const id = idFromEntityUrl(response.headers['odata-entityid'] ?? response.headers['location'] ?? '');
    if (!id) {
      throw unexpectedResponse(
        response,
        `Dataverse created a row in ${entitySet} but sent no OData-EntityId header; look the row up before creating it again, or pass an id.`,
      );
    }
    return id;
  } catch (error) {
    // A replay after a lost response finds the row the first attempt created: that is our success.
    if (options.id && error instanceof ConcurrencyError && error.isDuplicate && (error.attempts ?? 1) > 1) {
      return options.returnRepresentation
        ? retrieveRecord(ctx, entitySet, options.id, { ...options, select: options.select })
        : options.id;
    }
    throw error;
  }
}

/** GET one row; NotFoundError when it does not exist. */
export async function retrieveRecord<T>(
  ctx: OperationContext,
  entitySet: string,
  id: string,
  options: RetrieveOptions = {},
): Promise<T> {
  const response = await ctx.transport.send<T>({
    method: 'GET',
    url: `${recordPath(entitySet, id)}${recordQueryString(options.select, options.expand)}`,
    headers: callHeaders(options, [options.annotations && Prefer.annotations]),
    options,
  });
  return response.data;
}

/** PATCH an existing row (`If-Match: *` unless an etag is given, so it never creates one). */
export async function updateRecord(
  ctx: OperationContext,
  entitySet: string,
  id: string,
  data: WebApiRecord,
  options: UpdateOptions = {},
): Promise<WebApiRecord | undefined> {
  const query = options.returnRepresentation ? recordQueryString(options.select) : '';
  const response = await ctx.transport.send<WebApiRecord>({
    method: 'PATCH',
    url: `${recordPath(entitySet, id)}${query}`,
    data,
    headers: callHeaders(options, [options.returnRepresentation && Prefer.returnRepresentation], {
      'If-Match': options.ifMatch ?? '*',
    }),
    options,
  });
  return options.returnRepresentation && response.data && typeof response.data === 'object'
    ? response.data
    : undefined;
}

/** PATCH without `If-Match`: creates the row with this id or updates it (`createOnly`: never updates). */
export async function upsertRecord(
  ctx: OperationContext,
  entitySet: string,
  id: string,
  data: WebApiRecord,
  options: UpsertOptions = {},
): Promise<void> {
  await ctx.transport.send({
    method: 'PATCH',
    url: recordPath(entitySet, id),
    data,
    headers: callHeaders(options, [options.returnRepresentation && Prefer.returnRepresentation], {
      'If-None-Match': options.createOnly ? '*' : undefined,
    }),
    options,
    // Setting the same columns twice leaves the same row; only createOnly is not repeatable.
    idempotent: !options.createOnly,
  });
}

/** DELETE a row, optionally only if it still has the given etag. */
export async function deleteRecord(
  ctx: OperationContext,
  entitySet: string,
  id: string,
  options: DeleteOptions = {},
): Promise<void> {
  await ctx.transport.send({
    method: 'DELETE',
    url: recordPath(entitySet, id),
    headers: callHeaders(options, [], { 'If-Match': options.ifMatch }),
    options,
  });
}
