/**
 * `DataverseApi`: the operations services and handlers need from a Dataverse client, and nothing
 * of how it sends them. `DataverseClient` implements it; a test fake or another transport can too,
 * without casting.
 */
import type { FunctionParameterValue } from './query/literal';
import type { RecordRef } from './operations/relationships';
import type {
  BatchItem,
  BatchOptions,
  BatchResponse,
  CreateOptions,
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

/** The Web API operations of one Dataverse environment. */
export interface DataverseApi {
  /** Environment URL without a trailing slash. */
  readonly url: string;
  /** `${url}/api/data/v9.2/`. */
  readonly apiUrl: string;
  /** Absolute URL of a row, as `@odata.id` and `@odata.bind` want it. */
  entityUrl(entitySet: string, id: string): string;
  /** Creates a row; resolves with its id (or the row with `returnRepresentation`). */
  create(
    entitySet: string,
    data: WebApiRecord,
    options: CreateOptions & { returnRepresentation: true },
  ): Promise<WebApiRecord>;
  create(entitySet: string, data: WebApiRecord, options?: CreateOptions): Promise<string>;
  /** Reads one row; NotFoundError when it does not exist. */
  retrieve<T = WebApiRecord>(entitySet: string, id: string, options?: RetrieveOptions): Promise<T>;
  /** Updates an existing row (`If-Match: *`, or the given etag → ConcurrencyError when it changed). */
  update(
    entitySet: string,
    id: string,
    data: WebApiRecord,
    options?: UpdateOptions,
  ): Promise<WebApiRecord | undefined>;
  /** Creates or updates the row with this id (`createOnly`: fails if it exists). */
  upsert(entitySet: string, id: string, data: WebApiRecord, options?: UpsertOptions): Promise<void>;
  /** Deletes a row. */
  delete(entitySet: string, id: string, options?: DeleteOptions): Promise<void>;
  /** Rows matching the query, fetched page by page as they are consumed. */
  list<T = WebApiRecord>(entitySet: string, query?: ListQuery, options?: ListOptions): PagedAsyncIterable<T>;
  /** Number of rows `list(entitySet, query)` would find (its filter only; Dataverse caps it at 5000). */
  count(entitySet: string, query?: ListQuery, options?: RequestOptions): Promise<number>;
  /** Links two rows through a navigation property (`singleValued` for a lookup). */
  associate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target: RecordRef,
    options?: RequestOptions & { singleValued?: boolean },
  ): Promise<void>;
  /** Unlinks two rows (without a target: clears a single-valued navigation property). */
  disassociate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target?: RecordRef,
    options?: RequestOptions,
  ): Promise<void>;
  /** Runs an action such as `ExecuteWorkflow` (name without namespace), bound or unbound. */
  callAction<T = WebApiRecord | undefined>(
    name: string,
    body?: WebApiRecord,
    options?: OperationOptions,
  ): Promise<T>;
  /** Calls a function with its parameters passed as aliases, bound or unbound. */
  callFunction<T = WebApiRecord>(
    name: string,
    params?: Record<string, FunctionParameterValue>,
    options?: OperationOptions,
  ): Promise<T>;
  /** Creates many rows of one table in one request; resolves with their ids in order. */
  createMultiple(
    entitySet: string,
    logicalName: string,
    targets: WebApiRecord[],
    options?: RequestOptions,
  ): Promise<string[]>;
  /** Updates many rows of one table in one request. */
  updateMultiple(
    entitySet: string,
    logicalName: string,
    targets: WebApiRecord[],
    options?: RequestOptions,
  ): Promise<void>;
  /** The calling user, business unit and organization. */
  whoAmI(options?: RequestOptions): Promise<WhoAmIResponse>;
  /** Sends requests and change sets in `$batch` requests; a failed operation is reported in its response. */
  batch(items: BatchItem[], options?: BatchOptions): Promise<BatchResponse[]>;
}
