import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebApiRecord } from '../../../sdk/client/types';
import { WorkflowTable } from '../../../sdk/entities/index';
import { findInvitationEmail } from '../../../scripts/demo/invitation-email';
import { waitFor } from '../../../scripts/demo/run-demo';
import { ensureBuilt } from '../helpers/build';
import { seededContacts, startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

const WORKFLOW_ID = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const REDEEM_URL = 'https://portal.example.com/register?invitation={code}';
const BODY =
  '<p>Hello {contact.fullname},</p><p>Your code is {code}. <a href="{redeemUrl}">Register here</a>.</p>';

let emulator: TestEmulator;
let dir: string;
let bodyFile: string;

beforeAll(() => ensureBuilt(), 180_000);

beforeEach(async () => {
  emulator = await startTestEmulator();
  dir = tempDir('workflow');
  bodyFile = join(dir, 'invite.html');
  writeFileSync(bodyFile, BODY);
});

afterEach(() => emulator.close());

const cli = (...args: string[]) => runCli([...args, '--url', emulator.url]);
const patchArgs = () => [
  'workflow',
  'patch-template',
  '--subject',
  'You are invited to the partner portal',
  '--body-file',
  bodyFile,
  '--redeem-url',
  REDEEM_URL,
  '--backup-dir',
  join(dir, 'backups'),
];

async function readWorkflow(): Promise<WebApiRecord> {
  const c = WorkflowTable.columns;
  return emulator.client.retrieve<WebApiRecord>(WorkflowTable.entitySet, WORKFLOW_ID, {
    select: [c.xaml, c.state, c.status],
  });
}

async function showJson(): Promise<{
  state: string;
  emailStep: { subject: string; body: string; to: string };
}> {
  const run = await cli('workflow', 'show', '--json');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('workflow show', () => {
  it("prints the state and the e-mail step's From, To, Subject and Body", async () => {
    const run = await cli('workflow', 'show');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/State:\s+Activated/);
    expect(run.stdout).toMatch(/From:[\s\S]*To:[\s\S]*Subject:[\s\S]*Body:/);
  });
});

describe('workflow patch-template', () => {
  it('rewrites subject and body, keeps the workflow activated, and writes a backup', async () => {
    const run = await cli(...patchArgs());
    expect(run.code).toBe(0);
    const shown = await showJson();
    expect(shown.state).toBe('Activated');
    expect(shown.emailStep.subject).toBe('You are invited to the partner portal');
    expect(shown.emailStep.body).toContain('Your code is {code}');
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });

  it('prints each step on stderr', async () => {
    const run = await cli(...patchArgs());
    expect(run.stderr.split('\n').filter((l) => l.startsWith('- ')).length).toBeGreaterThanOrEqual(3);
  });

  it('with --dry-run prints before and after and changes nothing', async () => {
    const before = await readWorkflow();
    const run = await cli(...patchArgs(), '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run');
    expect(run.stdout).toMatch(/Subject:\n\s+before: .*\n\s+after:\s+You are invited to the partner portal/);
    const after = await readWorkflow();
    expect(after[WorkflowTable.columns.xaml]).toBe(before[WorkflowTable.columns.xaml]);
    expect(after['@odata.etag']).toBe(before['@odata.etag']);
  });

  it('run again with the same inputs says "already up to date" and writes nothing', async () => {
    expect((await cli(...patchArgs())).code).toBe(0);
    const before = await readWorkflow();
    const run = await cli(...patchArgs());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('already up to date');
    expect((await readWorkflow())['@odata.etag']).toBe(before['@odata.etag']);
  });

  it('rolls back to the original XAML and the Activated state when the update fails after deactivation', async () => {
    const original = await readWorkflow();
    emulator.faults.add({
      method: 'PATCH',
      path: /workflows\(/,
      bodyIncludes: 'xaml',
      times: 1,
      status: 500,
      code: '0x80040216',
      message: 'Injected failure while saving the workflow.',
    });
    const run = await cli(...patchArgs());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Injected failure');
    expect(run.stderr).toContain('Rolled back');
    expect(run.stderr).toContain(join(dir, 'backups'));
    const after = await readWorkflow();
    expect(after[WorkflowTable.columns.xaml]).toBe(original[WorkflowTable.columns.xaml]);
    expect(after[WorkflowTable.columns.state]).toBe(1);
  });

  it('refuses a definition without an e-mail step, with a clear message, changing nothing', async () => {
    const c = WorkflowTable.columns;
    const plain =
      '<Activity x:Class="XrmWorkflow" xmlns="http://schemas.microsoft.com/netfx/2009/xaml/activities" xmlns:x="http://schemas.microsoft.com/winfx/2006/xaml"><Sequence DisplayName="Nothing" /></Activity>';
    await emulator.client.update(WorkflowTable.entitySet, WORKFLOW_ID, { [c.state]: 0, [c.status]: 1 });
    await emulator.client.update(WorkflowTable.entitySet, WORKFLOW_ID, { [c.xaml]: plain });
    await emulator.client.update(WorkflowTable.entitySet, WORKFLOW_ID, { [c.state]: 1, [c.status]: 2 });
    const run = await cli(...patchArgs());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/e-mail step|email step/i);
    expect((await readWorkflow())[c.xaml]).toBe(plain);
  });

  it('refuses a --redeem-url without {code} as bad usage', async () => {
    const args = patchArgs();
    args[args.indexOf(REDEEM_URL)] = 'https://portal.example.com/register';
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('{code}');
  });
});

describe('workflow restore', () => {
  it('puts back the definition saved before a patch', async () => {
    const original = await readWorkflow();
    expect((await cli(...patchArgs())).code).toBe(0);
    const [backup] = readdirSync(join(dir, 'backups'));
    const run = await cli('workflow', 'restore', '--backup', join(dir, 'backups', backup));
    expect(run.code).toBe(0);
    const after = await readWorkflow();
    expect(after[WorkflowTable.columns.xaml]).toBe(original[WorkflowTable.columns.xaml]);
    expect(after[WorkflowTable.columns.state]).toBe(1);
  });

  it('exits 1 naming the file when the backup does not exist', async () => {
    const run = await cli('workflow', 'restore', '--backup', join(dir, 'missing.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing.json');
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
  });
});

describe('sending after a patch', () => {
  it('produces an e-mail whose body carries the invitation code and the registration link', async () => {
    expect((await cli(...patchArgs())).code).toBe(0);
    const [contact] = await seededContacts(emulator.client, 1);
    const run = await cli('invite', 'create', '--contact', contact.email, '--send', '--json');
    expect(run.code).toBe(0);
    const invitation = JSON.parse(run.stdout) as { id: string; code: string };
    // Send Invitation runs as a system job, so the e-mail may appear just after the command returns.
    const email = await waitFor('the e-mail', () => findInvitationEmail(emulator.client, invitation.id), {
      timeoutMs: 5000,
      intervalMs: 50,
    });
    const { fullname } = await emulator.client.retrieve<WebApiRecord>('contacts', contact.id, {
      select: ['fullname'],
    });
    expect(email?.subject).toBe('You are invited to the partner portal');
    expect(email?.body).toBe(
      `<p>Hello ${String(fullname)},</p><p>Your code is ${invitation.code}. ` +
        `<a href="https://portal.example.com/register?invitation=${invitation.code}">Register here</a>.</p>`,
    );
    expect(email?.to).toEqual([contact.email]);
  });
});
