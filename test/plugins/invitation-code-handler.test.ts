import { createInvitationCodeHandler } from '../../plugins/handlers';
import { PipelineRunner, StepRegistry, buildContext } from '../../plugins/pipeline';
import type { Entity } from '../../sdk/webhooks';
import { FakeClient } from './support/fake-client';

const ID = '44444444-4444-4444-4444-444444444444';

async function run(fake: FakeClient, attributes: Record<string, unknown> = {}) {
  const registry = new StepRegistry();
  let n = 0;
  const handler = createInvitationCodeHandler({ generateCode: () => `code-${++n}` });
  registry.register(
    { name: 'code', message: 'Create', entity: 'adx_invitation', stage: 40, mode: 1, handler: 'x' },
    handler,
  );
  const target: Entity = { logicalName: 'adx_invitation', id: ID, attributes };
  await new PipelineRunner(registry, { client: fake }).run(
    buildContext({ message: 'Create', entity: 'adx_invitation', stage: 40, mode: 1, target }),
  );
}

describe('invitation-create-code handler', () => {
  it('writes a code to an invitation created without one, guarded by its etag', async () => {
    const fake = new FakeClient();
    const row = fake.put('adx_invitations', ID, { adx_invitationcode: null });
    await run(fake);
    expect(fake.row('adx_invitations', ID)?.adx_invitationcode).toBe('code-1');
    expect(fake.callsOf('update')[0].options).toEqual({ ifMatch: row['@odata.etag'] });
  });

  it('does nothing when the Target already carried a code', async () => {
    const fake = new FakeClient();
    await run(fake, { adx_invitationcode: 'given' });
    expect(fake.calls).toEqual([]);
  });

  it('keeps a code that was set after the invitation was created', async () => {
    const fake = new FakeClient();
    fake.put('adx_invitations', ID, { adx_invitationcode: 'set-by-user' });
    await run(fake);
    expect(fake.callsOf('update')).toEqual([]);
  });

  it('re-reads after a concurrent change and keeps the code written meanwhile', async () => {
    const fake = new FakeClient();
    fake.put('adx_invitations', ID, { adx_invitationcode: null });
    fake.beforeUpdate = () => {
      fake.beforeUpdate = undefined;
      fake.put('adx_invitations', ID, { adx_invitationcode: 'concurrent' });
    };
    await run(fake);
    expect(fake.row('adx_invitations', ID)?.adx_invitationcode).toBe('concurrent');
  });

  it('does nothing when the invitation was deleted before the step ran', async () => {
    await expect(run(new FakeClient())).resolves.toBeUndefined();
  });
});
