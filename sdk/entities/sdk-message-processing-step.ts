/**
 * sdkmessageprocessingstep and sdkmessageprocessingstepimage: a step registered on a message and
 * table (stage, mode, rank, filtering attributes) with its event handler, and the entity images
 * (pre/post) it asks Dataverse to send along.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/sdkmessageprocessingstep
 */
import type { WebApiRecord } from '../client/types';
import { SdkMessageFilterTable, SdkMessageTable } from './sdk-message';
import { ServiceEndpointTable } from './service-endpoint';
import { lookup, type TableDefinition } from './table';
import { bindLookup } from './web-api-values';

/** sdkmessageprocessingstep's names. */
export const SdkMessageProcessingStepTable = {
  logicalName: 'sdkmessageprocessingstep',
  entitySet: 'sdkmessageprocessingsteps',
  primaryId: 'sdkmessageprocessingstepid',
  primaryName: 'name',
  columns: {
    id: 'sdkmessageprocessingstepid',
    name: 'name',
    description: 'description',
    stage: 'stage',
    mode: 'mode',
    rank: 'rank',
    supportedDeployment: 'supporteddeployment',
    /** Comma-separated column names; Update only. */
    filteringAttributes: 'filteringattributes',
    configuration: 'configuration',
    /** Delete the system job when an asynchronous run succeeds. */
    asyncAutoDelete: 'asyncautodelete',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    /** Polymorphic; a webhook step points at its serviceendpoint. */
    eventHandlerServiceEndpoint: lookup('eventhandler', 'eventhandler_serviceendpoint', 'serviceendpoint'),
    message: lookup('sdkmessageid', 'sdkmessageid', 'sdkmessage'),
    messageFilter: lookup('sdkmessagefilterid', 'sdkmessagefilterid', 'sdkmessagefilter'),
  },
  relationships: {
    /** 1:N to the entity images the step asks for. */
    images: 'sdkmessageprocessingstepid_sdkmessageprocessingstepimage',
  },
} as const satisfies TableDefinition;

/** sdkmessageprocessingstep.stage values a custom step can be registered on. */
export enum StepStage {
  /** Before the transaction and before security checks; can refuse the operation. */
  PreValidation = 10,
  /** Inside the transaction, before the row is written; can change the Target. */
  PreOperation = 20,
  /** Inside the transaction (synchronous) or after commit (asynchronous), after the write. */
  PostOperation = 40,
}

/** sdkmessageprocessingstep.mode. */
export enum StepMode {
  /** Runs in the request; an error rolls the operation back. */
  Synchronous = 0,
  /** Runs as a system job after commit; PostOperation only. */
  Asynchronous = 1,
}

/** sdkmessageprocessingstep.supporteddeployment. */
export enum StepSupportedDeployment {
  ServerOnly = 0,
  OutlookClientOnly = 1,
  Both = 2,
}

/** sdkmessageprocessingstep.statecode. */
export enum StepState {
  Enabled = 0,
  Disabled = 1,
}

/** sdkmessageprocessingstep.statuscode: one status per state. */
export enum StepStatus {
  Enabled = 1,
  Disabled = 2,
}

/** Fields accepted by {@link sdkMessageProcessingStepToWebApi}; `null` clears a column. */
export interface SdkMessageProcessingStepFields {
  /** Client-chosen sdkmessageprocessingstepid (create only). */
  id?: string;
  name?: string;
  description?: string | null;
  stage?: StepStage;
  mode?: StepMode;
  rank?: number;
  supportedDeployment?: StepSupportedDeployment;
  /** Delete the system job when an asynchronous run succeeds. */
  asyncAutoDelete?: boolean;
  /** Columns whose change triggers an Update step; empty or null = any column. */
  filteringAttributes?: readonly string[] | null;
  /** The webhook (serviceendpoint) that handles the step. */
  serviceEndpointId?: string;
  /** The sdkmessage (Create, Update...). */
  messageId?: string;
  /** The sdkmessagefilter: the message on one table. */
  messageFilterId?: string;
}

const { columns: s, lookups: l } = SdkMessageProcessingStepTable;

/** Builds a create/update body; only given fields are written, lookups bound by navigation. */
export function sdkMessageProcessingStepToWebApi(fields: SdkMessageProcessingStepFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.description !== undefined) body[s.description] = fields.description;
  if (fields.stage !== undefined) body[s.stage] = fields.stage;
  if (fields.mode !== undefined) body[s.mode] = fields.mode;
  if (fields.rank !== undefined) body[s.rank] = fields.rank;
  if (fields.supportedDeployment !== undefined) body[s.supportedDeployment] = fields.supportedDeployment;
  if (fields.asyncAutoDelete !== undefined) body[s.asyncAutoDelete] = fields.asyncAutoDelete;
  if (fields.filteringAttributes !== undefined) {
    body[s.filteringAttributes] = fields.filteringAttributes?.length
      ? fields.filteringAttributes.join(',')
      : null;
  }
  if (fields.serviceEndpointId !== undefined) {
    Object.assign(
      body,
      bindLookup(
        l.eventHandlerServiceEndpoint.navigation,
        ServiceEndpointTable.entitySet,
        fields.serviceEndpointId,
      ),
    );
  }
  if (fields.messageId !== undefined)
    Object.assign(body, bindLookup(l.message.navigation, SdkMessageTable.entitySet, fields.messageId));
  if (fields.messageFilterId !== undefined) {
    Object.assign(
      body,
      bindLookup(l.messageFilter.navigation, SdkMessageFilterTable.entitySet, fields.messageFilterId),
    );
  }
  if (fields.name !== undefined) body[s.name] = fields.name;
  if (fields.id !== undefined) body[s.id] = fields.id;
  return body;
}

/** sdkmessageprocessingstepimage's names. */
export const SdkMessageProcessingStepImageTable = {
  logicalName: 'sdkmessageprocessingstepimage',
  entitySet: 'sdkmessageprocessingstepimages',
  primaryId: 'sdkmessageprocessingstepimageid',
  primaryName: 'name',
  columns: {
    id: 'sdkmessageprocessingstepimageid',
    name: 'name',
    /** The key the image has in Pre/PostEntityImages. */
    entityAlias: 'entityalias',
    imageType: 'imagetype',
    /** `Target` for Create/Update, `Id` for Delete... */
    messagePropertyName: 'messagepropertyname',
    /** Comma-separated column names; empty = every column. */
    attributes: 'attributes',
  },
  lookups: {
    step: lookup('sdkmessageprocessingstepid', 'sdkmessageprocessingstepid', 'sdkmessageprocessingstep'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/** sdkmessageprocessingstepimage.imagetype. */
export enum StepImageType {
  PreImage = 0,
  PostImage = 1,
  Both = 2,
}
