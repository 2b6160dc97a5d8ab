/** Finding the e-mail the Send Invitation workflow created for an invitation. */
import type { DataverseClient } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import {
  ContactTable,
  EmailTable,
  emailSelect,
  toEmailRecord,
  type EmailRecord,
} from '../../sdk/entities/index';

/** The e-mail as the demo prints it. */
export interface InvitationEmail {
  id: string;
  /** Addresses of the To recipients (the invited contact's emailaddress1). */
  to: string[];
  subject: string;
  body: string;
}

/** The newest e-mail regarding the invitation, or undefined when the workflow has not created it yet. */
export async function findInvitationEmail(
  client: DataverseClient,
  invitationId: string,
): Promise<InvitationEmail | undefined> {
  const rows: WebApiRecord[] = [];
  const query = {
    select: emailSelect,
    filter: `${EmailTable.lookups.regardingInvitation.valueField} eq ${invitationId}`,
    expand: EmailTable.relationships.parties,
    orderBy: `${EmailTable.columns.createdOn} desc`,
    top: 1,
  };
  for await (const row of client.list<WebApiRecord>(EmailTable.entitySet, query)) rows.push(row);
  if (rows.length === 0) return undefined;
  const email: EmailRecord = toEmailRecord(rows[0]);
  return {
    id: email.id,
    to: await Promise.all(email.to.map((party) => partyAddress(client, party))),
    subject: email.subject ?? '',
    body: email.body ?? '',
  };
}

async function partyAddress(
  client: DataverseClient,
  party: { addressUsed?: string; partyId?: string; partyType?: string },
): Promise<string> {
  if (party.addressUsed) return party.addressUsed;
  if (party.partyId && (party.partyType ?? 'contact') === 'contact') {
    const contact = await client.retrieve<WebApiRecord>(ContactTable.entitySet, party.partyId, {
      select: [ContactTable.columns.email],
    });
    return (contact[ContactTable.columns.email] as string | undefined) ?? party.partyId;
  }
  return party.partyId ?? '(unknown)';
}
