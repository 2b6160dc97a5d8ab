/**
 * The execution context Dataverse posts to a webhook (`Microsoft.Xrm.Sdk.RemoteExecutionContext`),
 * in camelCase. The emulator builds it and the plug-in host reads it.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
 */
import type { Entity, EntityReference } from './values';

/** Pipeline stages a step can be registered on. */
export const Stage = { PreValidation: 10, PreOperation: 20, MainOperation: 30, PostOperation: 40 } as const;

/** Execution modes: synchronous (can veto) or asynchronous (after commit). */
export const Mode = { Synchronous: 0, Asynchronous: 1 } as const;

/** What Dataverse sends as `SecondaryEntityName` when there is none. */
export const NO_SECONDARY_ENTITY = 'none';

/** `IsolationMode` values: 1 none (what webhook steps get in the documented sample), 2 sandbox. */
export const IsolationMode = { None: 1, Sandbox: 2 } as const;

/**
 * Keys Dataverse uses inside a context's parameter, variable and image collections.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks#request-body
 */
export const ContextKeys = {
  /** The row (Create/Update) or reference (Delete, Associate) the message is about. */
  target: 'Target',
  /** Input of Create and Update; the documented sample's MainOperation context carries it. */
  suppressDuplicateDetection: 'SuppressDuplicateDetection',
  /** Shared variable of the MainOperation context: table → message for each table the operation changes. */
  changedEntityTypes: 'ChangedEntityTypes',
  /** Post-image every asynchronous step gets: the row's primary name and id. */
  asyncPrimaryNameImage: 'AsynchronousStepPrimaryName',
} as const;

/** One execution of a pipeline step, as posted to a webhook. */
export interface RemoteExecutionContext {
  /** e.g. `Create`, `Update`. */
  messageName: string;
  /** Logical name of the table the message is about. */
  primaryEntityName: string;
  /** Id of the row (the empty GUID on Create before the row exists). */
  primaryEntityId: string;
  /** Second table of a relationship message; Dataverse sends `none` otherwise. */
  secondaryEntityName?: string;
  /** 10 PreValidation, 20 PreOperation, 30 MainOperation (parent contexts), 40 PostOperation. */
  stage: number;
  /** 0 synchronous, 1 asynchronous. */
  mode: number;
  /** 1 for a call from outside; +1 for each operation triggered by a step. */
  depth: number;
  /** systemuserid the operation runs as. */
  userId: string;
  /** systemuserid of who started the chain. */
  initiatingUserId: string;
  /** Entra object id of the user (newer payloads only). */
  userAzureActiveDirectoryObjectId?: string;
  /** Entra object id of the initiating user (newer payloads only). */
  initiatingUserAzureActiveDirectoryObjectId?: string;
  /** `InitiatingUserAgent` (newer payloads only). */
  initiatingUserAgent?: string;
  /** Business unit of the user. */
  businessUnitId: string;
  /** Shared by every operation of one chain; Dataverse uses it to detect loops. */
  correlationId: string;
  /** Id of the request; null for some asynchronous executions. */
  requestId: string | null;
  /** Id of the operation (for an async step, the system job). */
  operationId: string;
  /** When the operation started; an `OffsetDate` when the payload carried a time-zone suffix. */
  operationCreatedOn: Date;
  /** The environment's organization id. */
  organizationId: string;
  /** The environment's unique name. */
  organizationName: string;
  /** True for synchronous steps inside the database transaction (stages 20, 40). */
  isInTransaction: boolean;
  /** 1 none, 2 sandbox. */
  isolationMode: number;
  /** Always false for webhooks (Outlook offline mode). */
  isExecutingOffline?: boolean;
  /** Always false for webhooks. */
  isOfflinePlayback?: boolean;
  /** The step that produced this context (`sdkmessageprocessingstep`), or null. */
  owningExtension?: EntityReference | null;
  /** Message inputs: `Target` (an {@link Entity}), etc. */
  inputParameters: Record<string, unknown>;
  /** Message outputs (PostOperation), e.g. `id` of a created row. */
  outputParameters: Record<string, unknown>;
  /** Values steps of one operation pass to each other. */
  sharedVariables: Record<string, unknown>;
  /** Row snapshots before the operation, by the alias registered on the step. */
  preEntityImages: Record<string, Entity>;
  /** Row snapshots after the operation (PostOperation), by alias. */
  postEntityImages: Record<string, Entity>;
  /**
   * The context of the parent pipeline: for an async step, the operation's MainOperation (stage 30)
   * context (the documented sample); for a message Dataverse ran inside another (an Assign's Update),
   * that message's context; otherwise null.
   */
  parentContext: RemoteExecutionContext | null;
  /** Top-level fields this model does not know, kept as raw JSON so they serialise back unchanged. */
  additionalFields?: Record<string, unknown>;
}

/** The Target of a Create/Update, if it is a row. */
export function targetOf(context: RemoteExecutionContext): Entity | undefined {
  const target = context.inputParameters[ContextKeys.target];
  return typeof target === 'object' && target !== null && 'attributes' in target
    ? (target as Entity)
    : undefined;
}
