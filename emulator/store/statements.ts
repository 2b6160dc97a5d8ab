/**
 * Prepared statements kept for reuse: the per-table ones the store runs for every row (insert,
 * read, exists) looked up without building their SQL again, and the rest by SQL text in a
 * bounded least-recently-used cache, since query SQL varies with each `$filter`.
 */
import type Database from 'better-sqlite3';
import { isLookup } from '../metadata';
import type { TableMeta } from '../metadata';
import { typeColumn } from './schema';

/** Statements kept by SQL text before the least recently used one is dropped. */
export const MAX_CACHED_STATEMENTS = 500;

const columnsByTable = new WeakMap<TableMeta, string[]>();

/** The SQLite columns of a table in schema order (a lookup is the id and its `__type`). */
export function storedColumns(table: TableMeta): string[] {
  let names = columnsByTable.get(table);
  if (!names) {
    names = [table.primaryId];
    for (const column of table.columns) {
      if (column.name === table.primaryId) continue;
      names.push(column.name);
      if (isLookup(column)) names.push(typeColumn(column.name));
    }
    columnsByTable.set(table, names);
  }
  return names;
}

/** Prepared statements over one connection. */
export class StatementCache {
  private readonly bySql = new Map<string, Database.Statement>();
  private readonly byTable = new WeakMap<TableMeta, Map<string, Database.Statement>>();

  constructor(
    private readonly db: Database.Database,
    private readonly limit = MAX_CACHED_STATEMENTS,
  ) {}

  /** The statement for `sql`, prepared once and kept while it is among the most recently used. */
  get(sql: string): Database.Statement {
    let statement = this.bySql.get(sql);
    if (statement) {
      this.bySql.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.bySql.size >= this.limit) this.bySql.delete(this.bySql.keys().next().value as string);
    }
    this.bySql.set(sql, statement);
    return statement;
  }

  /** The table's statement of this kind; `sql` builds its text the first time only. */
  forTable(table: TableMeta, kind: string, sql: () => string): Database.Statement {
    let statements = this.byTable.get(table);
    if (!statements) {
      statements = new Map();
      this.byTable.set(table, statements);
    }
    let statement = statements.get(kind);
    if (!statement) {
      statement = this.db.prepare(sql());
      statements.set(kind, statement);
    }
    return statement;
  }
}
