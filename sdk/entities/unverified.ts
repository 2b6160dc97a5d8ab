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
    where: 'Send Invitation sets statuscode 756150000 (Sent) after e-mailing',
    value: 'SetState 0 / 756150000',
    note: 'From a third-party write-up of the portal solution.',
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
];
