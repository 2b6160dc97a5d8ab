/**
 * Row storage on better-sqlite3: read, insert, update and delete rows of the metadata tables,
 * N:N links, activity parties, the database-wide row version and per-table change counts (for
 * caches of rows). Synchronous; the transaction boundaries belong to emulator/store/transaction.ts.
 */
import type Database from 'better-sqlite3';
import { StandardColumns } from '../../sdk/entities/standard-columns';
import { loadSqlite } from './sqlite-driver';
import type { ColumnValues, LookupValue, StoredRow } from '../contracts';
import { columnOf, isLookup, MANY_TO_MANY, TABLES, tableByLogicalName } from '../metadata';
import type { ManyToManyMeta, TableMeta } from '../metadata';
import { decodeRow, encodeColumn } from './codec';
import { StatementCache, storedColumns } from './statements';
import type { SqlRow } from './codec';
import { createSchema, ident } from './schema';
import { PartyStore } from './parties';
import { DataverseFault, ErrorCodes, unknownSegment } from '../errors';

/** Opens a database file (WAL, synchronous commits) or `:memory:` and creates the schema. */
export function openDatabase(file: string): Database.Database {
  const Sqlite = loadSqlite();
  const db = new Sqlite(file);
  if (file !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('busy_timeout = 5000');
  createSchema(db);
  return db;
}

/** Synchronous row storage over one SQLite connection. */
export class Store {
  readonly parties: PartyStore;
  private readonly statements: StatementCache;
  private readonly changes = new Map<string, number>();
  private rollbacks = 0;

  constructor(readonly db: Database.Database) {
    this.parties = new PartyStore(this);
    this.statements = new StatementCache(db);
  }

  /** A cached prepared statement. */
  prepare(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  /**
   * A number that grows whenever rows of `logicalName` are written, or any write is rolled back:
   * something derived from that table's rows stays valid while this number stays the same.
   */
  changeCount(logicalName: string): number {
    return (this.changes.get(logicalName) ?? 0) + this.rollbacks;
  }

  /** Told by the transaction manager after a rollback: rows of any table may have reverted. */
  rolledBack(): void {
    this.rollbacks += 1;
  }

  /** Whether a row with this id exists. */
  exists(table: TableMeta, id: string): boolean {
    const statement = this.statements.forTable(
      table,
      'exists',
      () => `SELECT 1 FROM ${ident(table.logicalName)} WHERE ${ident(table.primaryId)} = ?`,
    );
    return statement.get(id.toLowerCase()) !== undefined;
  }

  /** Takes the next database-wide row version (what `@odata.etag` carries). */
  nextVersion(): number {
    const row = this.prepare(
      `UPDATE "_emulator_meta" SET "value" = "value" + 1 WHERE "key" = 'rowversion' RETURNING "value"`,
    ).get() as {
      value: number;
    };
    return row.value;
  }

  /** The raw SQLite row, or undefined. */
  getRaw(table: TableMeta, id: string): SqlRow | undefined {
    const statement = this.statements.forTable(
      table,
      'get',
      () => `SELECT * FROM ${ident(table.logicalName)} WHERE ${ident(table.primaryId)} = ?`,
    );
    return statement.get(id.toLowerCase()) as SqlRow | undefined;
  }

  /** A row in canonical shape (activities include their party lists), or undefined. */
  get(logicalName: string, id: string): StoredRow | undefined {
    const table = mustTable(logicalName);
    const raw = this.getRaw(table, id);
    return raw ? this.toStored(table, raw) : undefined;
  }

  /** Turns a raw SQLite row into a stored row. */
  toStored(table: TableMeta, raw: SqlRow): StoredRow {
    const values = decodeRow(table, raw);
    if (table.activity) Object.assign(values, this.parties.read(table, String(raw[table.primaryId])));
    return {
      logicalName: table.logicalName,
      id: String(raw[table.primaryId]),
      version: Number(raw[StandardColumns.versionNumber] ?? 0),
      values,
    };
  }

  /** Inserts a row; `values` are canonical and already validated. */
  insert(table: TableMeta, id: string, values: Record<string, unknown>): void {
    const cells: SqlRow = { [table.primaryId]: id.toLowerCase() };
    encodeValues(table, values, cells);
    // Every column, absent ones as NULL (the schema has no defaults): one statement per table.
    const names = storedColumns(table);
    this.statements
      .forTable(
        table,
        'insert',
        () =>
          `INSERT INTO ${ident(table.logicalName)} (${names.map(ident).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      )
      .run(...names.map((n) => cells[n] ?? null));
    this.touched(table.logicalName);
    if (table.activity) this.parties.write(table, id, values);
  }

  /** Updates the given columns of a row. */
  update(table: TableMeta, id: string, values: Record<string, unknown>): void {
    const cells: SqlRow = {};
    encodeValues(table, values, cells);
    const names = Object.keys(cells);
    if (names.length > 0) {
      this.prepare(
        `UPDATE ${ident(table.logicalName)} SET ${names.map((n) => `${ident(n)} = ?`).join(', ')} WHERE ${ident(table.primaryId)} = ?`,
      ).run(...names.map((n) => cells[n]), id.toLowerCase());
    }
    this.touched(table.logicalName);
    if (table.activity) this.parties.write(table, id, values);
  }

  /** Deletes a row with its N:N links and activity parties; lookups pointing at it become empty. */
  delete(table: TableMeta, id: string): void {
    const key = id.toLowerCase();
    this.prepare(`DELETE FROM ${ident(table.logicalName)} WHERE ${ident(table.primaryId)} = ?`).run(key);
    this.touched(table.logicalName);
    for (const rel of MANY_TO_MANY) {
      if (rel.entity1 === table.logicalName)
        this.prepare(`DELETE FROM ${ident(rel.intersect)} WHERE "id1" = ?`).run(key);
      if (rel.entity2 === table.logicalName)
        this.prepare(`DELETE FROM ${ident(rel.intersect)} WHERE "id2" = ?`).run(key);
    }
    if (table.activity) this.parties.removeAll(key);
    for (const other of TABLES) {
      // A view's lookups are its source's columns, cleared there.
      if (other.view) continue;
      for (const column of other.columns) {
        if (!isLookup(column) || !column.targets?.includes(table.logicalName)) continue;
        const cleared = this.prepare(
          `UPDATE ${ident(other.logicalName)} SET ${ident(column.name)} = NULL, ${ident(`${column.name}__type`)} = NULL WHERE ${ident(column.name)} = ?`,
        ).run(key);
        if (cleared.changes > 0) this.touched(other.logicalName);
      }
    }
  }

  /** Links two rows through an N:N relationship; returns false when already linked. */
  link(rel: ManyToManyMeta, id1: string, id2: string): boolean {
    const result = this.prepare(
      `INSERT OR IGNORE INTO ${ident(rel.intersect)} ("id1", "id2") VALUES (?, ?)`,
    ).run(id1.toLowerCase(), id2.toLowerCase());
    return result.changes > 0;
  }

  /** Removes an N:N link; returns false when there was none. */
  unlink(rel: ManyToManyMeta, id1: string, id2: string): boolean {
    return (
      this.prepare(`DELETE FROM ${ident(rel.intersect)} WHERE "id1" = ? AND "id2" = ?`).run(
        id1.toLowerCase(),
        id2.toLowerCase(),
      ).changes > 0
    );
  }

  /** Ids on the other side of an N:N relationship from a row of `logicalName`. */
  linked(rel: ManyToManyMeta, logicalName: string, id: string): string[] {
    const [mine, other] = rel.entity1 === logicalName ? ['id1', 'id2'] : ['id2', 'id1'];
    const rows = this.prepare(
      `SELECT "${other}" AS id FROM ${ident(rel.intersect)} WHERE "${mine}" = ? ORDER BY "${other}"`,
    ).all(id.toLowerCase()) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** The primary name of a referenced row (for lookup names and FormattedValue), or undefined. */
  primaryName(ref: LookupValue): string | undefined {
    const table = tableByLogicalName(ref.logicalName);
    if (!table?.primaryName) return undefined;
    const row = this.prepare(
      `SELECT ${ident(table.primaryName)} AS n FROM ${ident(table.logicalName)} WHERE ${ident(table.primaryId)} = ?`,
    ).get(ref.id.toLowerCase()) as { n: string | null } | undefined;
    return row?.n ?? undefined;
  }

  private touched(logicalName: string): void {
    this.changes.set(logicalName, (this.changes.get(logicalName) ?? 0) + 1);
  }
}

/** The table with this logical name; throws a 404 fault for an unknown one. */
export function mustTable(logicalName: string): TableMeta {
  const table = tableByLogicalName(logicalName);
  if (!table) throw unknownSegment(logicalName);
  return table;
}

/** Rows of `entityName` whose columns equal `equals` (every row when empty). */
export function findRows(store: Store, entityName: string, equals: ColumnValues = {}): StoredRow[] {
  const table = mustTable(entityName);
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [name, value] of Object.entries(equals)) {
    const column = columnOf(table, name);
    if (!column) {
      throw new DataverseFault(400, ErrorCodes.InvalidPayload, `${entityName} has no column '${name}'.`);
    }
    if (value === null || value === undefined) {
      where.push(`${ident(name)} IS NULL`);
      continue;
    }
    where.push(`${ident(name)} = ?`);
    if (isLookup(column)) params.push((value as LookupValue).id.toLowerCase());
    else if (typeof value === 'boolean') params.push(value ? 1 : 0);
    else params.push(column.type === 'uniqueidentifier' ? String(value).toLowerCase() : value);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const sql = `SELECT * FROM ${ident(table.logicalName)}${filter} ORDER BY ${ident(table.primaryId)}`;
  return (store.prepare(sql).all(...params) as SqlRow[]).map((raw) => store.toStored(table, raw));
}

/**
 * Encodes the given columns into `cells`: the caller's own columns first, then the read-only ones
 * the emulator computed from them (contact.fullname), so a value that is refused is reported under
 * the name of the field the caller sent.
 */
function encodeValues(table: TableMeta, values: Record<string, unknown>, cells: SqlRow): void {
  for (const computed of [false, true]) {
    for (const column of table.columns) {
      if (Boolean(column.readOnly) !== computed || column.name === table.primaryId) continue;
      if (column.name in values) encodeColumn(column, values[column.name], cells);
    }
  }
}
