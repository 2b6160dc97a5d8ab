import type { ActionRequest } from '../../../emulator/contracts';
import { executeWorkflowAction, type WorkflowEvaluator } from '../../../emulator/extensions/workflows';
import { FakeOperations, testContext } from './support/fake-operations';

const WORKFLOW_ID = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const BASE = 'http://127.0.0.1:5170/api/data/v9.2/';
const NOW = new Date('2026-01-02T03:04:05.000Z');

/** A stand-in interpreter with the Send Invitation shape: e-mail the invited contact, then mark Sent. */
const sendInvitation: WorkflowEvaluator = (_xaml, primary, loader) => {
  const invitation = loader.get(primary.logicalName, primary.id) ?? {};
  return [
    {
      kind: 'create',
      entityName: 'email',
      values: {
        subject: 'Your invitation',
        description: `Code: ${String(invitation.adx_invitationcode)}`,
        to: [invitation.adx_invitecontact],
        from: [invitation.ownerid],
        regardingobjectid: primary,
      },
      send: true,
    },
    { kind: 'setState', entity: primary, state: 0, status: 756150000 },
  ];
};

function setup(contact: Record<string, unknown> = { fullname: 'Ann Lee', emailaddress1: 'ann@example.com' }) {
  const ops = new FakeOperations();
  const contactRow = ops.seed('contact', contact);
  const user = ops.seed('systemuser', { fullname: 'Admin', internalemailaddress: 'admin@example.com' });
  const invitation = ops.seed('adx_invitation', {
    adx_name: 'Invite',
    adx_invitationcode: 'CODE-123',
    adx_invitecontact: { logicalName: 'contact', id: contactRow.id },
    ownerid: { logicalName: 'systemuser', id: user.id },
    statecode: 0,
    statuscode: 1,
  });
  ops.seed(
    'workflow',
    {
      name: 'Send Invitation',
      type: 1,
      statecode: 1,
      statuscode: 2,
      primaryentity: 'adx_invitation',
      xaml: '<x/>',
    },
    WORKFLOW_ID,
  );
  const request = (
    body: Record<string, unknown> = { EntityId: invitation.id },
    id = WORKFLOW_ID,
  ): ActionRequest => ({
    name: 'ExecuteWorkflow',
    body,
    boundTo: { entityName: 'workflow', id },
    context: testContext(),
    baseUrl: BASE,
  });
  const action = executeWorkflowAction({ evaluate: sendInvitation, now: () => NOW });
  return { ops, action, request, invitation, contactRow, user };
}

describe('ExecuteWorkflow', () => {
  it('answers with the system job id in ExecuteWorkflowResponse', async () => {
    const { ops, action, request } = setup();
    const result = await action(request(), ops);
    const jobId = result.body?.Id as string;
    expect(result.body).toEqual({
      '@odata.context': `${BASE}$metadata#Microsoft.Dynamics.CRM.ExecuteWorkflowResponse`,
      Id: jobId,
    });
    expect(ops.retrieve('asyncoperation', jobId)?.values).toMatchObject({
      operationtype: 10,
      statecode: 3,
      statuscode: 30,
    });
  });

  it('creates the e-mail to the invited contact, regarding the invitation, as Sent', async () => {
    const { ops, action, request, invitation, contactRow, user } = setup();
    await action(request(), ops);
    const [email] = ops.find('email');
    expect(email.values).toMatchObject({
      subject: 'Your invitation',
      description: 'Code: CODE-123',
      to: [{ logicalName: 'contact', id: contactRow.id }],
      from: [{ logicalName: 'systemuser', id: user.id }],
      regardingobjectid: { logicalName: 'adx_invitation', id: invitation.id },
      statecode: 1,
      statuscode: 3,
    });
  });

  it('applies the state change to the invitation', async () => {
    const { ops, action, request, invitation } = setup();
    await action(request(), ops);
    expect(ops.retrieve('adx_invitation', invitation.id)?.values).toMatchObject({
      statecode: 0,
      statuscode: 756150000,
    });
  });

  it('writes the effects one level deeper than the caller', async () => {
    const { ops, action, request } = setup();
    await action(request(), ops);
    expect(ops.writes.find((w) => w.entityName === 'email')?.ctx.depth).toBe(2);
  });

  it('fails the job, writing nothing, when the contact has no emailaddress1', async () => {
    const { ops, action, request, invitation } = setup({ fullname: 'No Mail' });
    const result = await action(request(), ops);
    const job = ops.retrieve('asyncoperation', result.body?.Id as string);
    expect(job?.values).toMatchObject({ statecode: 3, statuscode: 31 });
    expect(job?.values.message).toMatch(/contact 'No Mail' .* has no e-mail address \(emailaddress1\)/);
    expect(ops.find('email')).toHaveLength(0);
    expect(ops.retrieve('adx_invitation', invitation.id)?.values.statuscode).toBe(1);
  });

  it('refuses a workflow that is not activated', async () => {
    const { ops, action, request } = setup();
    await ops.update('workflow', WORKFLOW_ID, { statecode: 0, statuscode: 1 }, testContext());
    await expect(action(request(), ops)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/not activated/),
    });
  });

  it('refuses a workflow that is not a definition', async () => {
    const { ops, action, request } = setup();
    await ops.update('workflow', WORKFLOW_ID, { type: 2 }, testContext());
    await expect(action(request(), ops)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/not a definition/),
    });
  });

  it('answers 404 for a workflow that does not exist', async () => {
    const { ops, action, request, invitation } = setup();
    const missing = '00000000-0000-0000-0000-000000000001';
    await expect(action(request({ EntityId: invitation.id }, missing), ops)).rejects.toMatchObject({
      status: 404,
      code: '0x80040217',
    });
  });

  it('answers 404 for a record that does not exist', async () => {
    const { ops, action, request } = setup();
    await expect(
      action(request({ EntityId: '00000000-0000-0000-0000-000000000002' }), ops),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('asks for EntityId when it is missing', async () => {
    const { ops, action, request } = setup();
    await expect(action(request({}), ops)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/EntityId/),
    });
  });
});
