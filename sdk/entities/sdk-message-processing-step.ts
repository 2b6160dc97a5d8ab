/**
 * sdkmessageprocessingstep and sdkmessageprocessingstepimage: a step registered on a message and
 * table (stage, mode, rank, filtering attributes) with its event handler, and the entity images
 * (pre/post) it asks Dataverse to send along.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/sdkmessageprocessingstep
 */
import { lookup, type TableDefinition } from './table';

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
