import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBulkRows, toBulkRow, type BulkRow } from '../../../scripts/bulk/csv-rows';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('toBulkRow', () => {
  it('makes a single invitation for a row with only an e-mail', () => {
    expect(toBulkRow({ email: 'ada@example.com' }, 1, {}, NOW)).toEqual({
      row: 1,
      email: 'ada@example.com',
      input: { type: 'single', contact: 'ada@example.com' },
    });
  });

  it('reports an invalid e-mail address', () => {
    expect(toBulkRow({ email: 'not-an-address' }, 2, {}, NOW).error).toBe(
      '"not-an-address" is not a valid e-mail address',
    );
  });

  it('reports a row with neither email nor contactid', () => {
    expect(toBulkRow({ email: '', name: 'x' }, 3, {}, NOW).error).toBe(
      'the row has neither an email nor a contactid',
    );
  });

  it('accepts a contactid in braces and normalises it', () => {
    const row = toBulkRow({ contactid: '{AAAAAAAA-0000-4000-8000-000000000001}' }, 1, {}, NOW);
    expect(row.input?.contact).toBe('aaaaaaaa-0000-4000-8000-000000000001');
  });

  it('refuses a contactid that is not a GUID', () => {
    expect(toBulkRow({ contactid: '42' }, 1, {}, NOW).error).toBe('contactid "42" is not a GUID');
  });

  it('splits the roles column on semicolons and lets it replace the default roles', () => {
    const row = toBulkRow(
      { email: 'a@example.com', roles: 'Partners; Authenticated Users;' },
      1,
      { roles: ['Admins'] },
      NOW,
    );
    expect(row.input?.webRoles).toEqual(['Partners', 'Authenticated Users']);
  });

  it('uses the default roles, account and expiry when the row leaves them empty', () => {
    const row = toBulkRow(
      { email: 'a@example.com', roles: '', account: '' },
      1,
      { roles: ['Partners'], account: 'Contoso', expires: '30d' },
      NOW,
    );
    expect(row.input).toMatchObject({
      webRoles: ['Partners'],
      account: 'Contoso',
      expiresOn: new Date(NOW + 30 * 86_400_000),
    });
  });

  it('makes a group invitation with a maximum for type group', () => {
    const row = toBulkRow({ email: 'a@example.com', type: 'Group', max: '5' }, 1, {}, NOW);
    expect(row.input).toEqual({ type: 'group', contacts: ['a@example.com'], maxRedemptions: 5 });
  });

  it('refuses a maximum above 1 on a single invitation', () => {
    expect(toBulkRow({ email: 'a@example.com', max: '3' }, 1, {}, NOW).error).toMatch(
      /single invitation has max 1/,
    );
  });

  it('refuses an unknown type', () => {
    expect(toBulkRow({ email: 'a@example.com', type: 'team' }, 1, {}, NOW).error).toBe(
      'type "team" must be single or group',
    );
  });

  it('reports an expiry in the past', () => {
    expect(toBulkRow({ email: 'a@example.com', expires: '2020-01-01' }, 1, {}, NOW).error).toMatch(
      /in the past/,
    );
  });
});

describe('readBulkRows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csv-rows-'));
  const collect = async (text: string, onUnknownColumns?: (c: string[]) => void) => {
    const file = join(dir, `${Math.random()}.csv`);
    writeFileSync(file, text);
    const rows: BulkRow[] = [];
    for await (const row of readBulkRows(file, {}, { now: () => NOW, onUnknownColumns })) rows.push(row);
    return rows;
  };

  it('numbers data rows from 1 and skips blank lines', async () => {
    const rows = await collect('Email,Name\r\na@example.com,A\r\n\r\nb@example.com,B\r\n');
    expect(rows.map((r) => [r.row, r.email, r.input?.name])).toEqual([
      [1, 'a@example.com', 'A'],
      [2, 'b@example.com', 'B'],
    ]);
  });

  it('handles a byte-order mark and quoted fields with commas', async () => {
    const rows = await collect('\uFEFFemail,name\n"c@example.com","Doe, Jane"\n');
    expect(rows[0].input).toMatchObject({ contact: 'c@example.com', name: 'Doe, Jane' });
  });

  it('refuses a header without email or contactid', async () => {
    await expect(collect('mail,name\na@example.com,A\n')).rejects.toThrow(
      'has no "email" or "contactid" column',
    );
  });

  it('reports unknown columns once', async () => {
    const unknown: string[][] = [];
    await collect('email,colour\na@example.com,red\n', (c) => unknown.push(c));
    expect(unknown).toEqual([['colour']]);
  });

  it('gives a row the same identity wherever it sits, and none to an invalid row', async () => {
    const alone = await collect('email\nerin@example.com\n');
    const below = await collect('email\nzzz\nErin@Example.com\n');
    expect(below[0].identity).toBeUndefined();
    expect(below[1].identity).toBe(alone[0].identity);
  });

  it('numbers repeats of the same invitee', async () => {
    const rows = await collect('email\nerin@example.com\nerin@example.com\n');
    expect(rows[0].identity).not.toBe(rows[1].identity);
  });
});
