/**
 * Metadata of the platform tables the product touches: systemuser, workflow, email,
 * activityparty and asyncoperation. Names and option values come from sdk/entities.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/workflow
 */
import {
  AccountTable,
  ActivityPartyTable,
  AnnotationTable,
  ActivityState,
  AsyncOperationState,
  AsyncOperationStatus,
  AsyncOperationTable,
  AsyncOperationType,
  ContactTable,
  EmailNotifications,
  EmailPriority,
  EmailStatus,
  EmailTable,
  ParticipationType,
  SystemUserTable,
  WorkflowCategory,
  WorkflowMode,
  WorkflowScope,
  WorkflowState,
  WorkflowStatus,
  WorkflowTable,
  WorkflowType,
} from '../../sdk/entities/index';
import { bool, choice, dateTime, guid, int, memo, stateModel, text } from './columns';
import { defineTable, type DefinedTable, oneToMany } from './define';

/** systemuser; the seeded caller is what WhoAmI answers. */
export const systemUserTable = defineTable(SystemUserTable, {
  columns: {
    fullName: text(200),
    firstName: text(64),
    lastName: text(64),
    azureActiveDirectoryObjectId: guid(),
    email: text(100),
    domainName: text(1024),
    disabled: bool(false),
  },
});

/** workflow; only a Draft definition may have its definition columns changed. */
export const workflowTable = defineTable(WorkflowTable, {
  columns: {
    name: text(100, { required: true }),
    uniqueName: text(256),
    primaryEntity: text(100, { required: true }),
    xaml: memo(),
    category: choice(WorkflowCategory, { default: WorkflowCategory.Workflow }),
    type: choice(WorkflowType, { default: WorkflowType.Definition }),
    mode: choice(WorkflowMode, {
      default: WorkflowMode.Background,
      labels: { [WorkflowMode.RealTime]: 'Real-time' },
    }),
    onDemand: bool(false),
    scope: choice(WorkflowScope, {
      default: WorkflowScope.User,
      labels: { [WorkflowScope.ParentChildBusinessUnits]: 'Parent: Child Business Units' },
    }),
    description: memo(100000),
    clientData: memo(),
    subprocess: bool(false),
    triggerOnCreate: bool(false),
    triggerOnDelete: bool(false),
    triggerOnUpdateAttributeList: memo(100000),
    asyncAutoDelete: bool(false),
  },
  states: stateModel(
    WorkflowState,
    WorkflowStatus,
    {
      [WorkflowState.Draft]: [WorkflowStatus.Draft],
      [WorkflowState.Activated]: [WorkflowStatus.Activated],
      [WorkflowState.Suspended]: [WorkflowStatus.CompanyDLPViolation],
    },
    { [WorkflowStatus.CompanyDLPViolation]: 'CompanyDLPViolation' },
  ),
  relationships: { asyncOperations: oneToMany(AsyncOperationTable, 'workflowActivation') },
});

/** email activity; to/from/cc/bcc are party lists (activityparty rows). */
export const emailTable = defineTable(EmailTable, {
  columns: {
    subject: text(400),
    body: memo(),
    directionCode: bool(true),
    sender: text(250),
    toRecipients: text(500),
    sentOn: dateTime(),
    priority: choice(EmailPriority, { default: EmailPriority.Normal }),
    deliveryPriority: choice(EmailPriority, { default: EmailPriority.Normal }),
    notifications: choice(EmailNotifications, {
      labels: {
        [EmailNotifications.AttachmentsNotSaved]:
          'The message was saved as a Microsoft Dynamics 365 email record, but not all the attachments could be saved with it.',
      },
    }),
  },
  states: stateModel(ActivityState, EmailStatus, {
    [ActivityState.Open]: [EmailStatus.Draft, EmailStatus.Failed],
    [ActivityState.Completed]: [
      EmailStatus.Completed,
      EmailStatus.Sent,
      EmailStatus.Received,
      EmailStatus.PendingSend,
      EmailStatus.Sending,
    ],
    [ActivityState.Canceled]: [EmailStatus.Canceled],
  }),
  relationships: { parties: oneToMany(ActivityPartyTable, 'activityEmail') },
  activity: {
    parties: {
      from: ParticipationType.Sender,
      to: ParticipationType.ToRecipient,
      cc: ParticipationType.CC,
      bcc: ParticipationType.BCC,
    },
    navigation: 'parties',
  },
});

/** activityparty: one party of an activity (sender, recipient, customer...). */
export const activityPartyTable = defineTable(ActivityPartyTable, {
  columns: {
    participationType: choice(ParticipationType, {
      required: true,
      labels: { [ParticipationType.CC]: 'CC Recipient', [ParticipationType.BCC]: 'BCC Recipient' },
    }),
    addressUsed: text(320),
  },
  lookups: { activityEmail: { required: true } },
  audit: false,
});

/**
 * The column holding the e-mail address of each table a party may point to: what Dataverse copies
 * into activityparty.addressused, and what an e-mail needs to be delivered.
 */
export const PARTY_ADDRESS_COLUMNS: Readonly<Record<string, string>> = {
  [ContactTable.logicalName]: ContactTable.columns.email,
  [AccountTable.logicalName]: AccountTable.columns.email,
  [SystemUserTable.logicalName]: SystemUserTable.columns.email,
};

/** asyncoperation (system job), e.g. the run of an on-demand workflow. */
export const asyncOperationTable = defineTable(AsyncOperationTable, {
  columns: {
    name: text(256),
    operationType: choice(AsyncOperationType),
    message: memo(),
    friendlyMessage: memo(),
    completedOn: dateTime(),
    startedOn: dateTime(),
    primaryEntityType: text(100),
    data: memo(),
    errorCode: int(),
    correlationId: guid(),
  },
  states: stateModel(AsyncOperationState, AsyncOperationStatus, {
    [AsyncOperationState.Ready]: [AsyncOperationStatus.WaitingForResources],
    [AsyncOperationState.Suspended]: [AsyncOperationStatus.Waiting],
    [AsyncOperationState.Locked]: [
      AsyncOperationStatus.InProgress,
      AsyncOperationStatus.Pausing,
      AsyncOperationStatus.Canceling,
    ],
    [AsyncOperationState.Completed]: [
      AsyncOperationStatus.Succeeded,
      AsyncOperationStatus.Failed,
      AsyncOperationStatus.Canceled,
    ],
  }),
});

/** annotation (note): the emulator serves the invitation side of its polymorphic `objectid` only. */
export const annotationTable = defineTable(AnnotationTable, {
  columns: {
    subject: text(500),
    noteText: memo(100000),
  },
});

/** The platform tables, in the order the emulator serves them. */
export const systemTables: readonly DefinedTable[] = [
  systemUserTable,
  workflowTable,
  emailTable,
  activityPartyTable,
  asyncOperationTable,
  annotationTable,
];
