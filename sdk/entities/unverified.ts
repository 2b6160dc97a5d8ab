/**
 * Dataverse facts this package relies on that Microsoft's public reference did not confirm when
 * they were written down. Keep every such fact listed here, next to where it is used, so that a
 * check against a real environment can correct it in one pass. Names found in Microsoft's table
 * reference since (adx_inviteredemption_activity_parties, regardingobjectid_adx_invitation_email,
 * email_activity_parties, adx_webrole's adx_websiteid) were moved out.
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
    where: 'ActivityPartyTable.lookups.activityInviteRedemption.navigation',
    value: 'activityid_adx_inviteredemption',
    note: 'Follows activityid_<activity> (as activityid_email); confirm in $metadata of an org with Power Pages.',
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
    where: 'MsppSiteSettingTable.lookups.website (mspp_sitesetting → site)',
    value:
      'lookup mspp_websiteid → mspp_website, bound as mspp_websiteid@odata.bind: /mspp_websites(<powerpagesite id>)',
    note: 'The mspp_sitesetting EntityType page lists the columns and "POST GET PATCH DELETE" but the excerpts seen do not show the lookup table; a generated early-bound type and practitioner scripts bind /mspp_websites(<id>) (one binds /powerpagesites(<id>)). Confirm in $metadata.',
  },
  {
    where: 'site check --fix on an enhanced-model site (sdk/sites/site-settings.ts)',
    value:
      'mspp_sitesetting rows can be created with a client-chosen mspp_sitesettingid and written in a $batch change set',
    note: 'The table is virtual (over powerpagecomponent type 9); Microsoft documents Create/Update but not whether its provider honours a supplied id or takes part in a change set. The fix uses both (ids per site and name, so concurrent fixes collide instead of duplicating); confirm against an enhanced site.',
  },
  {
    where: 'registration-check.ts: RequiresInvitation with OpenRegistrationEnabled true',
    value: 'counted as open (not invitation-only)',
    note: 'configure-site-settings documents RequiresInvitation as "enables invitation code feature and disables open registration", yet configure-site ("Users bypass invitation codes") says to turn open registration off and set RequiresInvitation; the check asks for both. The open-source portal (xRM CE) does not read RequiresInvitation at all.',
  },
  {
    where: 'REGISTRATION_SETTINGS.localLoginEnabled default',
    value: 'true (set-authentication-identity, 2025)',
    note: "Microsoft's current page says Default: True; the 2017 page and the open-source portal (GetAuthenticationSettings) use false. The check follows the current documentation.",
  },
  {
    where: 'Which site-setting row the portal reads when several share a name',
    value: '"the first record found" (configure-site-settings); the order is not documented',
    note: 'So rows that disagree are reported and the check assumes the value that lets people in; --fix updates every row of the name.',
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
    where: 'AsyncOperationTable: the system job of an on-demand workflow run',
    value:
      'name = the workflow name; workflowactivationid = the activation (type 2) record; regardingobjectid = the record run on',
    note: 'Send Invitation jobs are matched by name or by the definition id (the emulator); confirm on a real org which of the two a job carries.',
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
