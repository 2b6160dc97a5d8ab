import { createInvitationCreateHandler } from '../../plugins/handlers';
import { PipelineRunner, PluginError, StepRegistry, buildContext } from '../../plugins/pipeline';
import { EntityReference, OptionSetValue, type Entity } from '../../sdk/webhooks';
import { FakeClient } from './support/fake-client';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const CONTACT = '11111111-1111-1111-1111-111111111111';
const SINGLE = 756150000;
const GROUP = 756150001;
// Codes are 22 to 200 URL-safe characters (InvitationService's rule); these are long enough.
const GENERATED_CODE = 'generated-code-0123456789';
const CHOSEN_CODE = 'chosen-code-0123456789ab';
const TAKEN_CODE = 'taken-code-0123456789abc';

function invitation(attributes: Record<string, unknown>): Entity {
  return {
    logicalName: 'adx_invitation',
    id: '00000000-0000-0000-0000-000000000000',
    attributes: { adx_name: 'Welcome', ...attributes },
  };
}

async function run(target: Entity, options: { writable?: boolean; fake?: FakeClient } = {}) {
  const fake = options.fake ?? new FakeClient();
  fake.put('contacts', CONTACT, { contactid: CONTACT, emailaddress1: 'ada@example.com' });
  const registry = new StepRegistry();
  const handler = createInvitationCreateHandler({ now: () => NOW, generateCode: () => GENERATED_CODE });
  registry.register(
    {
      name: 'create',
      message: 'Create',
      entity: 'adx_invitation',
      stage: 20,
      mode: 0,
      handler: 'invitation-create',
    },
    handler,
  );
  const runner = new PipelineRunner(registry, {
    client: fake,
    targetWritable: options.writable ?? true,
  });
  await runner.run(buildContext({ message: 'Create', entity: 'adx_invitation', stage: 20, target }));
  return fake;
}

describe('invitation-create handler', () => {
  it('generates a code into the Target when none is given in-process', async () => {
    const target = invitation({ adx_type: new OptionSetValue(SINGLE) });
    await run(target);
    expect(target.attributes.adx_invitationcode).toBe(GENERATED_CODE);
  });

  it('does not query for duplicates of a code it generated itself', async () => {
    const fake = await run(invitation({ adx_type: new OptionSetValue(SINGLE) }));
    expect(fake.callsOf('list')).toEqual([]);
  });

  it('leaves the Target alone through a webhook, where changes cannot reach Dataverse', async () => {
    const target = invitation({ adx_type: new OptionSetValue(SINGLE) });
    await run(target, { writable: false });
    expect(target.attributes.adx_invitationcode).toBeUndefined();
  });

  it('accepts a valid group invitation for an invited contact with an e-mail address', async () => {
    const target = invitation({
      adx_type: new OptionSetValue(GROUP),
      adx_maximumredemptions: 10,
      adx_expirydate: new Date(NOW + 86_400_000),
      adx_invitecontact: new EntityReference('contact', CONTACT),
      adx_invitationcode: CHOSEN_CODE,
    });
    await expect(run(target)).resolves.toBeDefined();
  });

  it('refuses a Single invitation with a maximum other than 1', async () => {
    const target = invitation({ adx_type: new OptionSetValue(SINGLE), adx_maximumredemptions: 3 });
    await expect(run(target)).rejects.toThrow(PluginError);
    await expect(run(target)).rejects.toThrow(/Single invitation is redeemed once/);
  });

  it('refuses a negative maximum', async () => {
    const target = invitation({ adx_type: new OptionSetValue(GROUP), adx_maximumredemptions: -1 });
    await expect(run(target)).rejects.toThrow(/Maximum redemptions must be a whole number of 0 or more/);
  });

  it('refuses an expiry in the past', async () => {
    const target = invitation({ adx_type: new OptionSetValue(GROUP), adx_expirydate: new Date(NOW - 1000) });
    await expect(run(target)).rejects.toThrow(/is not in the future/);
  });

  it('refuses a code another invitation already uses', async () => {
    const fake = new FakeClient();
    fake.put('adx_invitations', '22222222-2222-2222-2222-222222222222', {
      adx_invitationid: '22222222-2222-2222-2222-222222222222',
      adx_invitationcode: TAKEN_CODE,
    });
    const target = invitation({ adx_type: new OptionSetValue(SINGLE), adx_invitationcode: TAKEN_CODE });
    await expect(run(target, { fake })).rejects.toThrow(/already used by invitation 22222222/);
  });

  it('refuses an invited contact without an e-mail address', async () => {
    const fake = new FakeClient();
    const noMail = '33333333-3333-3333-3333-333333333333';
    fake.put('contacts', noMail, { contactid: noMail, emailaddress1: null });
    const target = invitation({
      adx_type: new OptionSetValue(SINGLE),
      adx_invitecontact: new EntityReference('contact', noMail),
    });
    await expect(run(target, { fake })).rejects.toThrow(/has no e-mail address \(emailaddress1\)/);
  });
});
