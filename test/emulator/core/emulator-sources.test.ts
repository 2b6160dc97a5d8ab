/**
 * Rules of the emulator's source, read the way a reviewer would grep it: Dataverse names live
 * once, in sdk/entities, and error codes in sdk/client/error-codes, so emulator code refers to them
 * instead of spelling them again; comments point at docs by Microsoft URL or repository path; each
 * README lists only files that exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as entities from '../../../sdk/entities/index';
import type { TableDefinition } from '../../../sdk/entities/table';

const EMULATOR = path.join(__dirname, '../../../emulator');

function files(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full, ext) : ext.test(entry.name) ? [full] : [];
  });
}

/** The code of a file without its comments (where names in backticks are documentation). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

const texts = (ext: RegExp) =>
  files(EMULATOR, ext).map((file) => ({
    file: path.relative(EMULATOR, file),
    text: fs.readFileSync(file, 'utf8'),
  }));

const sources = texts(/\.ts$/);

/**
 * Column names that are also everyday words of code (`name`, `type`, `message`...): a quoted one
 * is usually not the Dataverse column, so these are not counted.
 */
const EVERYDAY_WORDS = new Set([
  'name',
  'type',
  'mode',
  'stage',
  'rank',
  'description',
  'message',
  'url',
  'version',
  'subject',
  'sender',
  'data',
  'scope',
  'category',
  'xaml',
  'contract',
  'attributes',
  'configuration',
]);

function dataverseNames(): Set<string> {
  const names = new Set<string>(Object.values(entities.StandardColumns));
  for (const value of Object.values(entities.MessageName)) names.add(value);
  for (const value of Object.values(entities as Record<string, unknown>)) {
    const table = value as TableDefinition;
    if (typeof table?.logicalName !== 'string' || typeof table.columns !== 'object') continue;
    [table.logicalName, table.entitySet, table.primaryId, table.primaryName].forEach((n) => names.add(n));
    Object.values(table.columns).forEach((n) => names.add(n));
    Object.values(table.relationships).forEach((n) => names.add(n));
    for (const lookup of Object.values(table.lookups)) {
      [lookup.column, lookup.navigation, lookup.target].forEach((n) => names.add(n));
    }
  }
  return new Set([...names].filter((n) => !EVERYDAY_WORDS.has(n)));
}

test('a Dataverse name appears as a string literal at most once in emulator/', () => {
  const counts = new Map<string, string[]>();
  const names = dataverseNames();
  for (const { file, text } of sources) {
    for (const match of code(text).matchAll(/(['"`])([A-Za-z_][A-Za-z0-9_]*)\1/g)) {
      if (!names.has(match[2])) continue;
      counts.set(match[2], [...(counts.get(match[2]) ?? []), file]);
    }
  }
  const repeated = [...counts]
    .filter(([, where]) => where.length > 1)
    .map(([n, where]) => `${n}: ${where.join(', ')}`);
  expect(repeated).toEqual([]);
});

test('no Dataverse error code is spelled in emulator/ (they come from ErrorCodes)', () => {
  const spelled = texts(/\.(ts|md)$/)
    .filter(({ text }) => /0x[0-9a-f]{8}/i.test(text))
    .map(({ file }) => file);
  expect(spelled).toEqual([]);
});

test('no file in emulator/ names a path outside the repository', () => {
  const outside = /(^|[\s`'"(])(\/(work|home|tmp|Users|usr|var|opt|mnt|srv)\/|[A-Z]:\\)/m;
  const naming = texts(/\.(ts|md)$/)
    .filter(({ text }) => outside.test(text))
    .map(({ file }) => file);
  expect(naming).toEqual([]);
});

describe.each(['extensions/README.md', 'metadata/README.md'])('%s', (readme) => {
  const folder = path.dirname(path.join(EMULATOR, readme));
  const text = fs.readFileSync(path.join(EMULATOR, readme), 'utf8');
  const rows = text.split('\n').filter((line) => /^\| `/.test(line));

  test('lists only files that exist', () => {
    const listed = rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+\.ts)`/g)].map((m) => m[1]));
    expect(listed.filter((file) => !fs.existsSync(path.join(folder, file)))).toEqual([]);
  });

  test('lists every file of its folder', () => {
    const listed = new Set(
      rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+\.ts)`/g)].map((m) => m[1])),
    );
    const present = files(folder, /\.ts$/).map((file) => path.relative(folder, file));
    expect(present.filter((file) => !listed.has(file))).toEqual([]);
  });

  test('says what each listed file does', () => {
    expect(rows.filter((row) => (row.split('|')[2] ?? '').trim().length < 10)).toEqual([]);
  });
});
