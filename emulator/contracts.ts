/**
 * The seams inside the emulator. The core (HTTP, OData, storage) implements `EmulatorOperations`
 * and calls the `EmulatorExtensions` it is given; the workflow interpreter, solution actions,
 * webhook dispatch and service-protection limits are built against these shapes only.
 */
import { ErrorCodes } from '../sdk/client/error-codes';
import type { MessageName as Messages } from '../sdk/entities/sdk-message';
import type { StepStage } from '../sdk/entities/sdk-message-processing-step';

/** A lookup as stored: the target table's logical name and the row id. */
export interface LookupValue {
  logicalName: string;
  id: string;
  /** Primary name of the target, when known (filled on read). */
  name?: string;
}

/** Whether a canonical value is a `LookupValue` (a reference to a row). */
export function isLookupValue(value: unknown): value is LookupValue {
  return typeof value === 'object' && value !== null && 'logicalName' in value && 'id' in value;
}

/**
 * Column values in the emulator's canonical shape, keyed by logical name:
 * strings, numbers (int, decimal, choice), booleans, ISO-8601 strings for dates,
 * `LookupValue` for lookup/owner/customer columns, `null` for empty.
 */
export type ColumnValues = Record<string, unknown>;

/** A stored row. `version` is the row version behind `@odata.etag` (`W/"<version>"`). */
export interface StoredRow {
  logicalName: string;
  id: string;
  version: number;
  values: ColumnValues;
}

/** Who is calling and how deep in a chain of triggered operations we are. */
export interface OperationContext {
  /** systemuserid of the caller (WhoAmI's UserId) or the impersonated user. */
  userId: string;
  correlationId: string;
  requestId: string;
  /** 1 for a call from outside; +1 for each operation triggered by a pipeline step. */
  depth: number;
  /** Skip pipeline steps (`MSCRM.BypassBusinessLogicExecution`). */
  bypassCustomLogic?: boolean;
}

/** Message names the pipeline knows: sdk/entities' `MessageName`s of data operations. */
export type MessageName = Exclude<(typeof Messages)[keyof typeof Messages], typeof Messages.ExecuteWorkflow>;

/** One data operation as the pipeline sees it. */
export interface OperationEvent {
  message: MessageName;
  /** Logical name of the primary table (for Associate/Disassociate: the first side). */
  entityName: string;
  id: string;
  /** Columns sent by the caller (Create/Update), canonical shape. */
  target?: ColumnValues;
  /** Row before the operation (Update/Delete). */
  preImage?: ColumnValues;
  /** Row after the operation (Create/Update, stage 40). */
  postImage?: ColumnValues;
  /** Associate/Disassociate: relationship schema name and the related rows. */
  relationship?: string;
  relatedEntities?: LookupValue[];
  context: OperationContext;
}

/** Thrown by a synchronous step to abort the operation (the caller gets IsvAborted with `message`). */
export class PipelineAbortError extends Error {
  readonly code = ErrorCodes.IsvAborted;
  constructor(message: string) {
    super(message);
    this.name = 'PipelineAbortError';
  }
}

/** The event pipeline the core calls around each write. */
export interface EmulatorPipeline {
  /**
   * Runs the synchronous steps of a stage (10 PreValidation, 20 PreOperation, 40 PostOperation)
   * inside the write transaction. Throwing `PipelineAbortError` rolls the whole operation back.
   */
  runSync(stage: StepStage, event: OperationEvent): Promise<void>;
  /** Called once the transaction has committed: schedules asynchronous (mode 1) steps. */
  afterCommit(event: OperationEvent): void;
}

/** The core's data operations, used by actions (ExecuteWorkflow, ImportSolution...) so pipeline steps fire. */
export interface EmulatorOperations {
  create(entityName: string, values: ColumnValues, ctx: OperationContext, id?: string): Promise<StoredRow>;
  update(entityName: string, id: string, values: ColumnValues, ctx: OperationContext): Promise<StoredRow>;
  delete(entityName: string, id: string, ctx: OperationContext): Promise<void>;
  associate(
    relationship: string,
    entityName: string,
    id: string,
    related: LookupValue[],
    ctx: OperationContext,
  ): Promise<void>;
  /** Removes N:N links (the Disassociate message). Added by EM; optional so fakes need not implement it. */
  disassociate?(
    relationship: string,
    entityName: string,
    id: string,
    related: LookupValue[],
    ctx: OperationContext,
  ): Promise<void>;
  retrieve(entityName: string, id: string): StoredRow | undefined;
  /** Rows whose columns equal the given values (lookups compare by id). */
  find(entityName: string, equals?: ColumnValues): StoredRow[];
  /** Ids on the other side of an N:N relationship. */
  related(relationship: string, entityName: string, id: string): string[];
  /** Serialises writes: one write transaction at a time; `fn` may await (sync webhooks). Nested calls join. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * A number that grows whenever rows of the table are written or any write is rolled back, so
   * what was read from the table may be kept while it stays the same. Optional: without it,
   * callers read again every time.
   */
  changeCount?(entityName: string): number;
}

/** What an action or function handler receives. */
export interface ActionRequest {
  /** e.g. `ExecuteWorkflow`, `ImportSolution`, `WhoAmI`. */
  name: string;
  body: Record<string, unknown>;
  /** For bound operations: the bound row (or only the table for collection-bound). */
  boundTo?: { entityName: string; id?: string };
  context: OperationContext;
  /** Absolute Web API root, e.g. `http://127.0.0.1:5170/api/data/v9.2/`. */
  baseUrl: string;
}

/** What an action returns: the JSON body (with `@odata.context` added by the core) or nothing (204). */
export interface ActionResult {
  status?: number;
  body?: Record<string, unknown>;
}

export type ActionHandler = (request: ActionRequest, ops: EmulatorOperations) => Promise<ActionResult>;

/** Service-protection limits: asked before each request, told when it ends. */
export interface RequestGate {
  /** Returns null to admit, or the throttling answer. */
  admit(userId: string, now: number): { retryAfterSeconds: number; code: string; message: string } | null;
  /** Records the request's end (for execution-time and concurrency limits). */
  release(userId: string, startedAt: number, now: number): void;
  /** Value for the `x-ms-dop-hint` response header. */
  dopHint(): number;
  /** Headers for every response to the user: the DOP hint and what is left of the limits. */
  responseHeaders(userId: string, now: number): Record<string, string>;
}

/** Everything optional the core is started with. */
export interface EmulatorExtensions {
  /** Unbound and bound actions/functions by name (without the `Microsoft.Dynamics.CRM.` prefix). */
  actions?: Record<string, ActionHandler>;
  /** Built once the core's operations exist (webhook dispatch needs to read registrations). */
  pipeline?: (ops: EmulatorOperations) => EmulatorPipeline;
  gate?: RequestGate;
}
