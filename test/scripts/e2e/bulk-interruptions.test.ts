/**
 * `invite bulk --send` interrupted as a user or a machine would interrupt it — Ctrl+C, SIGTERM,
 * SIGKILL of the CLI, SIGKILL of the server — at a chosen request (a proxy holds it), then resumed.
 * What must hold is read from the emulator's tables: one invitation per contact of the CSV, at
 * most one e-mail each, and summaries whose numbers are those counts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ensureBuilt } from '../helpers/build';
import {
  countPerContact,
  createContacts,
  histogram,
  readResultsCsv,
  summaryNumber,
  writeInviteesCsv,
  type TestContact,
} from '../helpers/bulk-fixtures';
import { startChildEmulator } from '../helpers/child-emulator';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { startHoldingProxy, type HoldingProxy } from '../helpers/holding-proxy';
import { startScript } from '../helpers/long-running';
import { runCli } from '../helpers/run-cli';
import { DataverseClient, StaticTokenCredential } from '../../../sdk/client/index';

const ROWS = 120;
const EXECUTE = /ExecuteWorkflow/;
/** The 46th send: the third chunk of 20 rows, with sends of that chunk still in flight. */
const MID_RUN = { method: 'POST', path: EXECUTE, skip: 45 };

let emulator: TestEmulator;
let proxy: HoldingProxy;
let dir: string;
let contacts: TestContact[];
let csv: string;
let results: string;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
  proxy = await startHoldingProxy(emulator.url);
  dir = tempDir('bulk-interrupt');
  contacts = await createContacts(emulator.client, ROWS);
  csv = writeInviteesCsv(dir, contacts);
  results = join(dir, 'results.csv');
});
afterEach(async () => {
  await proxy.close();
  await emulator.close();
});

const bulkArgs = (url: string, ...extra: string[]) => [
  'invite',
  'bulk',
  '--csv',
  csv,
  '--results',
  results,
  '--send',
  '--batch-size',
  '20',
  '--url',
  url,
  ...extra,
];
const startBulk = (url: string) => startScript(CLI, bulkArgs(url), dir);
const resume = (url: string) => runCli(bulkArgs(url, '--resume'), { cwd: dir });

async function expectOneInvitationAndEmailEach(client = emulator.client) {
  const counts = await countPerContact(client, contacts);
  expect(histogram(counts.invitations)).toEqual({ 1: ROWS });
  expect(histogram(counts.emails)).toEqual({ 1: ROWS });
  return counts;
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during invite bulk --send', (signal, exitCode) => {
  it(`lets the sends in flight finish, saves the results, says how to resume and exits ${exitCode}`, async () => {
    const run = startBulk(proxy.url);
    const held = await proxy.hold(MID_RUN);
    run.signal(signal);
    await run.waitForOutput(`${signal}: finishing the requests in flight`);
    void held.forward();
    expect(await run.exited).toBe(exitCode);

    expect(run.output()).toContain(`Interrupted by ${signal}`);
    expect(run.output()).toMatch(/Resume with: portal-invite invite bulk .*--resume/);
    const lines = readResultsCsv(results);
    expect(lines).toHaveLength(ROWS);
    const counts = await countPerContact(emulator.client, contacts);
    // The held send and the others in flight finished and were recorded: the file and the summary
    // say exactly what the tables hold.
    expect(lines.filter((l) => l.status === 'sent')).toHaveLength(counts.totalEmails);
    expect(summaryNumber(run.stdout(), 'Sent now')).toBe(counts.totalEmails);
    expect(counts.totalEmails).toBeGreaterThanOrEqual(46);
    expect(lines.filter((l) => l.status === 'not_processed').length).toBeGreaterThan(0);
  });

  it('resumes to one invitation and one e-mail per contact, with true counts', async () => {
    const run = startBulk(proxy.url);
    const held = await proxy.hold(MID_RUN);
    run.signal(signal);
    await run.waitForOutput(`${signal}: finishing the requests in flight`);
    void held.forward();
    await run.exited;
    const before = await countPerContact(emulator.client, contacts);

    const resumed = await resume(proxy.url);
    expect(resumed.code).toBe(0);
    const after = await expectOneInvitationAndEmailEach();
    expect(summaryNumber(resumed.stdout, 'Sent before')).toBe(before.totalEmails);
    expect(summaryNumber(resumed.stdout, 'Sent now')).toBe(after.totalEmails - before.totalEmails);
    expect(
      summaryNumber(resumed.stdout, 'New invitations') + summaryNumber(resumed.stdout, 'Already existed'),
    ).toBe(ROWS);
    expect(readResultsCsv(results).map((l) => l.status)).toEqual(Array(ROWS).fill('sent'));
  });
});

