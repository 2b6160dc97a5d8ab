/** workflow: classic processes; the Send Invitation definition and redemption workflows live here. */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { readBoolean, readEtag, readLookupId, readNumber, readString } from './web-api-values';

/** The name of the portal's invitation workflow definition (the Send Invitation e-mail). */
export const SEND_INVITATION_WORKFLOW_NAME = 'Send Invitation';

/** workflow's names. */
export const WorkflowTable = {
  logicalName: 'workflow',
  entitySet: 'workflows',
  primaryId: 'workflowid',
  primaryName: 'name',
  columns: {
    id: 'workflowid',
    name: 'name',
    uniqueName: 'uniquename',
    primaryEntity: 'primaryentity',
    xaml: 'xaml',
    category: 'category',
    type: 'type',
    mode: 'mode',
    onDemand: 'ondemand',
    scope: 'scope',
    description: 'description',
    /** The designer's JSON (modern flows); kept as it is for classic processes. */
    clientData: 'clientdata',
    /** Whether other processes may call this one as a child. */
    subprocess: 'subprocess',
    triggerOnCreate: 'triggeroncreate',
    triggerOnDelete: 'triggerondelete',
    /** Comma-separated columns whose change starts the process. */
    triggerOnUpdateAttributeList: 'triggeronupdateattributelist',
    /** Delete the system job when a background run succeeds. */
    asyncAutoDelete: 'asyncautodelete',
    state: 'statecode',
    status: 'statuscode',
  },
  lookups: {
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
    parentWorkflow: lookup('parentworkflowid', 'parentworkflowid', 'workflow'),
    /** On a definition: its activated copy. */
    activeWorkflow: lookup('activeworkflowid', 'activeworkflowid', 'workflow'),
  },
  relationships: {
    /** 1:N to the system jobs that ran this process. */
    asyncOperations: 'workflow_asyncoperations',
  },
} as const satisfies TableDefinition;

/** workflow statecode. */
export enum WorkflowState {
  Draft = 0,
  Activated = 1,
  Suspended = 2,
}

/** workflow statuscode. */
export enum WorkflowStatus {
  Draft = 1,
  Activated = 2,
  /** The process breaks a data loss prevention policy (state Suspended). */
  CompanyDLPViolation = 3,
}

/** workflow type. Edit only the Definition; Activation rows are the platform's compiled copies. */
export enum WorkflowType {
  Definition = 1,
  Activation = 2,
  Template = 3,
}

/** workflow category. */
export enum WorkflowCategory {
  Workflow = 0,
  Dialog = 1,
  BusinessRule = 2,
  Action = 3,
  BusinessProcessFlow = 4,
  ModernFlow = 5,
}

/** workflow scope: whose rows a background process runs on. */
export enum WorkflowScope {
  User = 1,
  BusinessUnit = 2,
  ParentChildBusinessUnits = 3,
  Organization = 4,
}

/** workflow mode. */
export enum WorkflowMode {
  Background = 0,
  RealTime = 1,
}

/** The process as the services use it. */
export interface WorkflowRecord {
  id: string;
  name: string;
  state: WorkflowState;
  status: WorkflowStatus;
  type: WorkflowType;
  primaryEntity: string;
  onDemand: boolean;
  category?: WorkflowCategory;
  uniqueName?: string;
  mode?: WorkflowMode;
  ownerId?: string;
  /** The definition; present when selected. */
  xaml?: string;
  etag?: string;
}

const { columns: c, lookups: l } = WorkflowTable;

/** `$select` for everything {@link toWorkflowRecord} reads except the (large) xaml. */
export const workflowSelect: string[] = [
  c.id,
  c.name,
  c.uniqueName,
  c.primaryEntity,
  c.category,
  c.type,
  c.mode,
  c.onDemand,
  c.state,
  c.status,
  l.owner.valueField,
];

/** Reads a Web API row of workflows. */
export function toWorkflowRecord(row: WebApiRecord): WorkflowRecord {
  return {
    id: readString(row, c.id) ?? '',
    name: readString(row, c.name) ?? '',
    state: (readNumber(row, c.state) ?? WorkflowState.Draft) as WorkflowState,
    status: (readNumber(row, c.status) ?? WorkflowStatus.Draft) as WorkflowStatus,
    type: (readNumber(row, c.type) ?? WorkflowType.Definition) as WorkflowType,
    primaryEntity: readString(row, c.primaryEntity) ?? '',
    onDemand: readBoolean(row, c.onDemand) ?? false,
    category: readNumber(row, c.category) as WorkflowCategory | undefined,
    uniqueName: readString(row, c.uniqueName),
    mode: readNumber(row, c.mode) as WorkflowMode | undefined,
    ownerId: readLookupId(row, l.owner),
    xaml: readString(row, c.xaml),
    etag: readEtag(row),
  };
}

/** Fields accepted by {@link workflowToWebApi}. */
export interface WorkflowFields {
  /** The definition. Dataverse refuses it on an Activated definition: put it to Draft first. */
  xaml?: string;
  /** Draft (before editing the xaml) or Activated, written with its statuscode. */
  state?: WorkflowState.Draft | WorkflowState.Activated;
}

/** Builds an update body: `state` Activated → statecode 1 / statuscode 2, Draft → 0 / 1. */
export function workflowToWebApi(fields: WorkflowFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.xaml !== undefined) body[c.xaml] = fields.xaml;
  if (fields.state !== undefined) {
    body[c.state] = fields.state;
    body[c.status] =
      fields.state === WorkflowState.Activated ? WorkflowStatus.Activated : WorkflowStatus.Draft;
  }
  return body;
}
