/**
 * Metadata of the platform tables the product touches: systemuser, workflow, email, activityparty,
 * asyncoperation, serviceendpoint, sdkmessage, sdkmessagefilter, sdkmessageprocessingstep, solution.
 */
import {
  bool,
  choice,
  dateTime,
  int,
  lookup,
  memo,
  ownerColumn,
  primaryKey,
  stateColumns,
  systemColumns,
  text,
} from './columns';
import { ActivityPartyTable, EmailTable, SystemUserTable, WorkflowTable } from '../../sdk/entities/index';
import type { TableMeta } from './types';

/** systemuser; the seeded caller is what WhoAmI answers. */
export const systemUserTable: TableMeta = {
  logicalName: SystemUserTable.logicalName,
  entitySet: SystemUserTable.entitySet,
  primaryId: SystemUserTable.primaryId,
  primaryName: 'fullname',
  columns: [
    primaryKey('systemuserid'),
    text('firstname', 64),
    text('lastname', 64),
    text('fullname', 200),
    text('internalemailaddress', 100),
    text('domainname', 1024),
    { name: 'azureactivedirectoryobjectid', type: 'uniqueidentifier' },
    bool('isdisabled', false),
    ...systemColumns(),
  ],
};

/** workflow; only a Draft definition may have its definition columns changed. */
export const workflowTable: TableMeta = {
  logicalName: WorkflowTable.logicalName,
  entitySet: WorkflowTable.entitySet,
  primaryId: WorkflowTable.primaryId,
  primaryName: 'name',
  columns: [
    primaryKey('workflowid'),
    text('name', 100, true),
    text('uniquename', 256),
    text('primaryentity', 100, true),
    memo('xaml'),
    memo('clientdata'),
    memo('description', 100000),
    choice(
      'category',
      {
        0: 'Workflow',
        1: 'Dialog',
        2: 'Business Rule',
        3: 'Action',
        4: 'Business Process Flow',
        5: 'Modern Flow',
      },
      false,
      0,
    ),
    choice('type', { 1: 'Definition', 2: 'Activation', 3: 'Template' }, false, 1),
    choice('mode', { 0: 'Background', 1: 'Real-time' }, false, 0),
    choice(
      'scope',
      { 1: 'User', 2: 'Business Unit', 3: 'Parent: Child Business Units', 4: 'Organization' },
      false,
      1,
    ),
    bool('ondemand', false),
    bool('subprocess', false),
    bool('triggeroncreate', false),
    bool('triggerondelete', false),
    memo('triggeronupdateattributelist', 100000),
    bool('asyncautodelete', false),
    lookup('parentworkflowid', { workflow: 'parentworkflowid' }),
    lookup('activeworkflowid', { workflow: 'activeworkflowid' }),
    ownerColumn(),
    ...stateColumns(
      { 0: 'Draft', 1: 'Activated', 2: 'Suspended' },
      { 1: 'Draft', 2: 'Activated', 3: 'CompanyDLPViolation' },
    ),
    ...systemColumns(),
  ],
  states: { 0: [1], 1: [2], 2: [3] },
};

/** email activity; to/from/cc/bcc are party lists (activityparty rows). */
export const emailTable: TableMeta = {
  logicalName: EmailTable.logicalName,
  entitySet: EmailTable.entitySet,
  primaryId: EmailTable.primaryId,
  primaryName: 'subject',
  columns: [
    primaryKey('activityid'),
    text('subject', 400),
    memo('description'),
    text('sender', 250),
    text('torecipients', 500),
    dateTime('senton'),
    bool('directioncode', true),
    choice('prioritycode', { 0: 'Low', 1: 'Normal', 2: 'High' }, false, 1),
    choice('deliveryprioritycode', { 0: 'Low', 1: 'Normal', 2: 'High' }, false, 1),
    choice('notifications', {
      0: 'None',
      1: 'The message was saved as a Microsoft Dynamics 365 email record, but not all the attachments could be saved with it.',
    }),
    {
      ...lookup('regardingobjectid', {
        adx_invitation: 'regardingobjectid_adx_invitation_email',
        contact: 'regardingobjectid_contact_email',
        account: 'regardingobjectid_account_email',
      }),
    },
    ownerColumn(),
    ...stateColumns(
      { 0: 'Open', 1: 'Completed', 2: 'Canceled' },
      {
        1: 'Draft',
        8: 'Failed',
        2: 'Completed',
        3: 'Sent',
        4: 'Received',
        6: 'Pending Send',
        7: 'Sending',
        5: 'Canceled',
      },
    ),
    ...systemColumns(),
  ],
  states: { 0: [1, 8], 1: [2, 3, 4, 6, 7], 2: [5] },
  activity: {
    parties: [
      { name: 'from', participationType: 1 },
      { name: 'to', participationType: 2 },
      { name: 'cc', participationType: 3 },
      { name: 'bcc', participationType: 4 },
    ],
    partiesNavigation: 'email_activity_parties',
  },
};

/** activityparty: one party of an activity (sender, recipient, customer...). */
export const activityPartyTable: TableMeta = {
  logicalName: ActivityPartyTable.logicalName,
  entitySet: ActivityPartyTable.entitySet,
  primaryId: ActivityPartyTable.primaryId,
  columns: [
    primaryKey('activitypartyid'),
    lookup(
      'activityid',
      { email: 'activityid_email', adx_inviteredemption: 'activityid_adx_inviteredemption' },
      true,
    ),
    lookup('partyid', {
      contact: 'partyid_contact',
      account: 'partyid_account',
      systemuser: 'partyid_systemuser',
    }),
    choice(
      'participationtypemask',
      { 1: 'Sender', 2: 'To Recipient', 3: 'CC Recipient', 4: 'BCC Recipient', 11: 'Customer' },
      true,
    ),
    text('addressused', 320),
    { name: 'versionnumber', type: 'bigint', readOnly: true },
  ],
};

/** asyncoperation (system job), e.g. the run of an on-demand workflow. */
export const asyncOperationTable: TableMeta = {
  logicalName: 'asyncoperation',
  entitySet: 'asyncoperations',
  primaryId: 'asyncoperationid',
  primaryName: 'name',
  columns: [
    primaryKey('asyncoperationid'),
    text('name', 256),
    choice('operationtype', { 1: 'System Event', 10: 'Workflow', 3: 'Import', 28: 'Solution Import' }),
    lookup('regardingobjectid', {
      adx_invitation: 'regardingobjectid_adx_invitation',
      contact: 'regardingobjectid_contact',
      account: 'regardingobjectid_account',
      workflow: 'regardingobjectid_workflow',
    }),
    lookup('workflowactivationid', { workflow: 'workflowactivationid' }),
    lookup('owningextensionid', { sdkmessageprocessingstep: 'owningextensionid_sdkmessageprocessingstep' }),
    text('primaryentitytype', 100),
    memo('message'),
    memo('friendlymessage'),
    memo('data'),
    int('errorcode'),
    { name: 'correlationid', type: 'uniqueidentifier' },
    dateTime('startedon'),
    dateTime('completedon'),
    ownerColumn(),
    ...stateColumns(
      { 0: 'Ready', 1: 'Suspended', 2: 'Locked', 3: 'Completed' },
      {
        0: 'Waiting For Resources',
        10: 'Waiting',
        20: 'In Progress',
        21: 'Pausing',
        22: 'Canceling',
        30: 'Succeeded',
        31: 'Failed',
        32: 'Canceled',
      },
    ),
    ...systemColumns(),
  ],
  states: { 0: [0], 1: [10], 2: [20, 21, 22], 3: [30, 31, 32] },
};
