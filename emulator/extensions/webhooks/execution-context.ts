/**
 * The RemoteExecutionContext Dataverse posts for one step and event, field for field as in the
 * documented sample (an asynchronous PostOperation Update of a contact): the message's input and
 * output parameters, the registered images plus the one every async step gets, the MainOperation
 * context as ParentContext of an async step, and the caller.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks#request-body
 */
import {
  MessageName,
  SdkMessageProcessingStepTable,
  StandardColumns,
  StepImageType,
  StepMode,
  StepStage,
} from '../../../sdk/entities/index';
import {
  ContextKeys,
  EntityReference,
  IsolationMode,
  NO_SECONDARY_ENTITY,
  stringPairs,
  type Entity,
  type RemoteExecutionContext,
} from '../../../sdk/webhooks/index';
import type { ColumnValues, OperationEvent } from '../../contracts';
import { tableByLogicalName } from '../../metadata/index';
import { toEntity } from './context-entities';
import type { WebhookStep } from './registrations';

export { toEntity, toTypedValue } from './context-entities';

/** What Dataverse sends for a Guid member it has no value for. */
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The MainOperation stage: only ever seen as the ParentContext of an async step. */
const MAIN_OPERATION = 30;

/** The organization the emulator pretends to be. */
export interface OrganizationInfo {
  organizationId: string;
  /** Unique name of the organization, e.g. `emulator`. */
  organizationName: string;
  businessUnitId: string;
}

/** Inputs of one step execution besides the event. */
export interface ContextInputs {
  step: WebhookStep;
  /** Stage the step runs in (10, 20, 40). */
  stage: number;
  /** For async steps: the system job's id; for sync: the request's id. */
  operationId: string;
  organization: OrganizationInfo;
  now: Date;
  /** The Microsoft Entra object id of a systemuser, when it has one. */
  entraObjectIdOf?: (userId: string) => string | undefined;
}

/**
 * The Target's columns. As sent, Dataverse adds the primary key (always on Update; on Create once
 * the row exists). At PostOperation of an Update it also carries what the platform wrote: computed
 * columns (contact.fullname) and who changed the row when, as the documented sample shows.
 */
function targetColumns(event: OperationEvent, stage: number): ColumnValues {
  const table = tableByLogicalName(event.entityName);
  const primaryId = table?.primaryId;
  const withKey = event.message === MessageName.Update || stage === StepStage.PostOperation;
  const columns: ColumnValues =
    primaryId && withKey ? { ...event.target, [primaryId]: event.id } : { ...event.target };
  if (event.message !== MessageName.Update || stage !== StepStage.PostOperation || !event.postImage) {
    return columns;
  }
  const row = event.postImage;
  const computed = table?.computed ? Object.keys(table.computed(row)) : [];
  for (const column of [...computed, StandardColumns.modifiedOn, StandardColumns.modifiedBy]) {
    if (!(column in columns) && column in row) columns[column] = row[column];
  }
  // The emulator has no impersonation on behalf of another user: Dataverse sends null then.
  columns[StandardColumns.modifiedOnBehalfBy] = null;
  return columns;
}

function inputParameters(event: OperationEvent, stage: number): Record<string, unknown> {
  const reference = new EntityReference(event.entityName, event.id);
  switch (event.message) {
    case MessageName.Create:
    case MessageName.Update:
      return { [ContextKeys.target]: toEntity(event.entityName, event.id, targetColumns(event, stage)) };
    case MessageName.Delete:
      return { [ContextKeys.target]: reference };
    case MessageName.Associate:
    case MessageName.Disassociate:
      return {
        [ContextKeys.target]: reference,
        Relationship: {
          __type: 'Relationship:http://schemas.microsoft.com/xrm/2011/Contracts',
          PrimaryEntityRole: null,
          SchemaName: event.relationship ?? '',
        },
        RelatedEntities: (event.relatedEntities ?? []).map((r) => new EntityReference(r.logicalName, r.id)),
      };
  }
}

/** The registered images of one kind, by alias (`sdkmessageprocessingstepimage.entityalias`). */
function registeredImages(
  event: OperationEvent,
  step: WebhookStep,
  stage: number,
  kind: 'pre' | 'post',
): Record<string, Entity> {
  const source = kind === 'pre' ? event.preImage : event.postImage;
  // Create has no pre-image; a post-image exists only once the row is written (PostOperation).
  if (!source || (kind === 'post' && stage !== StepStage.PostOperation)) return {};
  const wanted = kind === 'pre' ? StepImageType.PreImage : StepImageType.PostImage;
  const result: Record<string, Entity> = {};
  for (const image of step.images) {
    if (image.imageType !== wanted && image.imageType !== StepImageType.Both) continue;
    result[image.alias] = toEntity(event.entityName, event.id, source, image.attributes);
  }
  return result;
}

