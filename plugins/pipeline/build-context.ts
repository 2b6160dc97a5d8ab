/**
 * Builds an execution context in-process, for running steps without Dataverse calling a webhook
 * (tests, or an integration that has no webhook registered). The result is what Dataverse would post.
 */
import { randomUUID } from 'node:crypto';
import { StepMode } from '../../sdk/entities/index';
import { NO_SECONDARY_ENTITY, type Entity, type RemoteExecutionContext } from '../../sdk/webhooks/index';

/** The empty GUID Dataverse uses for "no id yet". */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** Options for {@link buildContext}. */
export interface BuildContextOptions {
  /** e.g. `Create`. */
  message: string;
  /** Logical name of the table. */
  entity: string;
  /** Row id; default the Target's id, else the empty GUID. */
  id?: string;
  stage: number;
  /** Default {@link StepMode.Synchronous}. */
  mode?: number;
  /** Default 1 (a call from outside). */
  depth?: number;
  /** The row being written (`InputParameters.Target`). */
  target?: Entity;
  preImages?: Record<string, Entity>;
  postImages?: Record<string, Entity>;
  /** Carried over from an earlier stage of the same operation. */
  sharedVariables?: Record<string, unknown>;
  userId?: string;
  organizationId?: string;
  correlationId?: string;
  /** The clock; default Date.now. */
  now?: () => number;
}

/** A complete {@link RemoteExecutionContext} with fresh ids where none are given. */
export function buildContext(options: BuildContextOptions): RemoteExecutionContext {
  const userId = options.userId ?? EMPTY_GUID;
  const requestId = randomUUID();
  return {
    messageName: options.message,
    primaryEntityName: options.entity,
    primaryEntityId: options.id ?? options.target?.id ?? EMPTY_GUID,
    secondaryEntityName: NO_SECONDARY_ENTITY,
    stage: options.stage,
    mode: options.mode ?? StepMode.Synchronous,
    depth: options.depth ?? 1,
    userId,
    initiatingUserId: userId,
    businessUnitId: EMPTY_GUID,
    correlationId: options.correlationId ?? randomUUID(),
    requestId,
    operationId: requestId,
    operationCreatedOn: new Date((options.now ?? Date.now)()),
    organizationId: options.organizationId ?? EMPTY_GUID,
    organizationName: '',
    isInTransaction: (options.mode ?? StepMode.Synchronous) === StepMode.Synchronous,
    isolationMode: 1,
    owningExtension: null,
    inputParameters: options.target ? { Target: options.target } : {},
    outputParameters: {},
    sharedVariables: options.sharedVariables ?? {},
    preEntityImages: options.preImages ?? {},
    postEntityImages: options.postImages ?? {},
    parentContext: null,
  };
}
