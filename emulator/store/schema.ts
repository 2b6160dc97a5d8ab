/**
 * The SQLite schema, derived from the metadata: one table per Dataverse table (a column per
 * column; a lookup is two columns, the id and `<name>__type` for the target table; lookups,
 * primary names and `indexed` columns have an index), a VIEW per read-only virtual table
 * (views.ts), one link table per N:N relationship, and a meta table holding the database-wide row
 * version.
 */
import type Database from 'better-sqlite3';
import { isLookup, MANY_TO_MANY, TABLES } from '../metadata';
import type { ColumnMeta, TableMeta } from '../metadata';
import { viewDdl } from './views';

/** Quotes an SQL identifier (metadata names only; never user input). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQLite column holding a lookup's target table. */
export function typeColumn(column: string): string {
  return `${column}__type`;
}

function sqlType(column: ColumnMeta): string {
  switch (column.type) {
    case 'int':
    case 'bigint':
    case 'boolean':
    case 'choice':
    case 'state':
    case 'status':
      return 'INTEGER';
    case 'decimal':
      return 'REAL';
    default:
      return 'TEXT';
  }
}

/** Each SQLite column of a table as `"name" TYPE` (a lookup adds its `__type` column). */
function columnDefinitions(table: TableMeta): Map<string, string> {
  const defs = new Map<string, string>();
  for (const column of table.columns) {
    if (column.name === table.primaryId) continue;
    defs.set(column.name, `${ident(column.name)} ${sqlType(column)}`);
    if (isLookup(column)) defs.set(typeColumn(column.name), `${ident(typeColumn(column.name))} TEXT`);
  }
  return defs;
}

/**
 * ALTER TABLE statements adding the columns metadata gained since the database file was made,
 * so a store written by an older emulator still opens.
 */
function missingColumns(db: Database.Database, table: TableMeta): string[] {
  const existing = db.prepare(`PRAGMA table_info(${ident(table.logicalName)})`).all() as { name: string }[];
  if (existing.length === 0) return [];
  const have = new Set(existing.map((c) => c.name));
  return [...columnDefinitions(table)]
    .filter(([name]) => !have.has(name))
    .map(([, def]) => `ALTER TABLE ${ident(table.logicalName)} ADD COLUMN ${def}`);
}

function tableDdl(table: TableMeta): string[] {
  const cols: string[] = [];
  const indexes: string[] = [];
  for (const column of table.columns) {
    if (column.name === table.primaryId) {
      cols.push(`${ident(column.name)} TEXT PRIMARY KEY`);
      continue;
    }
    cols.push(`${ident(column.name)} ${sqlType(column)}`);
    if (column.indexed || column.name === table.primaryName) {
      indexes.push(
        `CREATE INDEX IF NOT EXISTS ${ident(`ix_${table.logicalName}_${column.name}_nocase`)} ON ${ident(table.logicalName)} (${ident(column.name)} COLLATE NOCASE)`,
      );
    }
    if (isLookup(column)) {
      cols.push(`${ident(typeColumn(column.name))} TEXT`);
      indexes.push(
        `CREATE INDEX IF NOT EXISTS ${ident(`ix_${table.logicalName}_${column.name}`)} ON ${ident(table.logicalName)} (${ident(column.name)})`,
      );
    }
  }
  return [`CREATE TABLE IF NOT EXISTS ${ident(table.logicalName)} (${cols.join(', ')})`, ...indexes];
}

/** Creates every table, link table and index that does not exist yet. */
export function createSchema(db: Database.Database): void {
  const statements: string[] = [
    'CREATE TABLE IF NOT EXISTS "_emulator_meta" ("key" TEXT PRIMARY KEY, "value" INTEGER NOT NULL)',
    `INSERT OR IGNORE INTO "_emulator_meta" ("key", "value") VALUES ('rowversion', 1000)`,
  ];
  for (const table of TABLES)
    if (!table.view) statements.push(...missingColumns(db, table), ...tableDdl(table));
  for (const table of TABLES) statements.push(...viewDdl(table));
  for (const rel of MANY_TO_MANY) {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${ident(rel.intersect)} ("id1" TEXT NOT NULL, "id2" TEXT NOT NULL, PRIMARY KEY ("id1", "id2"))`,
      `CREATE INDEX IF NOT EXISTS ${ident(`ix_${rel.intersect}_id2`)} ON ${ident(rel.intersect)} ("id2", "id1")`,
    );
  }
  db.transaction(() => {
    for (const sql of statements) db.prepare(sql).run();
  })();
}
