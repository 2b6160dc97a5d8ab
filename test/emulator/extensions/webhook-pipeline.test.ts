import { PipelineAbortError, type OperationEvent } from '../../../emulator/contracts';
import { WebhookPipeline } from '../../../emulator/extensions/webhooks/pipeline';
import { parseRemoteExecutionContext, OptionSetValue } from '../../../sdk/webhooks/index';
import { FakeOperations, testContext } from './support/fake-operations';
import { registerStep } from './support/register-step';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const INVITATION_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const CONTACT_ID = 'cccccccc-0000-0000-0000-000000000001';
const NOW = new Date('2026-01-02T03:04:05.000Z');

let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(() => receiver.close());

function createEvent(overrides: Partial<OperationEvent> = {}): OperationEvent {
  return {
    message: 'Create',
    entityName: 'adx_invitation',
    id: INVITATION_ID,
    target: {
      adx_name: 'Invite',
      adx_type: 756150000,
      adx_invitecontact: { logicalName: 'contact', id: CONTACT_ID },
      adx_expirydate: '2026-02-01T00:00:00.000Z',
    },
    context: testContext(),
    ...overrides,
  };
}

function pipeline(ops: FakeOperations) {
  return new WebhookPipeline(ops, { now: () => NOW, organizationHost: () => 'org.example.test' });
}

describe('WebhookPipeline.runSync', () => {
  it('posts the RemoteExecutionContext of the operation to the registered webhook', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, stage: 20 });
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received).toHaveLength(1);
    const context = parseRemoteExecutionContext(receiver.received[0].json);
    expect(context).toMatchObject({
      messageName: 'Create',
      primaryEntityName: 'adx_invitation',
      primaryEntityId: INVITATION_ID,
      stage: 20,
      mode: 0,
      depth: 1,
    });
    expect(context.userId).toBe(testContext().userId);
    expect(context.correlationId).toBe(testContext().correlationId);
  });

  it('types the Target columns: choices as OptionSetValue, lookups as EntityReference, dates as Date', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    await pipeline(ops).runSync(20, createEvent());
    const target = parseRemoteExecutionContext(receiver.received[0].json).inputParameters.Target as {
      attributes: Record<string, unknown>;
    };
    expect(target.attributes.adx_type).toEqual(new OptionSetValue(756150000));
    expect(target.attributes.adx_invitecontact).toMatchObject({ logicalName: 'contact', id: CONTACT_ID });
    expect(target.attributes.adx_expirydate).toEqual(new Date('2026-02-01T00:00:00.000Z'));
    expect(target.attributes.adx_name).toBe('Invite');
  });

  it('sends the Dataverse headers and the WebhookKey as ?code=', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, authType: 4, authValue: 's3cret' });
    await pipeline(ops).runSync(20, createEvent());
    const { url, headers } = receiver.received[0];
    expect(new URL(url, 'http://x').searchParams.get('code')).toBe('s3cret');
    expect(headers).toMatchObject({
      'x-ms-dynamics-organization': 'org.example.test',
      'x-ms-dynamics-entity-name': 'adx_invitation',
      'x-ms-dynamics-request-name': 'Create',
      'x-ms-correlation-request-id': testContext().correlationId,
      'content-type': 'application/json',
    });
  });

  it('sends HttpHeader settings as request headers', async () => {
    const ops = new FakeOperations();
    const settings = '<settings><setting name="x-api-key" value="abc" /></settings>';
    await registerStep(ops, { url: receiver.url, authType: 5, authValue: settings });
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received[0].headers['x-api-key']).toBe('abc');
  });

  it('sends HttpQueryString settings as query parameters', async () => {
    const ops = new FakeOperations();
    const settings = '<settings><setting name="token" value="t1" /></settings>';
    await registerStep(ops, { url: receiver.url, authType: 6, authValue: settings });
    await pipeline(ops).runSync(20, createEvent());
    expect(new URL(receiver.received[0].url, 'http://x').searchParams.get('token')).toBe('t1');
  });

  it('aborts with the handler message when the webhook answers 400', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    receiver.answers.push({
      status: 400,
      body: JSON.stringify({ message: 'The invited contact has no e-mail address.' }),
    });
    const run = pipeline(ops).runSync(20, createEvent());
    await expect(run).rejects.toBeInstanceOf(PipelineAbortError);
    await expect(run).rejects.toThrow('The invited contact has no e-mail address.');
  });

  it('retries a 503 once and succeeds when the retry does', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    receiver.answers.push({ status: 503 });
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up after one retry of a 502', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    receiver.answers.push({ status: 502, body: 'bad gateway' }, { status: 502, body: 'bad gateway' });
    await expect(pipeline(ops).runSync(20, createEvent())).rejects.toThrow('bad gateway');
    expect(receiver.received).toHaveLength(2);
  });

  it('runs steps in rank order', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: `${receiver.url}?n=second`, rank: 2 });
    await registerStep(ops, { url: `${receiver.url}?n=first`, rank: 1 });
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received.map((r) => new URL(r.url, 'http://x').searchParams.get('n'))).toEqual([
      'first',
      'second',
    ]);
  });

  it('skips steps of other stages, messages and tables', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, stage: 40 });
    await registerStep(ops, { url: receiver.url, message: 'Update' });
    await registerStep(ops, { url: receiver.url, entity: 'contact' });
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received).toHaveLength(0);
  });

  it('runs an Update step only when one of its filtering attributes changed', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, {
      url: receiver.url,
      message: 'Update',
      filteringAttributes: 'statuscode,adx_redemptions',
    });
    const p = pipeline(ops);
    await p.runSync(20, createEvent({ message: 'Update', target: { adx_name: 'x' } }));
    expect(receiver.received).toHaveLength(0);
    await p.runSync(20, createEvent({ message: 'Update', target: { statuscode: 756150000 } }));
    expect(receiver.received).toHaveLength(1);
  });

  it('skips disabled steps', async () => {
    const ops = new FakeOperations();
    const stepId = await registerStep(ops, { url: receiver.url });
    await ops.update('sdkmessageprocessingstep', stepId, { statecode: 1, statuscode: 2 }, testContext());
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received).toHaveLength(0);
  });

  it('skips everything when the caller bypasses custom logic', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    await pipeline(ops).runSync(20, createEvent({ context: testContext({ bypassCustomLogic: true }) }));
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses to run beyond depth 8', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    await expect(
      pipeline(ops).runSync(20, createEvent({ context: testContext({ depth: 9 }) })),
    ).rejects.toThrow(/infinite loop/);
    expect(receiver.received).toHaveLength(0);
  });

  it('sends pre and post images when the step registered them', async () => {
    const ops = new FakeOperations();
    const stepId = await registerStep(ops, { url: receiver.url, message: 'Update', stage: 40 });
    ops.seed('sdkmessageprocessingstepimage', {
      sdkmessageprocessingstepid: { logicalName: 'sdkmessageprocessingstep', id: stepId },
      imagetype: 2,
      entityalias: 'Image',
    });
    await pipeline(ops).runSync(
      40,
      createEvent({
        message: 'Update',
        target: { statuscode: 2 },
        preImage: { statuscode: 1 },
        postImage: { statuscode: 2 },
      }),
    );
    const context = parseRemoteExecutionContext(receiver.received[0].json);
    expect(context.preEntityImages.Image.attributes.statuscode).toEqual(new OptionSetValue(1));
    expect(context.postEntityImages.Image.attributes.statuscode).toEqual(new OptionSetValue(2));
  });
});

