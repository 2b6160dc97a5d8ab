import { buildContext } from '../../plugins/pipeline';
import { startWebhookHost, type WebhookHost } from '../../plugins/host/server';
import { EntityReference, OptionSetValue, serializeRemoteExecutionContext } from '../../sdk/webhooks';
import { FakeClient } from './support/fake-client';

const KEY = 'handlers-test-key-not-a-secret';
let host: WebhookHost;
let fake: FakeClient;

beforeEach(async () => {
  fake = new FakeClient();
  host = await startWebhookHost({ key: KEY, client: fake });
});
afterEach(() => host.close());

function deliver(attributes: Record<string, unknown>, stage: 20 | 40, mode: 0 | 1 = 0) {
  const id = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
  const ctx = buildContext({
    message: 'Create',
    entity: 'adx_invitation',
    id,
    stage,
    mode,
    target: { logicalName: 'adx_invitation', id, attributes },
  });
  return fetch(`${host.webhookUrl}?code=${KEY}`, {
    method: 'POST',
    body: JSON.stringify(serializeRemoteExecutionContext(ctx)),
  });
}

describe('webhook host with the declared steps', () => {
  it('refuses a Single invitation with maximum 3 with the rule as the message', async () => {
    const response = await deliver(
      { adx_type: new OptionSetValue(756150000), adx_maximumredemptions: 3 },
      20,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Single invitation is redeemed once/);
  });

  it('accepts a valid invitation created without a code', async () => {
    const contact = 'cccccccc-cccc-cccc-cccc-cccccccccccc';
    fake.put('contacts', contact, { emailaddress1: 'ada@example.com' });
    const response = await deliver(
      { adx_type: new OptionSetValue(756150000), adx_invitecontact: new EntityReference('contact', contact) },
      20,
    );
    expect(response.status).toBe(200);
  });

  it('writes the missing code from the asynchronous PostOperation step', async () => {
    fake.put('adx_invitations', 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb', { adx_invitationcode: null });
    const response = await deliver({ adx_type: new OptionSetValue(756150000) }, 40, 1);
    expect(response.status).toBe(200);
    expect(fake.row('adx_invitations', 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb')?.adx_invitationcode).toMatch(
      /^[A-Za-z0-9_-]{43}$/,
    );
  });
});
