/**
 * The Dataverse names the invitation service uses, as short aliases over `sdk/entities` (where
 * every name is spelled once; unverified ones are listed in `sdk/entities/unverified.ts`).
 */
import {
  AccountTable,
  ActivityPartyTable,
  ActivityState,
  ContactTable,
  EXECUTE_WORKFLOW_ACTION,
  InvitationTable,
  InviteRedemptionStatus,
  InviteRedemptionTable,
  ParticipationType,
  WebRoleTable,
  WorkflowState,
  WorkflowTable,
  WorkflowType,
} from '../entities/index';

export { InvitationState, InvitationStatus, InvitationType } from '../entities/index';

const cc = ContactTable.columns;

/** contact names used by invitations and redemption. */
export const Contact = {
  entitySet: ContactTable.entitySet,
  logicalName: ContactTable.logicalName,
  id: cc.id,
  email: cc.email,
  state: cc.state,
  parentCustomer: ContactTable.lookups.parentCustomerAccount.valueField,
  parentCustomerAccountBind: `${ContactTable.lookups.parentCustomerAccount.navigation}@odata.bind`,
  identityUsername: cc.identityUsername,
  identityPasswordHash: cc.identityPasswordHash,
  identitySecurityStamp: cc.identitySecurityStamp,
  identityLogonEnabled: cc.identityLogonEnabled,
  identityEmailConfirmed: cc.identityEmailConfirmed,
} as const;

/** adx_webrole names. */
export const WebRole = {
  entitySet: WebRoleTable.entitySet,
  id: WebRoleTable.columns.id,
  name: WebRoleTable.columns.name,
  /** N:N web role ↔ contact; also the navigation property on both sides. */
  contacts: WebRoleTable.relationships.contacts,
} as const;

/** account names. */
export const Account = {
  entitySet: AccountTable.entitySet,
  id: AccountTable.columns.id,
  name: AccountTable.columns.name,
} as const;

/** workflow names (the portal finds workflows by name, Activated, type Definition). */
export const Workflow = {
  entitySet: WorkflowTable.entitySet,
  id: WorkflowTable.columns.id,
  name: WorkflowTable.columns.name,
  type: WorkflowTable.columns.type,
  state: WorkflowTable.columns.state,
  primaryEntity: WorkflowTable.columns.primaryEntity,
  definitionType: WorkflowType.Definition,
  activatedState: WorkflowState.Activated,
  executeAction: EXECUTE_WORKFLOW_ACTION,
  defaultSendName: 'Send Invitation',
} as const;

/** adx_inviteredemption (an activity) names. */
export const InviteRedemption = {
  entitySet: InviteRedemptionTable.entitySet,
  id: InviteRedemptionTable.columns.id,
  subject: InviteRedemptionTable.columns.subject,
  state: InviteRedemptionTable.columns.state,
  status: InviteRedemptionTable.columns.status,
  regarding: InviteRedemptionTable.lookups.regardingInvitation.valueField,
  regardingInvitationBind: `${InviteRedemptionTable.lookups.regardingInvitation.navigation}@odata.bind`,
  /** UNVERIFIED navigation name (see UNVERIFIED_FACTS in sdk/entities). */
  parties: InviteRedemptionTable.relationships.parties,
  completedState: ActivityState.Completed,
  completedStatus: InviteRedemptionStatus.Completed,
} as const;

/** activityparty names. */
export const ActivityParty = {
  partyContactBind: `${ActivityPartyTable.lookups.partyContact.navigation}@odata.bind`,
  partyId: ActivityPartyTable.lookups.partyContact.valueField,
  participationType: ActivityPartyTable.columns.participationType,
  customer: ParticipationType.Customer,
} as const;

/** Shorthands for the invitation's columns, lookups and relationships. */
export const Inv = {
  set: InvitationTable.entitySet,
  logicalName: InvitationTable.logicalName,
  ...InvitationTable.columns,
  lookups: InvitationTable.lookups,
  rel: InvitationTable.relationships,
} as const;