describe('the context around the Target', () => {
  it('gives a sync step no ParentContext and the request id as its OperationId', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, stage: 40 });
    await pipeline(ops).runSync(40, createEvent({ postImage: { adx_name: 'Invite' } }));
    const json = receiver.received[0].json;
    expect(json).toMatchObject({ ParentContext: null, IsolationMode: 1, IsInTransaction: true });
    expect(json.OperationId).toBe(testContext().requestId);
    expect(json.RequestId).toBe(testContext().requestId);
  });

  it('gives an async step AsynchronousStepPrimaryName next to the post-image it registered', async () => {
    const ops = new FakeOperations();
    const stepId = await registerStep(ops, { url: receiver.url, stage: 40, mode: 1 });
    ops.seed('sdkmessageprocessingstepimage', {
      sdkmessageprocessingstepid: { logicalName: 'sdkmessageprocessingstep', id: stepId },
      imagetype: 1,
      entityalias: 'After',
      attributes: 'adx_type',
    });
    const p = pipeline(ops);
    p.afterCommit(createEvent({ postImage: { adx_name: 'Invite', adx_type: 756150000 } }));
    await p.whenIdle();
    const context = parseRemoteExecutionContext(receiver.received[0].json);
    expect(Object.keys(context.postEntityImages)).toEqual(['After', 'AsynchronousStepPrimaryName']);
    expect(context.postEntityImages.AsynchronousStepPrimaryName.attributes).toEqual({
      adx_name: 'Invite',
      adx_invitationid: INVITATION_ID,
    });
  });

  it('sends the empty GUID as Entra object id of a user that has none', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    await pipeline(ops).runSync(20, createEvent());
    expect(receiver.received[0].json.UserAzureActiveDirectoryObjectId).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
  });
});

