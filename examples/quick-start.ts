// Invite a contact, e-mail the invitation, redeem the code, then read contacts page by page.
// Runs as is against the local emulator (`npm start`); set DATAVERSE_URL and the AZURE_* variables
// (or DATAVERSE_TOKEN) to run it against a real org.
import {
  clientFromEnv,
  InvitationError,
  InvitationService,
  type WebApiRecord,
} from 'dataverse-portal-invitations';

async function main(): Promise<void> {
  // DATAVERSE_URL (default: the local emulator) with DATAVERSE_TOKEN or the AZURE_* variables.
  const client = clientFromEnv();
  const invitations = new InvitationService(client);

  const invitation = await invitations.create({
    type: 'single',
    contact: 'alice.adams@example.com', // an id or an e-mail address
    account: 'Contoso Partners', // an id or a name
    site: 'Fabrikam Partners', // the Power Pages site: a name or an id (see "Sites and data models")
    webRoles: ['Partners', 'Authenticated Users'],
    expiresOn: new Date(Date.now() + 30 * 24 * 3600 * 1000),
  });
  const [sent] = await invitations.send(invitation.id);
  console.log(`Invitation ${invitation.id}: ${sent.status}`);

  // The invited contact redeems the code (on the portal, the code comes from the e-mail's link).
  const contactId = invitation.inviteContactId!;
  const redeemed = await invitations.redeem(invitation.code!, { contactId });
  console.log(`Redeemed by contact ${redeemed.contactId}; the invitation is now ${redeemed.status}`);

  try {
    await invitations.redeem(invitation.code!, { contactId });
  } catch (error) {
    if (!(error instanceof InvitationError)) throw error; // anything else is a real failure
    console.log(`A second redemption is refused: ${error.reason}`); // 'already_redeemed'
  }

  for await (const row of client.list<WebApiRecord>('contacts', {
    select: ['fullname'],
    filter: { statecode: 0 },
  })) {
    console.log(row.fullname); // pages are fetched one at a time; memory stays flat
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
