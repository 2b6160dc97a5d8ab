import type { ColumnValues, OperationEvent } from '../../contracts';
import { tableByLogicalName } from '../../metadata/index';
import {
  EntityReference,
  NO_SECONDARY_ENTITY,
  type Entity,
  type RemoteExecutionContext,
} from '../../../sdk/webhooks/index';
import { StepCodes } from '../dataverse-codes';
import type { ResolvedStep } from './step-registry';
import { toEntity } from './typed-values';

/** The organization the emulator pretends to be. */
export interface OrganizationInfo {
  organizationId: string;
  /** Unique name of the organization, e.g. `emulator`. */
  organizationName: string;
  businessUnitId: string;
}

/** Inputs of one step execution besides the event. */
export interface ContextInputs {
  step: ResolvedStep;
  /** Stage the step runs in (10, 20, 40). */
  stage: number;
  /** For async steps: the system job's id; for sync: a fresh id. */
  operationId: string;
  organization: OrganizationInfo;
  now: Date;
}

/**
 * The Target's columns: what the caller sent, plus the primary key where Dataverse adds it (always on
 * Update; on Create once the row exists, at PostOperation).
 */
function targetColumns(event: OperationEvent, stage: number): ColumnValues {
  const primaryId = tableByLogicalName(event.entityName)?.primaryId;
  const withKey = event.message === 'Update' || stage === StepCodes.stagePostOperation;
  return primaryId && withKey ? { ...event.target, [primaryId]: event.id } : { ...event.target };
}

function inputParameters(event: OperationEvent, stage: number): Record<string, unknown> {
  const reference = new EntityReference(event.entityName, event.id);
  switch (event.message) {
    case 'Create':
    case 'Update':
      return { Target: toEntity(event.entityName, event.id, targetColumns(event, stage)) };
    case 'Delete':
      return { Target: reference };
    case 'Associate':
    case 'Disassociate':
      return {
        Target: reference,
        Relationship: {
          __type: 'Relationship:http://schemas.microsoft.com/xrm/2011/Contracts',
          PrimaryEntityRole: null,
          SchemaName: event.relationship ?? '',
        },
        RelatedEntities: (event.relatedEntities ?? []).map((r) => new EntityReference(r.logicalName, r.id)),
      };
  }
}

function images(
  event: OperationEvent,
  step: ResolvedStep,
  stage: number,
  kind: 'pre' | 'post',
): Record<string, Entity> {
  const source = kind === 'pre' ? event.preImage : event.postImage;
  // Create has no pre-image; a post-image exists only once the row is written (PostOperation).
  if (!source || (kind === 'post' && stage !== StepCodes.stagePostOperation)) return {};
  const wanted = kind === 'pre' ? StepCodes.imagePre : StepCodes.imagePost;
  const result: Record<string, Entity> = {};
  for (const image of step.images) {
    if (image.imageType !== wanted && image.imageType !== StepCodes.imageBoth) continue;
    result[image.alias] = toEntity(event.entityName, event.id, source, image.attributes);
  }
  return result;
}

/** Builds the RemoteExecutionContext Dataverse would post for this step and event. */
export function buildExecutionContext(event: OperationEvent, inputs: ContextInputs): RemoteExecutionContext {
  const { step, stage, organization } = inputs;
  const outputParameters: Record<string, unknown> =
    event.message === 'Create' && stage === StepCodes.stagePostOperation ? { id: event.id } : {};
  return {
    messageName: event.message,
    primaryEntityName: event.entityName,
    primaryEntityId: event.id,
    secondaryEntityName:
      event.message === 'Associate' || event.message === 'Disassociate'
        ? (event.relatedEntities?.[0]?.logicalName ?? NO_SECONDARY_ENTITY)
        : NO_SECONDARY_ENTITY,
    stage,
    mode: step.mode,
    depth: event.context.depth,
    userId: event.context.userId,
    initiatingUserId: event.context.userId,
    businessUnitId: organization.businessUnitId,
    correlationId: event.context.correlationId,
    requestId: step.mode === StepCodes.modeAsync ? null : event.context.requestId,
    operationId: inputs.operationId,
    operationCreatedOn: inputs.now,
    organizationId: organization.organizationId,
    organizationName: organization.organizationName,
    isInTransaction: step.mode === StepCodes.modeSync && stage !== 10,
    isolationMode: 2,
    isExecutingOffline: false,
    isOfflinePlayback: false,
    owningExtension: new EntityReference('sdkmessageprocessingstep', step.id, step.name),
    inputParameters: inputParameters(event, stage),
    outputParameters,
    sharedVariables: {},
    preEntityImages: images(event, step, stage, 'pre'),
    postEntityImages: images(event, step, stage, 'post'),
    parentContext: null,
  };
}
