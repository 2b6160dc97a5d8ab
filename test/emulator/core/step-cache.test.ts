/**
 * The webhook pipeline keeps the registered steps between operations; these check that every
 * change of the registrations is seen by the next write, and that bulk creates still fire the
 * steps once per row.
 */
import type { OperationContext } from '../../../emulator/contracts';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { registerStep } from '../extensions/support/register-step';
import { startWebhookReceiver, type WebhookReceiver } from '../extensions/support/webhook-receiver';
import { send } from './helpers';

const ctx: OperationContext = {
  userId: '00000000-0000-0000-0000-00000000aaaa',
  correlationId: '00000000-0000-0000-0000-00000000bbbb',
  requestId: '00000000-0000-0000-0000-00000000cccc',
  depth: 1,
};

let emulator: Emulator;
let receiver: WebhookReceiver;
beforeEach(async () => {
  emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

const createInvitation = (name: string) =>
  emulator.ops.create('adx_invitation', { adx_name: name, adx_type: 756150000 }, ctx);

describe('registered steps kept between operations', () => {
  it('fires a step registered after earlier writes for the next write', async () => {
    await createInvitation('before');
    await registerStep(emulator.ops, { url: receiver.url });
    await createInvitation('after');
    expect(receiver.received).toHaveLength(1);
  });

  it('stops firing a step once it is disabled', async () => {
    const stepId = await registerStep(emulator.ops, { url: receiver.url });
    await createInvitation('enabled');
    await emulator.ops.update('sdkmessageprocessingstep', stepId, { statecode: 1, statuscode: 2 }, ctx);
    await createInvitation('disabled');
    expect(receiver.received).toHaveLength(1);
  });

  it('sends to the new URL once the service endpoint is changed', async () => {
    const other = await startWebhookReceiver();
    try {
      const stepId = await registerStep(emulator.ops, { url: receiver.url });
      await createInvitation('first');
      const step = emulator.ops.retrieve('sdkmessageprocessingstep', stepId);
      const endpointId = (step?.values.eventhandler as { id: string }).id;
      await emulator.ops.update('serviceendpoint', endpointId, { url: other.url }, ctx);
      await createInvitation('second');
      expect([receiver.received.length, other.received.length]).toEqual([1, 1]);
    } finally {
      await other.close();
    }
  });

  it('forgets a step whose registration was rolled back', async () => {
    await emulator.ops
      .transaction(async () => {
        await registerStep(emulator.ops, { url: receiver.url });
        await createInvitation('inside');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await createInvitation('outside');
    expect(receiver.received).toHaveLength(1);
    expect(emulator.ops.find('sdkmessageprocessingstep', { name: 'step' })).toEqual([]);
  });

  it('fires a sync step once per row of a CreateMultiple', async () => {
    await registerStep(emulator.ops, { url: receiver.url });
    const targets = ['a', 'b', 'c'].map((name) => ({
      '@odata.type': 'Microsoft.Dynamics.CRM.adx_invitation',
      adx_name: name,
    }));
    const res = await send(emulator.apiUrl, 'POST', 'adx_invitations/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: { Targets: targets },
    });
    expect(res.status).toBe(200);
    expect(receiver.received).toHaveLength(3);
  });
});
