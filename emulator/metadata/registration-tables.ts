/**
 * Metadata of the tables behind webhook registrations: serviceendpoint, sdkmessage,
 * sdkmessagefilter, sdkmessageprocessingstep, sdkmessageprocessingstepimage.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/sdkmessageprocessingstep
 */
import {
  SdkMessageFilterTable,
  SdkMessageProcessingStepImageTable,
  SdkMessageProcessingStepTable,
  SdkMessageTable,
  ServiceEndpointAuthType,
  ServiceEndpointContract,
  ServiceEndpointMessageFormat,
  ServiceEndpointTable,
  StepImageType,
  StepMode,
  StepStage,
  StepState,
  StepStatus,
  StepSupportedDeployment,
} from '../../sdk/entities/index';
import { bool, choice, int, memo, stateModel, text } from './columns';
import { defineTable, type DefinedTable, oneToMany } from './define';

/** serviceendpoint: a webhook target (contract Webhook). */
export const serviceEndpointTable = defineTable(ServiceEndpointTable, {
  columns: {
    name: text(256, { required: true }),
    url: text(2000),
    contract: choice(ServiceEndpointContract, {
      required: true,
      labels: {
        [ServiceEndpointContract.OneWay]: 'OneWay',
        [ServiceEndpointContract.TwoWay]: 'TwoWay',
      },
    }),
    authType: choice(ServiceEndpointAuthType),
    authValue: memo(4000),
    messageFormat: choice(ServiceEndpointMessageFormat, {
      default: ServiceEndpointMessageFormat.Json,
      labels: {
        [ServiceEndpointMessageFormat.NetBinary]: '.NET Binary',
        [ServiceEndpointMessageFormat.Json]: 'JSON',
        [ServiceEndpointMessageFormat.Xml]: 'XML',
      },
    }),
    description: text(256),
  },
  relationships: { steps: oneToMany(SdkMessageProcessingStepTable, 'eventHandlerServiceEndpoint') },
});

/** sdkmessage: a message name (Create, Update...). */
export const sdkMessageTable = defineTable(SdkMessageTable, {
  columns: { name: text(256, { required: true }) },
});

/** sdkmessagefilter: a message on one table. */
export const sdkMessageFilterTable = defineTable(SdkMessageFilterTable, {
  columns: {
    name: text(256),
    primaryObjectTypeCode: text(100),
    secondaryObjectTypeCode: text(100),
    customProcessingStepAllowed: bool(true),
  },
  lookups: { message: { required: true } },
});

/** sdkmessageprocessingstep: a registered step (stage, mode, rank, filtering attributes). */
export const sdkMessageProcessingStepTable = defineTable(SdkMessageProcessingStepTable, {
  columns: {
    name: text(256, { required: true }),
    description: text(256),
    stage: choice(StepStage, {
      required: true,
      labels: {
        [StepStage.PreValidation]: 'Pre-validation',
        [StepStage.PreOperation]: 'Pre-operation',
        [StepStage.PostOperation]: 'Post-operation',
      },
    }),
    mode: choice(StepMode, { required: true, default: StepMode.Synchronous }),
    rank: int({ required: true, default: 1 }),
    supportedDeployment: choice(StepSupportedDeployment, {
      default: StepSupportedDeployment.ServerOnly,
      labels: {
        [StepSupportedDeployment.OutlookClientOnly]: 'Microsoft Dynamics 365 Client for Outlook Only',
      },
    }),
    filteringAttributes: memo(100000),
    configuration: memo(),
    asyncAutoDelete: bool(false),
  },
  states: stateModel(StepState, StepStatus, {
    [StepState.Enabled]: [StepStatus.Enabled],
    [StepState.Disabled]: [StepStatus.Disabled],
  }),
  relationships: { images: oneToMany(SdkMessageProcessingStepImageTable, 'step') },
});

/** sdkmessageprocessingstepimage: an entity image (pre/post) a step asks for. */
export const sdkMessageProcessingStepImageTable = defineTable(SdkMessageProcessingStepImageTable, {
  columns: {
    name: text(256, { required: true }),
    entityAlias: text(256, { required: true }),
    imageType: choice(StepImageType, {
      required: true,
      labels: {
        [StepImageType.PreImage]: 'PreImage',
        [StepImageType.PostImage]: 'PostImage',
      },
    }),
    messagePropertyName: text(256, { required: true }),
    attributes: memo(100000),
  },
  lookups: { step: { required: true } },
});

/** The webhook registration tables, in the order the emulator serves them. */
export const registrationTables: readonly DefinedTable[] = [
  serviceEndpointTable,
  sdkMessageTable,
  sdkMessageFilterTable,
  sdkMessageProcessingStepTable,
  sdkMessageProcessingStepImageTable,
];