/**
 * Post-images of an async step: the registered ones, then `AsynchronousStepPrimaryName` (primary
 * name, then primary key) that Dataverse adds to every async step without it being registered.
 */
function postImages(event: OperationEvent, step: WebhookStep, stage: number): Record<string, Entity> {
  const images = registeredImages(event, step, stage, 'post');
  const table = tableByLogicalName(event.entityName);
  const row = event.postImage;
  if (step.mode !== StepMode.Asynchronous || !row || !table?.primaryName) return images;
  const primary = { [table.primaryName]: row[table.primaryName] ?? null, [table.primaryId]: event.id };
  return { ...images, [ContextKeys.asyncPrimaryNameImage]: toEntity(event.entityName, event.id, primary) };
}

/** The fields every context of this execution shares, whatever its stage. */
function common(event: OperationEvent, inputs: ContextInputs) {
  const { step, organization } = inputs;
  const { userId } = event.context;
  const entraId = inputs.entraObjectIdOf?.(userId) ?? EMPTY_GUID;
  const relationship = event.message === MessageName.Associate || event.message === MessageName.Disassociate;
  return {
    messageName: event.message,
    primaryEntityName: event.entityName,
    primaryEntityId: event.id,
    secondaryEntityName: relationship
      ? (event.relatedEntities?.[0]?.logicalName ?? NO_SECONDARY_ENTITY)
      : NO_SECONDARY_ENTITY,
    mode: step.mode,
    depth: event.context.depth,
    userId,
    initiatingUserId: userId,
    userAzureActiveDirectoryObjectId: entraId,
    initiatingUserAzureActiveDirectoryObjectId: entraId,
    // A DataMember of RemoteExecutionContext; the emulator's requests do not carry one through.
    initiatingUserAgent: '',
    businessUnitId: organization.businessUnitId,
    correlationId: event.context.correlationId,
    requestId: step.mode === StepMode.Asynchronous ? null : event.context.requestId,
    operationId: inputs.operationId,
    operationCreatedOn: inputs.now,
    organizationId: organization.organizationId,
    organizationName: organization.organizationName,
    isolationMode: IsolationMode.None,
    isExecutingOffline: false,
    isOfflinePlayback: false,
    owningExtension: new EntityReference(SdkMessageProcessingStepTable.logicalName, step.id, step.name),
  };
}

/**
 * The MainOperation (stage 30) context an async step gets as ParentContext, as in the documented
 * sample: the Target as the caller sent it, SuppressDuplicateDetection, no images, and the tables
 * the operation changed in `ChangedEntityTypes` (the emulator names the primary table only).
 */
function mainOperationContext(event: OperationEvent, inputs: ContextInputs): RemoteExecutionContext {
  const parameters = inputParameters(event, MAIN_OPERATION);
  if (event.message === MessageName.Create || event.message === MessageName.Update) {
    parameters[ContextKeys.suppressDuplicateDetection] = false;
  }
  return {
    ...common(event, inputs),
    stage: MAIN_OPERATION,
    isInTransaction: false,
    inputParameters: parameters,
    outputParameters: {},
    sharedVariables: { [ContextKeys.changedEntityTypes]: stringPairs([[event.entityName, event.message]]) },
    preEntityImages: {},
    postEntityImages: {},
    parentContext: null,
  };
}

/**
 * Builds the RemoteExecutionContext Dataverse would post for this step and event. ParentContext is
 * the MainOperation context for an async step and null for a sync one: the emulator's messages never
 * run inside another message's pipeline (as Assign runs an Update), the case the docs give for it.
 */
export function buildExecutionContext(event: OperationEvent, inputs: ContextInputs): RemoteExecutionContext {
  const { step, stage } = inputs;
  const outputParameters: Record<string, unknown> =
    event.message === MessageName.Create && stage === StepStage.PostOperation ? { id: event.id } : {};
  const async = step.mode === StepMode.Asynchronous;
  return {
    ...common(event, inputs),
    stage,
    isInTransaction: !async && stage !== StepStage.PreValidation,
    inputParameters: inputParameters(event, stage),
    outputParameters,
    sharedVariables: {},
    preEntityImages: registeredImages(event, step, stage, 'pre'),
    postEntityImages: postImages(event, step, stage),
    parentContext: async ? mainOperationContext(event, inputs) : null,
  };
}
