/**
 * The whole chain on the local emulator: the host's steps registered through the Web API, Dataverse
 * (the emulator) posting execution contexts to the host, and the host's answers deciding the writes.
 */
import { startEmulator, type Emulator } from '../../emulator/index';
import { SEED } from '../../emulator/core';
import { startWebhookHost, type WebhookHost } from '../../plugins/host/server';
import { registerWebhooks } from '../../plugins/registration';
import { DataverseClient, DataverseError, StaticTokenCredential } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';

const KEY = 'e2e-webhook-key-not-a-secret';
const SINGLE = 756150000;

let emulator: Emulator;
let host: WebhookHost;
let client: DataverseClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, db: ':memory:', seed: true });
  client = new DataverseClient({ url: emulator.url, credential: new StaticTokenCredential('e2e-token') });
  host = await startWebhookHost({ key: KEY, client });
  await registerWebhooks(client, { hostUrl: host.webhookUrl, key: KEY });
});

afterAll(async () => {
  await emulator?.close();
  await host?.close();
});

async function refusal(body: WebApiRecord): Promise<DataverseError> {
  const error = await client.create('adx_invitations', body).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DataverseError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('invitation steps on the emulator', () => {
  it('refuses a Single invitation with maximum 3, with the rule as the message', async () => {
    const error = await refusal({ adx_name: 'e2e single', adx_type: SINGLE, adx_maximumredemptions: 3 });
    expect(error.code).toBe('0x80040265');
    expect(error.message).toMatch(/Single invitation is redeemed once/);
  });

  it('refuses an invitation for a contact without an e-mail address and writes nothing', async () => {
    const error = await refusal({
      adx_name: 'e2e no email',
      adx_type: SINGLE,
      'adx_inviteContact@odata.bind': `/contacts(${SEED.contacts.noEmail})`,
    });
    expect(error.message).toMatch(/has no e-mail address/);
    expect(await client.count('adx_invitations', { filter: "adx_name eq 'e2e no email'" })).toBe(0);
  });

  it('gives an invitation created without a code a code, after the asynchronous step ran', async () => {
    const id = await client.create('adx_invitations', {
      adx_name: 'e2e no code',
      adx_type: SINGLE,
      'adx_inviteContact@odata.bind': `/contacts(${SEED.contacts.alice})`,
    });
    await emulator.whenIdle();
    const row = await client.retrieve('adx_invitations', id, { select: ['adx_invitationcode'] });
    expect(row.adx_invitationcode).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("grants the invitation's account and web role when a redemption is created", async () => {
    const invitationId = await client.create('adx_invitations', {
      adx_name: 'e2e redeem',
      adx_type: SINGLE,
      adx_invitationcode: 'e2e-redeem-code-0123456789',
      'adx_assignToAccount@odata.bind': `/accounts(${SEED.accountId})`,
      'adx_invitation_webrole@odata.bind': [`/adx_webroles(${SEED.webRoles.partners})`],
    });
    await client.create('adx_inviteredemptions', {
      subject: 'bob',
      'regardingobjectid_adx_invitation_adx_inviteredemption@odata.bind': `/adx_invitations(${invitationId})`,
      adx_inviteredemption_activity_parties: [
        { participationtypemask: 11, 'partyid_contact@odata.bind': `/contacts(${SEED.contacts.bob})` },
      ],
    });
    await emulator.whenIdle();
    const bob = await client.retrieve('contacts', SEED.contacts.bob, {
      select: ['_parentcustomerid_value'],
      expand: 'adx_webrole_contact($select=adx_webroleid)',
    });
    expect(bob._parentcustomerid_value).toBe(SEED.accountId);
    expect((bob.adx_webrole_contact as WebApiRecord[]).map((r) => r.adx_webroleid)).toContain(
      SEED.webRoles.partners,
    );
  });

  it('updates the registration on a second run instead of adding steps', async () => {
    const again = await registerWebhooks(client, { hostUrl: host.webhookUrl, key: KEY });
    expect(again.steps.map((s) => s.action)).toEqual(['updated', 'updated', 'updated']);
    expect(
      await client.count('sdkmessageprocessingsteps', { filter: "startswith(name,'PortalInvitations')" }),
    ).toBe(3);
    expect(await client.count('serviceendpoints')).toBe(1);
  });
});
