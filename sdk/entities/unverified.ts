/**
 * Dataverse facts this package relies on that Microsoft's public reference did not confirm when
 * they were written down. Keep every such fact listed here, next to where it is used, so that a
 * check against a real environment can correct it in one pass.
 */

/** One fact still to be confirmed against a real environment. */
export interface UnverifiedFact {
  /** Where the value is used (table and property). */
  where: string;
  /** The value assumed. */
  value: string;
  /** Why it is believed and how to confirm it. */
  note: string;
}

/** All facts marked unverified in `sdk/entities` and `sdk/workflows`. */
export const UNVERIFIED_FACTS: readonly UnverifiedFact[] = [
  {
    where: 'InviteRedemptionTable.relationships.parties',
    value: 'adx_inviteredemption_activity_parties',
    note: 'Follows the <activity>_activity_parties pattern of email; confirm in $metadata of an org with Power Pages.',
  },
  {
    where: 'ActivityPartyTable.lookups.activityInviteRedemption.navigation',
    value: 'activityid_adx_inviteredemption',
    note: 'Follows activityid_<activity> (as activityid_email); confirm in $metadata of an org with Power Pages.',
  },
  {
    where: 'EmailTable.lookups.regardingInvitation.navigation',
    value: 'regardingobjectid_adx_invitation_email',
    note: 'Follows regardingobjectid_<table>_<activity> (as regardingobjectid_adx_invitation_adx_inviteredemption); confirm in $metadata.',
  },
  {
    where: 'EmailTable.relationships.parties',
    value: 'email_activity_parties',
    note: 'Used by Microsoft samples for deep-insert of e-mail parties; kept here until checked against $metadata.',
  },
  {
    where: 'WebRoleTable.lookups.website.navigation',
    value: 'adx_websiteid',
    note: 'Power Pages lookups usually expose the column name as navigation property; confirm in $metadata.',
  },
  {
    where: 'MsppWebRoleTable.columns.id',
    value: 'mspp_webroleid equals the powerpagecomponentid of the Web Role (type 11) component',
    note: 'The table reference calls mspp_webrole a virtual table but does not say its id is the component id; relied on only to report role ids, never to write.',
  },
  {
    where: 'MsppWebsiteTable.columns.id',
    value: 'mspp_websiteid equals the powerpagesiteid (mspp_website is a view of powerpagesite)',
    note: 'Why SiteService lists powerpagesite and adx_website only (never mspp_website, which would count each enhanced site twice); the reference does not state the id equality.',
  },
  {
    where: 'PowerPageSiteTable (which rows are enhanced-model sites)',
    value: 'every powerpagesite row, whatever its datamodelversion',
    note: 'The reference describes datamodelversion only as "the active data model version for the portal"; the values it takes are not documented. Standard-model sites are adx_website rows.',
  },
  {
    where: 'DATA_MODEL_NAMES[*].invitationRoles / contactRoles (a model without tables)',
    value: 'GET <set>(<id>)/<navigation> answers 404 "Resource not found for the segment \'<navigation>\'"',
    note: 'Documented for an unknown entity set (0x8006088a); assumed the same for a navigation property of a table the environment lacks. Confirm in an environment without adx_webrole.',
  },
  {
    where: 'mspp_webrole writes',
    value: 'a write (or an N:N link) through mspp_webrole answers 204 and keeps nothing',
    note: 'Reported, not documented (the reference lists Create/Update messages on the virtual table); the product never writes it, and the emulator refuses such writes with 405.',
  },
  {
    where: 'Send Invitation sets statuscode 756150000 (Sent) after e-mailing',
    value: 'SetState 0 / 756150000',
    note: 'From a third-party write-up of the portal solution.',
  },
  {
    where: 'asyncoperation of an ExecuteWorkflow run (sdk/invitations/redemption-workflow.ts)',
    value: 'regardingobjectid = the EntityId; workflowactivationid = the definition or its activeworkflowid',
    note: 'The columns are documented; which workflow row the job names is not. The search accepts both; confirm against a job in a real org.',
  },
  {
    where: 'PublishedWorkflowUpdate error text',
    value: 'Cannot update a published workflow definition (0x80045002)',
    note: 'Error code per docs; message text not confirmed.',
  },
  {
    where: 'Workflow XAML string literals',
    value: 'HTML-entity encoded inside the VB string (commas as &#44;, quotes as &quot;)',
    note: 'From a reverse-engineered description of the designer output and the reference export; Dataverse docs do not describe it.',
  },
  {
    where: 'Workflow XAML related-record reads',
    value: 'GetEntityProperty Entity="[InputEntities("related_<lookup>#<table>")]"',
    note: 'Seen in public workflow tooling and a reverse-engineered designer description; readers also accept CreatedEntities("related_...").',
  },
  {
    where: 'Workflow XAML CreateCrmType Guid marker',
    value: '"Key" (as in the reference export) rather than "UniqueIdentifier"',
    note: 'The reference export uses "Key"; one reverse-engineered description says "UniqueIdentifier". Generated sender steps follow the export.',
  },
  {
    where: 'ExternalIdentityTable.lookups.contact.navigation',
    value: 'adx_contactid',
    note: "The portal source names the relationship adx_contact_externalidentity and the column adx_contactid; the navigation name comes from a metadata export, not from Microsoft's reference. Confirm in $metadata.",
  },
  {
    where: 'adx_externalidentity column lengths (adx_username 100, adx_identityprovidername 400)',
    value: 'the lengths of the Common Data Model schema of ExternalIdentity',
    note: "The Web API reference lists the columns without lengths; the IdentityService refuses longer values before writing. Confirm in EntityDefinitions(LogicalName='adx_externalidentity')/Attributes.",
  },
  {
    where: 'AnnotationTable.lookups.invitation.navigation',
    value: 'objectid_adx_invitation (relationship adx_invitation_Annotations)',
    note: 'Follows objectid_<table>, the pattern public samples use (objectid_account) and a metadata export shows; confirm in $metadata of an org with Power Pages.',
  },
  {
    where: 'Redemption by external sign-in: contact columns',
    value:
      'adx_identity_emailaddress1confirmed, adx_identity_logonenabled, adx_identity_securitystamp (adx_identity_username is not written)',
    note: "From the open-source portal (InitializeUserAsync, AutoConfirmEmailAsync, AddLoginAsync). The OpenID FAQ says Entra-based sign-ups show the sub/oid as the contact's username too; the product leaves adx_identity_username alone so a local account stays as it was.",
  },
];
