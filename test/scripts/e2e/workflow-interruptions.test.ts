/**
 * A template change cannot leave Send Invitation in Draft: the CLI killed between deactivate and
 * activate (SIGKILL, a closed pipe, Ctrl+C), held there by a proxy, and the next `workflow`
 * command finding the change from its journal and finishing or rolling it back, saying which.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SEED } from '../../../emulator/core';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { WebApiRecord } from '../../../sdk/client/types';
import { WorkflowTable } from '../../../sdk/entities/index';
import { CLI, ensureBuilt } from '../helpers/build';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { startHoldingProxy, type HoldingProxy } from '../helpers/holding-proxy';
import { startScript } from '../helpers/long-running';
import { cleanEnv, runCli } from '../helpers/run-cli';

const WORKFLOW_ID = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const NEW_SUBJECT = 'You are invited to the partner portal';
const ACTIVATE = { method: 'PATCH', path: /workflows\(/, bodyIncludes: '"statecode":1' };
const UPDATE_XAML = { method: 'PATCH', path: /workflows\(/, bodyIncludes: '"xaml"' };

let emulator: TestEmulator;
let proxy: HoldingProxy;
let dir: string;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
  proxy = await startHoldingProxy(emulator.url);
  dir = tempDir('workflow-interrupt');
  writeFileSync(join(dir, 'invite.html'), '<p>Hello {contact.fullname}, your code is {code}.</p>');
});
afterEach(async () => {
  await proxy.close();
  await emulator.close();
});

const patchArgs = () => [
  'workflow',
  'patch-template',
  '--subject',
  NEW_SUBJECT,
  '--body-file',
  'invite.html',
  '--url',
  proxy.url,
];
const cli = (...args: string[]) => runCli([...args, '--url', emulator.url], { cwd: dir });

async function readWorkflow(): Promise<WebApiRecord> {
  const c = WorkflowTable.columns;
  return emulator.client.retrieve<WebApiRecord>(WorkflowTable.entitySet, WORKFLOW_ID, {
    select: [c.state, c.xaml],
  });
}

async function subject(): Promise<string> {
  const run = await cli('workflow', 'show', '--json');
  return (JSON.parse(run.stdout) as { emailStep: { subject: string } }).emailStep.subject;
}

/** Starts the patch and kills it with SIGKILL while `rule`'s request is held (never sent). */
async function killDuring(rule: typeof ACTIVATE): Promise<void> {
  const run = startScript(CLI, patchArgs(), dir);
  const held = await proxy.hold(rule);
  run.signal('SIGKILL');
  await run.exited;
  held.drop();
}

describe('a patch killed after the new definition was written, before activation', () => {
  beforeEach(() => killDuring(ACTIVATE));

  it('leaves the workflow in Draft with a journal next to the backup', async () => {
    expect((await readWorkflow()).statecode).toBe(0);
    expect(readdirSync(join(dir, '.backups')).filter((f) => f.endsWith('.journal.json'))).toHaveLength(1);
  });

  it('is finished by the next workflow show, which says so, and the workflow is Activated with the new e-mail', async () => {
    const show = await cli('workflow', 'show');
    expect(show.code).toBe(0);
    expect(show.stderr).toMatch(
      /interrupted patch-template of workflow "Send Invitation".*now finished \(Activated\)/,
    );
    expect((await readWorkflow()).statecode).toBe(1);
    expect(await subject()).toBe(NEW_SUBJECT);
    expect(readdirSync(join(dir, '.backups')).filter((f) => f.endsWith('.journal.json'))).toEqual([]);
  });

  it('is left alone by a workflow command against another environment, and recovered by one against its own', async () => {
    const file = join(
      dir,
      '.backups',
      readdirSync(join(dir, '.backups')).find((f) => f.endsWith('.journal.json'))!,
    );
    const journal = JSON.parse(readFileSync(file, 'utf8')) as {
      organizationId?: string;
      environment?: string;
    };
    expect(journal.organizationId).toBe(SEED.organizationId);
    expect(journal.environment).toBe(proxy.url);
    // The same journal as if the change had been made in another organization (dev, with prod next).
    writeFileSync(
      file,
      JSON.stringify({ ...journal, organizationId: '99999999-0000-4000-8000-000000000001' }),
    );
    const elsewhere = await cli('workflow', 'show');
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stderr).toContain(
      `was made in another environment (${proxy.url}), not ${emulator.url}; left alone here`,
    );
    expect((await readWorkflow()).statecode).toBe(0);
    expect(existsSync(file)).toBe(true);

    writeFileSync(file, JSON.stringify(journal));
    const here = await cli('workflow', 'show');
    expect(here.stderr).toMatch(/now finished \(Activated\)/);
    expect((await readWorkflow()).statecode).toBe(1);
    expect(existsSync(file)).toBe(false);
  });

  it('lets invitations be sent again after any workflow command', async () => {
    expect((await cli('workflow', 'activate')).code).toBe(0);
    const run = await cli('invite', 'create', '--contact', 'alice.adams@example.com', '--send');
    expect(run.code).toBe(0);
  });
});