describe('the Target', () => {
  it('carries the primary key on Update, as Dataverse adds it', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, message: 'Update' });
    await pipeline(ops).runSync(20, createEvent({ message: 'Update', target: { adx_name: 'renamed' } }));
    const target = parseRemoteExecutionContext(receiver.received[0].json).inputParameters.Target as {
      attributes: Record<string, unknown>;
    };
    expect(target.attributes).toEqual({ adx_name: 'renamed', adx_invitationid: INVITATION_ID });
  });

  it('is a reference to the row on Delete', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, message: 'Delete' });
    await pipeline(ops).runSync(
      20,
      createEvent({ message: 'Delete', target: undefined, preImage: { adx_name: 'x' } }),
    );
    const target = parseRemoteExecutionContext(receiver.received[0].json).inputParameters.Target;
    expect(target).toMatchObject({ logicalName: 'adx_invitation', id: INVITATION_ID });
  });
});

describe('a payload over 256 KB', () => {
  it('arrives without InputParameters and images, flagged by x-ms-dynamics-msg-size-exceeded', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    await pipeline(ops).runSync(20, createEvent({ target: { adx_name: 'x'.repeat(300 * 1024) } }));
    const { json, headers } = receiver.received[0];
    expect(headers['x-ms-dynamics-msg-size-exceeded']).toBeDefined();
    expect(Object.keys(json)).not.toEqual(expect.arrayContaining(['InputParameters']));
    expect(json.MessageName).toBe('Create');
  });
});

describe('WebhookPipeline.afterCommit', () => {
  it('delivers async steps after the commit and records a succeeded system job', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, stage: 40, mode: 1, name: 'async step' });
    const p = pipeline(ops);
    p.afterCommit(createEvent());
    await p.whenIdle();
    expect(parseRemoteExecutionContext(receiver.received[0].json)).toMatchObject({ mode: 1, stage: 40 });
    const job = ops.find('asyncoperation')[0];
    expect(parseRemoteExecutionContext(receiver.received[0].json).operationId).toBe(job.id);
    expect(ops.find('asyncoperation')[0].values).toMatchObject({
      name: 'async step',
      operationtype: 1,
      statecode: 3,
      statuscode: 30,
    });
  });

  it('records a failing async step as a failed system job with the handler message', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, stage: 40, mode: 1 });
    receiver.answers.push({ status: 500, body: 'Handler crashed: no web role' });
    const p = pipeline(ops);
    p.afterCommit(createEvent());
    await p.whenIdle();
    expect(ops.find('asyncoperation')[0].values).toMatchObject({
      statecode: 3,
      statuscode: 31,
      message: 'Handler crashed: no web role',
    });
  });

  it('does not run sync steps after the commit', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url, stage: 40, mode: 0 });
    const p = pipeline(ops);
    p.afterCommit(createEvent());
    await p.whenIdle();
    expect(receiver.received).toHaveLength(0);
  });

  it('is idle at once when nothing is queued', async () => {
    await expect(pipeline(new FakeOperations()).whenIdle()).resolves.toBeUndefined();
  });
});

describe('the posted JSON', () => {
  it('is Dataverse DataContract JSON: {key,value} arrays, __type on typed values, /Date()/ dates', async () => {
    const ops = new FakeOperations();
    await registerStep(ops, { url: receiver.url });
    await pipeline(ops).runSync(20, createEvent());
    const json = receiver.received[0].json;
    const target = (json.InputParameters as { key: string; value: Record<string, unknown> }[])[0];
    expect(target.key).toBe('Target');
    expect(target.value.__type).toBe('Entity:http://schemas.microsoft.com/xrm/2011/Contracts');
    const attributes = Object.fromEntries(
      (target.value.Attributes as { key: string; value: unknown }[]).map((a) => [a.key, a.value]),
    );
    expect(attributes.adx_invitecontact).toMatchObject({
      __type: 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts',
      Id: CONTACT_ID,
      LogicalName: 'contact',
    });
    expect(attributes.adx_type).toEqual({
      __type: 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts',
      Value: 756150000,
    });
    expect(attributes.adx_expirydate).toBe(`/Date(${Date.parse('2026-02-01T00:00:00.000Z')})/`);
  });
});