describe('a second Ctrl+C', () => {
  it('stops at once with 130, still leaving a complete results file and the resume command', async () => {
    const run = startBulk(proxy.url);
    const held = await proxy.hold(MID_RUN);
    run.signal('SIGINT');
    await run.waitForOutput('SIGINT: finishing the requests in flight');
    run.signal('SIGINT');
    expect(await run.exited).toBe(130);
    held.drop();
    expect(run.output()).toContain('SIGINT: stopped at once');
    expect(run.output()).toMatch(/Resume with: portal-invite invite bulk .*--resume/);
    expect(readResultsCsv(results).filter((l) => l.status === 'sent').length).toBeGreaterThanOrEqual(40);

    expect((await resume(proxy.url)).code).toBe(0);
    await expectOneInvitationAndEmailEach();
  });
});

describe('SIGKILL of the CLI during invite bulk --send', () => {
  it('leaves a complete results file, and the resume does not e-mail again the invitation whose send landed after the kill', async () => {
    const run = startBulk(proxy.url);
    const held = await proxy.hold(MID_RUN);
    run.signal('SIGKILL');
    await run.exited;
    // The server still gets the send the CLI never heard back about.
    await held.forward();
    expect(existsSync(join(dir, `results.csv.lock`))).toBe(true);
    const lines = readResultsCsv(results);
    expect(lines.every((l) => /^\d+$/.test(l.row) && l.status !== '')).toBe(true);

    const resumed = await resume(proxy.url);
    expect(resumed.code).toBe(0);
    const after = await expectOneInvitationAndEmailEach();
    expect(summaryNumber(resumed.stdout, 'Sent now') + summaryNumber(resumed.stdout, 'Sent before')).toBe(
      after.totalEmails,
    );
    expect(existsSync(join(dir, `results.csv.lock`))).toBe(false);
  });
});

describe('killed twice, then resumed', () => {
  it('keeps what both runs did (the results file is never emptied) and ends with one invitation and one e-mail each', async () => {
    const first = startBulk(proxy.url);
    const firstHeld = await proxy.hold(MID_RUN);
    first.signal('SIGKILL');
    await first.exited;
    firstHeld.drop();

    const firstLines = readResultsCsv(results);
    // The second run dies before it has saved anything: the file must still say what the first did.
    const second = startScript(CLI, bulkArgs(proxy.url, '--resume'), dir);
    const secondHeld = await proxy.hold({ method: 'POST', path: /CreateMultiple/ });
    second.signal('SIGKILL');
    await second.exited;
    secondHeld.drop();
    expect(firstLines.filter((l) => l.status === 'sent').length).toBeGreaterThanOrEqual(40);
    expect(readResultsCsv(results)).toEqual(firstLines);

    const last = await resume(proxy.url);
    expect(last.code).toBe(0);
    const after = await expectOneInvitationAndEmailEach();
    expect(summaryNumber(last.stdout, 'Sent now') + summaryNumber(last.stdout, 'Sent before')).toBe(
      after.totalEmails,
    );
  });
});

describe('a second run of a job that is running', () => {
  it('is refused, so the two never send side by side', async () => {
    const run = startBulk(proxy.url);
    const held = await proxy.hold(MID_RUN);
    const second = await resume(proxy.url);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/Another portal-invite \(process \d+ .*\) is running this job/);
    await held.forward();
    expect(await run.exited).toBe(0);
  });
});

describe('SIGKILL of the server during invite bulk --send', () => {
  it('resumes against the restarted server to one invitation and one e-mail per contact', async () => {
    const db = join(dir, 'dataverse.sqlite');
    let server = await startChildEmulator(db, dir);
    const client = () =>
      new DataverseClient({ url: server.url, credential: new StaticTokenCredential('t'), maxAttempts: 1 });
    contacts = await createContacts(client(), ROWS, 'child');
    csv = writeInviteesCsv(dir, contacts, 'child.csv');
    const serverProxy = await startHoldingProxy(server.url);
    try {
      const run = startBulk(serverProxy.url);
      const held = await serverProxy.hold(MID_RUN);
      await server.kill9();
      held.drop();
      const code = await run.exited;
      expect(code).toBe(1);
      expect(run.output()).toContain('--resume');

      server = await startChildEmulator(db, dir);
      serverProxy.retarget(server.url);
      const resumed = await resume(serverProxy.url);
      expect(resumed.code).toBe(0);
      const after = await expectOneInvitationAndEmailEach(client());
      expect(summaryNumber(resumed.stdout, 'Sent now') + summaryNumber(resumed.stdout, 'Sent before')).toBe(
        after.totalEmails,
      );
    } finally {
      await serverProxy.close();
      await server.stop();
    }
  }, 120_000);
});
