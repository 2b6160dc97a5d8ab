import { invitationRedeem, REDEMPTION_RESULT_VARIABLE } from '../../plugins/handlers';
import { PipelineRunner, PluginError, StepRegistry, buildContext } from '../../plugins/pipeline';
import { EntityReference, partyList, type Entity } from '../../sdk/webhooks';
import { FakeClient } from './support/fake-client';

const INVITATION = '55555555-5555-5555-5555-555555555555';
const CONTACT = '66666666-6666-6666-6666-666666666666';
const ACCOUNT = '77777777-7777-7777-7777-777777777777';
const ROLE = '88888888-8888-8888-8888-888888888888';
const WORKFLOW = '99999999-9999-9999-9999-999999999999';
const REDEMPTION = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';

function seed(): FakeClient {
  const fake = new FakeClient();
  fake.put('adx_invitations', INVITATION, {
    _adx_assigntoaccount_value: ACCOUNT,
    _adx_redemptionworkflow_value: WORKFLOW,
  });
  fake.expansions.set(`adx_invitations(${INVITATION})`, {
    adx_invitation_webrole: [{ adx_webroleid: ROLE }],
  });
  fake.put('contacts', CONTACT, { _parentcustomerid_value: null });
  fake.put('adx_inviteredemptions', REDEMPTION, {
    activityid: REDEMPTION,
    statecode: 0,
    _regardingobjectid_value: INVITATION,
  });
  fake.expansions.set(`adx_inviteredemptions(${REDEMPTION})`, {
    adx_inviteredemption_activity_parties: [{ _partyid_value: CONTACT, participationtypemask: 11 }],
  });
  return fake;
}

function redemption(attributes: Record<string, unknown>): Entity {
  return {
    logicalName: 'adx_inviteredemption',
    id: REDEMPTION,
    attributes: { subject: 'ada', ...attributes },
  };
}

const fullTarget = () =>
  redemption({
    regardingobjectid: new EntityReference('adx_invitation', INVITATION),
    customers: partyList([new EntityReference('contact', CONTACT)], 11),
  });

async function run(fake: FakeClient, target: Entity) {
  const registry = new StepRegistry();
  registry.register(
    {
      name: 'redeem',
      message: 'Create',
      entity: 'adx_inviteredemption',
      stage: 40,
      mode: 1,
      handler: 'invitation-redeem',
    },
    invitationRedeem,
  );
  const context = buildContext({
    message: 'Create',
    entity: 'adx_inviteredemption',
    stage: 40,
    mode: 1,
    target,
  });
  return new PipelineRunner(registry, { client: fake }).run(context);
}

describe('invitation-redeem handler', () => {
  it("assigns the invitation's account, web roles and workflow to the redeeming contact", async () => {
    const result = await run(seed(), fullTarget());
    expect(result.sharedVariables[REDEMPTION_RESULT_VARIABLE]).toEqual({
      accountAssigned: true,
      rolesAdded: [ROLE],
      workflowStarted: true,
    });
  });

  it('changes nothing more when the same redemption is delivered twice', async () => {
    const fake = seed();
    await run(fake, fullTarget());
    const writes = fake.calls.filter((c) => c.op !== 'retrieve' && c.op !== 'list').length;
    const second = await run(fake, fullTarget());
    expect(second.sharedVariables[REDEMPTION_RESULT_VARIABLE]).toEqual({
      accountAssigned: false,
      rolesAdded: [],
      workflowStarted: false,
    });
    expect(fake.calls.filter((c) => c.op !== 'retrieve' && c.op !== 'list').length).toBe(writes);
  });

  it('reads the invitation and customer from the committed row when the Target lacks them', async () => {
    const result = await run(seed(), redemption({}));
    expect(result.sharedVariables[REDEMPTION_RESULT_VARIABLE]).toMatchObject({ accountAssigned: true });
  });

  it('refuses a redemption that is regarding no invitation', async () => {
    const fake = seed();
    fake.put('adx_inviteredemptions', REDEMPTION, { _regardingobjectid_value: null });
    await expect(run(fake, redemption({}))).rejects.toThrow(PluginError);
  });
});