describe('a patch killed before the new definition was written', () => {
  let original: WebApiRecord;
  beforeEach(async () => {
    original = await readWorkflow();
    await killDuring(UPDATE_XAML);
  });

  it('is rolled back by the next workflow command, which says so: original definition, Activated', async () => {
    expect((await readWorkflow()).statecode).toBe(0);
    const run = await cli('workflow', 'activate');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /stopped before writing the new definition: it was rolled back \(original definition, Activated\)/,
    );
    const after = await readWorkflow();
    expect([after.statecode, after.xaml]).toEqual([1, original.xaml]);
  });
});

describe('workflow show on a definition in Draft', () => {
  it('warns that invitations cannot be sent until it is activated', async () => {
    expect((await cli('workflow', 'deactivate')).code).toBe(0);
    const show = await cli('workflow', 'show');
    expect(show.code).toBe(0);
    expect(show.stderr).toMatch(/warning: "Send Invitation" is in Draft.*cannot be sent.*workflow activate/);
  });
});

describe('a patch whose output pipe is closed (| head)', () => {
  it('still completes the change: Activated with the new e-mail', async () => {
    const child = spawn(process.execPath, [CLI, ...patchArgs()], {
      cwd: dir,
      env: cleanEnv(),
      stdio: 'pipe',
    });
    child.stdout.destroy();
    child.stderr.destroy();
    const held = await proxy.hold(ACTIVATE);
    await held.forward();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect((await readWorkflow()).statecode).toBe(1);
    expect(await subject()).toBe(NEW_SUBJECT);
  });
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const)('%s during a patch', (signal, exitCode) => {
  it(`finishes the change first, then exits ${exitCode}`, async () => {
    const run = startScript(CLI, patchArgs(), dir);
    const held = await proxy.hold(ACTIVATE);
    run.signal(signal);
    await run.waitForOutput(`${signal}: finishing the workflow change first`);
    await held.forward();
    expect(await run.exited).toBe(exitCode);
    expect((await readWorkflow()).statecode).toBe(1);
    expect(await subject()).toBe(NEW_SUBJECT);
  });
});

describe('a restore killed between deactivate and activate', () => {
  it('is finished by the next workflow command: the backed-up definition, Activated', async () => {
    const original = await readWorkflow();
    expect((await runCli(patchArgs(), { cwd: dir })).code).toBe(0);
    const [backup] = readdirSync(join(dir, '.backups'));
    const run = startScript(
      CLI,
      ['workflow', 'restore', '--backup', join('.backups', backup), '--url', proxy.url],
      dir,
    );
    const held = await proxy.hold(ACTIVATE);
    run.signal('SIGKILL');
    await run.exited;
    held.drop();
    expect((await readWorkflow()).statecode).toBe(0);

    const show = await cli('workflow', 'show');
    expect(show.stderr).toMatch(
      /interrupted restore of workflow "Send Invitation".*now finished \(Activated\)/,
    );
    const after = await readWorkflow();
    expect([after.statecode, after.xaml]).toEqual([1, original.xaml]);
  });
});
