import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { WebApiRecord } from '../../../sdk/client/types';
import { ContactTable, EmailTable, InvitationTable } from '../../../sdk/entities/index';
import { ensureBuilt } from '../helpers/build';
import { seededContacts, startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

let emulator: TestEmulator;
let dir: string;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
  dir = tempDir('bulk');
});
afterEach(() => emulator.close());

const cli = (...args: string[]) => runCli([...args, '--url', emulator.url]);

function writeCsv(lines: string[]): string {
  const file = join(dir, 'invitees.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function readResults(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true });
}

async function invitationCount(invitationIds: string[]): Promise<number> {
  let n = 0;
  for (const id of invitationIds) {
    n += await emulator.client.count(InvitationTable.entitySet, {
      filter: `${InvitationTable.primaryId} eq ${id}`,
    });
  }
  return n;
}

describe('invite bulk with bad rows', () => {
  let results: Record<string, string>[];
  let run: Awaited<ReturnType<typeof cli>>;

  beforeEach(async () => {
    const [a, b] = await seededContacts(emulator.client, 2);
    const noEmail = await emulator.client.create(ContactTable.entitySet, {
      [ContactTable.columns.firstName]: 'No',
      [ContactTable.columns.lastName]: 'Mail',
    });
    const csv = writeCsv([
      'email,contactid,name',
      `${a.email},,Good one`,
      'not-an-address,,Bad address',
      'nobody@example.invalid,,Unknown contact',
      `,${noEmail},No e-mail`,
      `${b.email},,Good two`,
    ]);
    run = await cli('invite', 'bulk', '--csv', csv, '--results', join(dir, 'results.csv'));
    results = readResults(join(dir, 'results.csv'));
  });

  it('exits 1 saying how many rows failed and where the results are', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 of 5 row(s) failed');
    expect(run.stderr).toContain(join(dir, 'results.csv'));
  });

  it('writes one results line per row', () => {
    expect(results.map((r) => r.row).sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('still creates the good rows', () => {
    const good = results.filter((r) => r.row === '1' || r.row === '5');
    expect(good.map((r) => r.status)).toEqual(['created', 'created']);
    expect(good.every((r) => /^[0-9a-f-]{36}$/.test(r.invitation_id))).toBe(true);
  });

  it('reports an invalid e-mail address', () => {
    expect(results.find((r) => r.row === '2')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('not a valid e-mail'),
    });
  });

  it('reports an unknown contact', () => {
    expect(results.find((r) => r.row === '3')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/contact/i),
    });
  });

  it('reports a contact without an e-mail address', () => {
    expect(results.find((r) => r.row === '4')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/e-?mail/i),
    });
  });
});

describe('invite bulk interrupted and resumed', () => {
  let contacts: { id: string; email: string }[];
  let csv: string;
  const resultsFile = () => join(dir, 'results.csv');

  beforeEach(async () => {
    contacts = await seededContacts(emulator.client, 4);
    csv = writeCsv(['email', ...contacts.map((c) => c.email)]);
    // The second CreateMultiple (rows 3-4) fails, as if the run was cut off half-way.
    emulator.faults.add({
      method: 'POST',
      path: /CreateMultiple/,
      bodyIncludes: contacts[2].id,
      times: 1,
      status: 500,
      code: '0x80040216',
      message: 'Injected failure in the second chunk.',
    });
  });

  it('stops at the failed chunk, keeps the rows done and marks the rest as not processed', async () => {
    const run = await cli('invite', 'bulk', '--csv', csv, '--results', resultsFile(), '--batch-size', '2');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The job stopped after 2 of 4 rows');
    expect(readResults(resultsFile()).map((r) => r.status)).toEqual([
      'created',
      'created',
      'not_processed',
      'not_processed',
    ]);
  });

  it('with --resume creates only the missing rows and reports the others as existing', async () => {
    await cli('invite', 'bulk', '--csv', csv, '--results', resultsFile(), '--batch-size', '2');
    const run = await cli(
      'invite',
      'bulk',
      '--csv',
      csv,
      '--results',
      resultsFile(),
      '--batch-size',
      '2',
      '--resume',
    );
    expect(run.code).toBe(0);
    const results = readResults(resultsFile());
    expect(results.map((r) => r.status)).toEqual(['exists', 'exists', 'created', 'created']);
    expect(await invitationCount(results.map((r) => r.invitation_id))).toBe(4);
  });

  it('refuses to start the same job again without --resume', async () => {
    await cli('invite', 'bulk', '--csv', csv, '--results', resultsFile(), '--batch-size', '2');
    const run = await cli('invite', 'bulk', '--csv', csv, '--results', resultsFile());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--resume');
  });

  it('with --send, a resumed run sends each invitation exactly once', async () => {
    await cli('invite', 'bulk', '--csv', csv, '--results', resultsFile(), '--batch-size', '2', '--send');
    const run = await cli(
      'invite',
      'bulk',
      '--csv',
      csv,
      '--results',
      resultsFile(),
      '--batch-size',
      '2',
      '--send',
      '--resume',
    );
    expect(run.code).toBe(0);
    const results = readResults(resultsFile());
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const r of results) {
      const emails = await emulator.client.count(EmailTable.entitySet, {
        filter: `${EmailTable.lookups.regardingInvitation.valueField} eq ${r.invitation_id}`,
      });
      expect(emails).toBe(1);
    }
  });

  it('prints a summary as JSON with --json', async () => {
    const run = await cli('invite', 'bulk', '--csv', csv, '--results', resultsFile(), '--json');
    const summary = JSON.parse(run.stdout) as WebApiRecord;
    expect(summary).toMatchObject({ total: 4, failed: expect.any(Number), results: resultsFile() });
  });
});
