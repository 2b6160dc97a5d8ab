/**
 * dataverse-portal-invitations: the SDK's public entry point.
 *
 * - `DataverseClient` and credentials: a typed, resilient Dataverse Web API client.
 * - Table names, option sets and typed records for the portal invitation tables.
 * - `InvitationService`: create, send, redeem, list and revoke portal invitations.
 * - `SiteService`: Power Pages sites of both data models (enhanced and standard) and their web roles.
 * - `IdentityService`: the external sign-ins (adx_externalidentity) of portal contacts.
 * - `WorkflowService` and the XAML reader/patcher for the Send Invitation e-mail template.
 * - The webhook `RemoteExecutionContext` model and its JSON codec.
 */
export { VERSION } from './version';
export * from './errors';
export * from './client';
export * from './entities';
export * from './invitations';
export * from './sites';
export * from './identities';
export * from './workflows';
export * from './webhooks';
export * from './solutions';
