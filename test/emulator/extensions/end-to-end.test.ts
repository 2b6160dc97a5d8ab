import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SEED } from '../../../emulator/core';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { parseRemoteExecutionContext, serializeRemoteExecutionContext } from '../../../sdk/webhooks/index';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const SOLUTION_SRC = join(__dirname, '../../../solution/src');

/** A row or answer of the Web API, as JSON. */
type Row = Record<string, unknown>;

let emulator: Emulator;
let receiver: WebhookReceiver;
let api: string;

beforeEach(async () => {
  emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
  api = `http://127.0.0.1:${emulator.port}/api/data/v9.2/`;
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

async function web(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      Authorization: 'Bearer test',
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'OData-Version': '4.0',
      'OData-MaxVersion': '4.0',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = (text ? JSON.parse(text) : {}) as Row;
  const rows = (Array.isArray(json.value) ? json.value : []) as Row[];
  return { status: response.status, headers: response.headers, json, rows };
}

async function createInvitation(
  extra: Record<string, unknown> = {},
  contactId = firstContactId(),
): Promise<string> {
  const created = await web(
    'POST',
    'adx_invitations',
    {
      adx_name: 'E2E invitation',
      adx_type: 756150000,
      'adx_inviteContact@odata.bind': `/contacts(${contactId})`,
      ...extra,
    },
    { Prefer: 'return=representation' },
  );
  expect(created.status).toBe(201);
  return created.json.adx_invitationid as string;
}

function firstContactId(): string {
  return Object.values(SEED.contacts as Record<string, string>)[0];
}

async function registerWebhook(options: { stage: number; mode: number; name?: string }): Promise<void> {
  const endpoint = await web(
    'POST',
    'serviceendpoints',
    { name: 'e2e hook', url: receiver.url, contract: 8, authtype: 4, authvalue: 'e2e-key' },
    { Prefer: 'return=representation' },
  );
  const message = (await web('GET', "sdkmessages?$filter=name eq 'Create'")).rows[0];
  const filter = (
    await web(
      'GET',
      `sdkmessagefilters?$filter=primaryobjecttypecode eq 'adx_invitation' and _sdkmessageid_value eq ${message.sdkmessageid}`,
    )
  ).rows[0];
  const step = await web('POST', 'sdkmessageprocessingsteps', {
    name: options.name ?? 'e2e step',
    stage: options.stage,
    mode: options.mode,
    rank: 1,
    supporteddeployment: 0,
    'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpoint.json.serviceendpointid})`,
    'sdkmessageid@odata.bind': `/sdkmessages(${message.sdkmessageid})`,
    'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${filter.sdkmessagefilterid})`,
  });
  expect(step.status).toBe(204);
}

describe('ExecuteWorkflow through the Web API', () => {
  it('sends the seeded Send Invitation e-mail to the invited contact and marks the invitation Sent', async () => {
    const contact = (await web('GET', `contacts(${firstContactId()})?$select=emailaddress1`)).json;
    const invitationId = await createInvitation({ adx_invitationcode: 'E2E-CODE-42' });
    const run = await web(
      'POST',
      `workflows(${SEED.sendInvitationWorkflowId})/Microsoft.Dynamics.CRM.ExecuteWorkflow`,
      {
        EntityId: invitationId,
      },
    );
    expect(run.status).toBe(200);
    expect(run.json['@odata.context']).toMatch(/#Microsoft\.Dynamics\.CRM\.ExecuteWorkflowResponse$/);
    const job = (await web('GET', `asyncoperations(${run.json.Id})`)).json;
    expect(job).toMatchObject({ statecode: 3, statuscode: 30 });
    const emails = (
      await web(
        'GET',
        `emails?$filter=_regardingobjectid_value eq ${invitationId}&$expand=email_activity_parties`,
      )
    ).rows;
    expect(emails).toHaveLength(1);
    expect(emails[0].description).toContain('E2E-CODE-42');
    expect(emails[0].subject).toBeTruthy();
    const to = (emails[0].email_activity_parties as Row[]).filter((p) => p.participationtypemask === 2);
    expect(to.map((p) => p.addressused)).toEqual([contact.emailaddress1]);
    const invitation = (await web('GET', `adx_invitations(${invitationId})?$select=statuscode`)).json;
    expect(invitation.statuscode).toBe(756150000);
  });
});

describe('ExecuteWorkflow for a contact without e-mail', () => {
  it('fails the system job with a message naming the contact, and sends nothing', async () => {
    const invitationId = await createInvitation({}, SEED.contacts.noEmail);
    const run = await web(
      'POST',
      `workflows(${SEED.sendInvitationWorkflowId})/Microsoft.Dynamics.CRM.ExecuteWorkflow`,
      {
        EntityId: invitationId,
      },
    );
    const job = (await web('GET', `asyncoperations(${String(run.json.Id)})`)).json;
    expect(job).toMatchObject({ statecode: 3, statuscode: 31 });
    expect(job.message).toMatch(/has no e-mail address \(emailaddress1\)/);
    expect(
      (await web('GET', `emails?$filter=_regardingobjectid_value eq ${invitationId}`)).rows,
    ).toHaveLength(0);
  });
});

describe('solutions through the Web API', () => {
  async function sourceZip(): Promise<string> {
    const zip = new JSZip();
    zip.file('solution.xml', readFileSync(join(SOLUTION_SRC, 'Other/Solution.xml')));
    zip.file('customizations.xml', readFileSync(join(SOLUTION_SRC, 'Other/Customizations.xml')));
    for (const file of readdirSync(join(SOLUTION_SRC, 'Workflows'))) {
      zip.file(`Workflows/${file}`, readFileSync(join(SOLUTION_SRC, 'Workflows', file)));
    }
    return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
  }

  it('ImportSolutionAsync answers with a completed system job', async () => {
    const started = await web('POST', 'ImportSolutionAsync', {
      CustomizationFile: await sourceZip(),
      PublishWorkflows: true,
    });
    expect(started.status).toBe(200);
    const job = (await web('GET', `asyncoperations(${String(started.json.AsyncOperationId)})`)).json;
    expect(job).toMatchObject({ statecode: 3, statuscode: 30 });
    expect(started.json.ImportJobKey).toEqual(expect.any(String));
  });

  it('ImportSolution refuses a file that is not a zip with a clear 400', async () => {
    const refused = await web('POST', 'ImportSolution', {
      CustomizationFile: Buffer.from('nope').toString('base64'),
    });
    expect(refused.status).toBe(400);
    expect(String((refused.json.error as Row).message)).toMatch(/not a zip file/);
  });

  it('exports what ImportSolution imported', async () => {
    const imported = await web('POST', 'ImportSolution', {
      CustomizationFile: await sourceZip(),
      OverwriteUnmanagedCustomizations: true,
      PublishWorkflows: true,
    });
    expect(imported.status).toBe(204);
    const exported = await web('POST', 'ExportSolution', {
      SolutionName: 'PortalInvitations',
      Managed: false,
    });
    expect(exported.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(exported.json.ExportSolutionFile as string, 'base64'));
    const xamlName = readdirSync(join(SOLUTION_SRC, 'Workflows')).find((f) => f.endsWith('.xaml')) as string;
    expect(await zip.file(`Workflows/${xamlName}`)?.async('string')).toBe(
      readFileSync(join(SOLUTION_SRC, 'Workflows', xamlName), 'utf8').replace(/^\uFEFF/, ''),
    );
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    expect(await zip.file('solution.xml')?.async('string')).toContain(
      '<UniqueName>PortalInvitations</UniqueName>',
    );
  });
});

describe('webhooks registered through the Web API', () => {
  it('receive the exact execution context of a Create', async () => {
    await registerWebhook({ stage: 40, mode: 0 });
    const invitationId = await createInvitation({ adx_invitationcode: 'HOOK-1' });
    expect(receiver.received).toHaveLength(1);
    const { json, url, headers } = receiver.received[0];
    expect(new URL(url, 'http://x').searchParams.get('code')).toBe('e2e-key');
    expect(headers['x-ms-dynamics-request-name']).toBe('Create');
    const context = parseRemoteExecutionContext(json);
    expect(context).toMatchObject({
      messageName: 'Create',
      primaryEntityName: 'adx_invitation',
      primaryEntityId: invitationId,
      stage: 40,
      depth: 1,
    });
    expect(
      (context.inputParameters.Target as { attributes: Record<string, unknown> }).attributes
        .adx_invitationcode,
    ).toBe('HOOK-1');
    expect(serializeRemoteExecutionContext(context)).toEqual(json);
  });

  it('a sync step answering 400 rolls the create back and the client gets 0x80040265 with its message', async () => {
    await registerWebhook({ stage: 20, mode: 0 });
    receiver.answers.push({
      status: 400,
      body: JSON.stringify({ message: 'Invitation code already in use.' }),
    });
    const before = (await web('GET', 'adx_invitations?$count=true')).rows.length;
    const refused = await web('POST', 'adx_invitations', {
      adx_name: 'refused',
      adx_type: 756150000,
      'adx_inviteContact@odata.bind': `/contacts(${firstContactId()})`,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({ code: '0x80040265', message: 'Invitation code already in use.' });
    expect((await web('GET', 'adx_invitations')).rows.length).toBe(before);
  });

  it('an async step that fails is recorded as a failed system job', async () => {
    await registerWebhook({ stage: 40, mode: 1, name: 'failing async step' });
    receiver.answers.push({ status: 500, body: 'Redemption handler failed: web role missing.' });
    await createInvitation();
    await emulator.whenIdle();
    const jobs = (await web('GET', "asyncoperations?$filter=name eq 'failing async step'")).rows;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      statecode: 3,
      statuscode: 31,
      message: 'Redemption handler failed: web role missing.',
    });
  });
});

describe('service protection limits', () => {
  it('are off by default: no gate, so no x-ms-dop-hint', async () => {
    const answer = await web('GET', 'WhoAmI');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ms-dop-hint')).toBeNull();
  });

  it('answer 429 with Retry-After once the request limit is reached', async () => {
    const limited = await startEmulator({
      db: ':memory:',
      port: 0,
      limits: { maxRequests: 2, windowMs: 60_000 },
    });
    try {
      const url = `http://127.0.0.1:${limited.port}/api/data/v9.2/WhoAmI`;
      const headers = { Authorization: 'Bearer test', Accept: 'application/json' };
      const first = await fetch(url, { headers });
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ms-dop-hint')).toBe('13');
      expect((await fetch(url, { headers })).status).toBe(200);
      const throttled = await fetch(url, { headers });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('0x80072322');
    } finally {
      await limited.close();
    }
  });
});
