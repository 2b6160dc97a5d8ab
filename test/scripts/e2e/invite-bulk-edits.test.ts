/**
 * `invite bulk --resume` after the user edited the CSV as the tool tells them to (fix, remove or add
 * rows): every contact keeps its invitation id, so nobody is invited twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InvitationTable } from '../../../sdk/entities/index';
import { ensureBuilt } from '../helpers/build';
import { seededContacts, startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

let emulator: TestEmulator;
let dir: string;
let erin: { id: string; email: string };
let fay: { id: string; email: string };

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
  dir = tempDir('bulk-edits');
  [erin, fay] = await seededContacts(emulator.client, 2);
});
afterEach(() => emulator.close());

const csv = () => join(dir, 'invitees.csv');
const results = () => join(dir, 'results.csv');
const writeCsv = (lines: string[]) => writeFileSync(csv(), ['email', ...lines].join('\n') + '\n');
const bulk = (...extra: string[]) =>
  runCli(['invite', 'bulk', '--csv', csv(), '--results', results(), '--url', emulator.url, ...extra]);
const statuses = () =>
  (parse(readFileSync(results(), 'utf8'), { columns: true }) as Record<string, string>[]).map(
    (r) => `${r.email}:${r.status}`,
  );
const invitationsFor = (contactId: string) =>
  emulator.client.count(InvitationTable.entitySet, {
    filter: `${InvitationTable.lookups.inviteContact.valueField} eq ${contactId}`,
  });

describe('invite bulk --resume after editing the CSV', () => {
  it('does not invite a row twice when a bad row above it was removed', async () => {
    writeCsv(['zzz', erin.email]);
    expect((await bulk()).code).toBe(1);
    writeCsv([erin.email]);
    const run = await bulk('--resume');
    expect(run.code).toBe(0);
    expect(statuses()).toEqual([`${erin.email}:exists`]);
    expect(await invitationsFor(erin.id)).toBe(1);
  });

  it('does not invite a row twice when a bad row above it was fixed', async () => {
    writeCsv(['zzz', erin.email]);
    await bulk();
    writeCsv([fay.email, erin.email]);
    expect((await bulk('--resume')).code).toBe(0);
    expect(statuses()).toEqual([`${fay.email}:created`, `${erin.email}:exists`]);
    expect(await invitationsFor(erin.id)).toBe(1);
  });

  it('creates an inserted row and keeps the rows below it as they were', async () => {
    writeCsv([erin.email]);
    expect((await bulk()).code).toBe(0);
    writeCsv([fay.email, erin.email]);
    expect((await bulk('--resume')).code).toBe(0);
    expect(statuses()).toEqual([`${fay.email}:created`, `${erin.email}:exists`]);
    expect(await invitationsFor(erin.id)).toBe(1);
    expect(await invitationsFor(fay.id)).toBe(1);
  });

  it('reports a row that repeats the same invitee as a duplicate and creates one invitation', async () => {
    writeCsv([erin.email, erin.email.toUpperCase()]);
    const first = await bulk();
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/2\s+\S+\s+duplicate\s+the same contact as row 1/);
    expect((await bulk('--resume')).code).toBe(0);
    expect(statuses()).toEqual([`${erin.email}:exists`, `${erin.email.toUpperCase()}:duplicate`]);
    expect(await invitationsFor(erin.id)).toBe(1);
  });
});
