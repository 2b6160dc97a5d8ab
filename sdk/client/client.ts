/**
 * DataverseClient: the typed entry point to the Dataverse Web API. Each method is a thin shell over
 * an operation module; HTTP goes through the (internal) transport and its pipeline.
 */
import { ConfigurationError } from '../errors';
import type { DataverseApi } from './api';
import { runBatch } from './batch/batch-run';
import { callAction, callFunction, createMultiple, updateMultiple, whoAmI } from './operations/actions';
import type { OperationContext } from './operations/context';
import { countRecords, listRecords } from './operations/list';
import { associateRecords, disassociateRecords, type RecordRef } from './operations/relationships';
import { createRecord, deleteRecord, retrieveRecord, updateRecord, upsertRecord } from './operations/records';
import { registerTransport } from './internal';
import type { FunctionParameterValue } from './query/literal';
import { recordPath } from './query/paths';
import { Transport } from './transport';
import { assertSecureUrl } from './url-security';
import type {
  BatchItem,
  BatchOptions,
  BatchResponse,
  CreateOptions,
  DataverseClientOptions,
  DeleteOptions,
  ListOptions,
  ListQuery,
  OperationOptions,
  PagedAsyncIterable,
  RequestOptions,
  RetrieveOptions,
  UpdateOptions,
  UpsertOptions,
  WebApiRecord,
  WhoAmIResponse,
} from './types';

/** A client for one Dataverse environment's Web API. */
export class DataverseClient implements DataverseApi {
  /** Environment URL without a trailing slash. */
  readonly url: string;
  /** `${url}/api/data/v9.2/`. */
  readonly apiUrl: string;
  private readonly ctx: OperationContext;
  private readonly now: () => number;

  constructor(options: DataverseClientOptions) {
    if (!/^https?:\/\//i.test(options.url ?? '')) {
      throw new ConfigurationError(
        `DataverseClient needs an absolute environment URL (https://org.crm.dynamics.com), got "${options.url}".`,
      );
    }
    assertSecureUrl(options.url);
    this.url = options.url.replace(/\/+$/, '');
    this.apiUrl = `${this.url}/api/data/v${options.apiVersion ?? '9.2'}/`;
    this.now = options.now ?? Date.now;
    const transport = new Transport(this.apiUrl, { ...options, url: this.url });
    registerTransport(this, transport);
    this.ctx = { transport, apiUrl: this.apiUrl };
  }

  /** Absolute URL of a row, as `@odata.id` and `@odata.bind` want it. */
  entityUrl(entitySet: string, id: string): string {
    return `${this.apiUrl}${recordPath(entitySet, id)}`;
  }

  /** Creates a row; resolves with its id (or the row with `returnRepresentation`). */
  create(
    entitySet: string,
    data: WebApiRecord,
    options: CreateOptions & { returnRepresentation: true },
  ): Promise<WebApiRecord>;
  create(entitySet: string, data: WebApiRecord, options?: CreateOptions): Promise<string>;
  create(entitySet: string, data: WebApiRecord, options?: CreateOptions): Promise<string | WebApiRecord> {
    return createRecord(this.ctx, entitySet, data, options);
  }

  /** Reads one row; NotFoundError when it does not exist. */
  retrieve<T = WebApiRecord>(entitySet: string, id: string, options?: RetrieveOptions): Promise<T> {
    return retrieveRecord<T>(this.ctx, entitySet, id, options);
  }

  /** Updates an existing row (`If-Match: *`, or the given etag → ConcurrencyError when it changed). */
  update(
    entitySet: string,
    id: string,
    data: WebApiRecord,
    options?: UpdateOptions,
  ): Promise<WebApiRecord | undefined> {
    return updateRecord(this.ctx, entitySet, id, data, options);
  }

  /** Creates or updates the row with this id (`createOnly`: fails if it exists). */
  upsert(entitySet: string, id: string, data: WebApiRecord, options?: UpsertOptions): Promise<void> {
    return upsertRecord(this.ctx, entitySet, id, data, options);
  }

  /** Deletes a row. */
  delete(entitySet: string, id: string, options?: DeleteOptions): Promise<void> {
    return deleteRecord(this.ctx, entitySet, id, options);
  }

  /** Rows matching the query, fetched page by page as they are consumed. */
  list<T = WebApiRecord>(entitySet: string, query?: ListQuery, options?: ListOptions): PagedAsyncIterable<T> {
    return listRecords<T>(this.ctx, entitySet, query, options);
  }

  /**
   * Number of rows `list(entitySet, query)` would find: the query's filter is sent with
   * `$count=true&$top=0`, so no rows are transferred. Dataverse caps the count at 5000.
   */
  count(entitySet: string, query?: ListQuery, options?: RequestOptions): Promise<number> {
    return countRecords(this.ctx, entitySet, query, options);
  }

  /** Links two rows through a navigation property (`singleValued` for a lookup). */
  associate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target: RecordRef,
    options?: RequestOptions & { singleValued?: boolean },
  ): Promise<void> {
    return associateRecords(this.ctx, entitySet, id, navigationProperty, target, options);
  }

  /** Unlinks two rows (without a target: clears a single-valued navigation property). */
  disassociate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target?: RecordRef,
    options?: RequestOptions,
  ): Promise<void> {
    return disassociateRecords(this.ctx, entitySet, id, navigationProperty, target, options);
  }

  /** Runs an action such as `ExecuteWorkflow` (name without namespace), bound or unbound. */
  callAction<T = WebApiRecord | undefined>(
    name: string,
    body?: WebApiRecord,
    options?: OperationOptions,
  ): Promise<T> {
    return callAction<T>(this.ctx, name, body, options);
  }

  /**
   * Calls a function with its parameters passed as aliases, bound or unbound. Every string is sent
   * as a quoted string literal (`'O''Brien'`), a Date as a date-time; pass a GUID as `guid(id)` and
   * a collection, complex value or enum member as `odataLiteral('["contact"]')`, never built from
   * user input.
   */
  callFunction<T = WebApiRecord>(
    name: string,
    params?: Record<string, FunctionParameterValue>,
    options?: OperationOptions,
  ): Promise<T> {
    return callFunction<T>(this.ctx, name, params, options);
  }

  /** Creates many rows of one table in one request; resolves with their ids in order. */
  createMultiple(
    entitySet: string,
    logicalName: string,
    targets: WebApiRecord[],
    options?: RequestOptions,
  ): Promise<string[]> {
    return createMultiple(this.ctx, entitySet, logicalName, targets, options);
  }

  /** Updates many rows of one table in one request. */
  updateMultiple(
    entitySet: string,
    logicalName: string,
    targets: WebApiRecord[],
    options?: RequestOptions,
  ): Promise<void> {
    return updateMultiple(this.ctx, entitySet, logicalName, targets, options);
  }

  /** The calling user, business unit and organization. */
  whoAmI(options?: RequestOptions): Promise<WhoAmIResponse> {
    return whoAmI(this.ctx, options);
  }

  /** Sends requests and change sets in `$batch` requests; a failed operation is reported in its response. */
  batch(items: BatchItem[], options?: BatchOptions): Promise<BatchResponse[]> {
    return runBatch(this.ctx, items, options, this.now);
  }
}
