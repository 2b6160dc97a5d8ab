/**
 * The RemoteExecutionContext Dataverse posts for one step and event: the message's input and
 * output parameters, images and the caller, with column values typed as the SDK types them
 * (OptionSetValue, EntityReference, party lists, dates, Money).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
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
  EntityReference,
  Money,
  NO_SECONDARY_ENTITY,
  OptionSetValue,
  partyList,
  type Entity,
  type RemoteExecutionContext,
} from '../../../sdk/webhooks/index';
import { isLookupValue, type ColumnValues, type OperationEvent } from '../../contracts';
import { columnOf, tableByLogicalName } from '../../metadata/index';
import type { WebhookStep } from './registrations';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One canonical column value as the SDK type Dataverse puts in an execution context: choices as
 * `OptionSetValue`, lookups as `EntityReference`, party lists as an `EntityCollection` of activity
 * parties, dates as `Date`, money as `Money`. The table's metadata decides; without it, only
 * lookups, state/status and ISO dates are recognised.
 */
export function toTypedValue(entityName: string, column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const table = tableByLogicalName(entityName);
  const party = table?.activity?.parties.find((p) => p.name === column);
  if (party || (Array.isArray(value) && value.every(isLookupValue))) {
    const refs = (Array.isArray(value) ? value : [value])
      .filter(isLookupValue)
      .map((v) => new EntityReference(v.logicalName, v.id, v.name ?? null));
    return partyList(refs, party?.participationType ?? 0);
  }
  if (isLookupValue(value)) return new EntityReference(value.logicalName, value.id, value.name ?? null);
  const type: string | undefined = table ? columnOf(table, column)?.type : undefined;
  if (typeof value === 'number') {
    if (type === 'choice' || type === 'state' || type === 'status') return new OptionSetValue(value);
    if (type === 'money') return new Money(value);
    if (!type && (column === StandardColumns.state || column === StandardColumns.status))
      return new OptionSetValue(value);
    return value;
  }
  if (typeof value === 'string' && (type === 'datetime' || (!type && ISO_DATE.test(value)))) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

/** Formatted values Dataverse adds for choice columns (the option's label). */
function formattedValues(entityName: string, values: ColumnValues): Record<string, string> {
  const table = tableByLogicalName(entityName);
  const result: Record<string, string> = {};
  if (!table) return result;
  for (const [column, value] of Object.entries(values)) {
    const options = columnOf(table, column)?.options;
    if (options && typeof value === 'number' && options[value] !== undefined) result[column] = options[value];
  }
  return result;
}

/**
 * A row as an execution-context `Entity`.
 * @param columns When given, only these columns (an image registered with attributes).
 */
export function toEntity(entityName: string, id: string, values: ColumnValues, columns?: string[]): Entity {
  const picked =
    columns && columns.length > 0
      ? Object.fromEntries(Object.entries(values).filter(([c]) => columns.includes(c.toLowerCase())))
      : values;
  const attributes: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(picked)) {
    if (value === undefined) continue;
    attributes[column] = toTypedValue(entityName, column, value);
  }
  return { logicalName: entityName, id, attributes, formattedValues: formattedValues(entityName, picked) };
}

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
  const withKey = event.message === MessageName.Update || stage === StepStage.PostOperation;
  return primaryId && withKey ? { ...event.target, [primaryId]: event.id } : { ...event.target };
}

function inputParameters(event: OperationEvent, stage: number): Record<string, unknown> {
  const reference = new EntityReference(event.entityName, event.id);
  switch (event.message) {
    case MessageName.Create:
    case MessageName.Update:
      return { Target: toEntity(event.entityName, event.id, targetColumns(event, stage)) };
    case MessageName.Delete:
      return { Target: reference };
    case MessageName.Associate:
    case MessageName.Disassociate:
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

/** Builds the RemoteExecutionContext Dataverse would post for this step and event. */
export function buildExecutionContext(event: OperationEvent, inputs: ContextInputs): RemoteExecutionContext {
  const { step, stage, organization } = inputs;
  const outputParameters: Record<string, unknown> =
    event.message === MessageName.Create && stage === StepStage.PostOperation ? { id: event.id } : {};
  return {
    messageName: event.message,
    primaryEntityName: event.entityName,
    primaryEntityId: event.id,
    secondaryEntityName:
      event.message === MessageName.Associate || event.message === MessageName.Disassociate
        ? (event.relatedEntities?.[0]?.logicalName ?? NO_SECONDARY_ENTITY)
        : NO_SECONDARY_ENTITY,
    stage,
    mode: step.mode,
    depth: event.context.depth,
    userId: event.context.userId,
    initiatingUserId: event.context.userId,
    businessUnitId: organization.businessUnitId,
    correlationId: event.context.correlationId,
    requestId: step.mode === StepMode.Asynchronous ? null : event.context.requestId,
    operationId: inputs.operationId,
    operationCreatedOn: inputs.now,
    organizationId: organization.organizationId,
    organizationName: organization.organizationName,
    isInTransaction: step.mode === StepMode.Synchronous && stage !== StepStage.PreValidation,
    isolationMode: 2,
    isExecutingOffline: false,
    isOfflinePlayback: false,
    owningExtension: new EntityReference(SdkMessageProcessingStepTable.logicalName, step.id, step.name),
    inputParameters: inputParameters(event, stage),
    outputParameters,
    sharedVariables: {},
    preEntityImages: images(event, step, stage, 'pre'),
    postEntityImages: images(event, step, stage, 'post'),
    parentContext: null,
  };
}
