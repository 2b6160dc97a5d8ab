import { SEED } from '../../../emulator/core';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { startWebhookHost, type WebhookHost } from '../../../plugins/host/server';
import { registerWebhooks } from '../../../plugins/registration';
import { DataverseClient, DataverseError, StaticTokenCredential } from '../../../sdk/client/index';

/**
 * The emulator's webhook dispatch against the product's own webhook host and handlers: the steps in
 * solution/webhook-steps.json, registered through the Web API, run on real writes.
 */
let emulator: Emulator;
let host: WebhookHost;
let client: DataverseClient;

beforeEach(async () => {
  emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
  client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('test-token'),
    maxAttempts: 1,
  });
  host = await startWebhookHost({ key: 'interop-key', client });
  await registerWebhooks(client, { hostUrl: host.url, key: 'interop-key' });
});
afterEach(async () => {
  await emulator.close();
  await host.close();
});

function invitation(contactId: string): Record<string, unknown> {
  return {
    adx_name: 'Interop',
    adx_type: 756150000,
    adx_maximumredemptions: 1,
    'adx_inviteContact@odata.bind': `/contacts(${contactId})`,
  };
}

describe('webhook dispatch with the product webhook host', () => {
  it('lets the async step write the missing code after the create commits', async () => {
    const id = await client.create('adx_invitations', invitation(SEED.contacts.alice));
    await emulator.whenIdle();
    const row = await client.retrieve<Record<string, unknown>>('adx_invitations', id, {
      select: ['adx_invitationcode'],
    });
    expect(row.adx_invitationcode).toEqual(expect.any(String));
  });

  it('refuses through the sync step an invitation to a contact without e-mail, with the handler message', async () => {
    const attempt = client.create('adx_invitations', invitation(SEED.contacts.noEmail));
    await expect(attempt).rejects.toBeInstanceOf(DataverseError);
    await expect(attempt).rejects.toMatchObject({
      code: '0x80040265',
      message: expect.stringMatching(/has no e-mail address/),
    });
  });
});
