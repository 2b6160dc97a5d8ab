/**
 * The SQL of the read-only views (virtual tables such as mspp_webrole): a `CREATE VIEW` selecting
 * the source table's rows under the view's column names, every column of the view's metadata
 * present (unmapped ones as NULL, a lookup's `__type` as its target table). Views are dropped and
 * made again on every open: they hold no data, so a changed definition costs nothing.
 */
import { DataverseFault, ErrorCodes } from '../errors';
import { isLookup, tableByLogicalName } from '../metadata';
import type { TableMeta } from '../metadata';
import { ident, typeColumn } from './schema';

const SOURCE = 's';

/** `DROP VIEW` + `CREATE VIEW` for a view table. */
export function viewDdl(table: TableMeta): string[] {
  const view = table.view;
  if (!view) return [];
  const source = tableByLogicalName(view.source);
  if (!source)
    throw new Error(`The view ${table.logicalName} reads ${view.source}, which the emulator does not serve.`);
  const cells: string[] = [];
  for (const column of table.columns) {
    const from = view.columns[column.name];
    const value = from ? `${SOURCE}.${ident(from)}` : 'NULL';
    cells.push(`${value} AS ${ident(column.name)}`);
    if (isLookup(column)) {
      const target = `'${(column.targets?.[0] ?? '').replace(/'/g, "''")}'`;
      const type = from ? `CASE WHEN ${value} IS NULL THEN NULL ELSE ${target} END` : 'NULL';
      cells.push(`${type} AS ${ident(typeColumn(column.name))}`);
    }
  }
  const where = view.where
    ? ` WHERE ${SOURCE}.${ident(view.where.column)} = ${Number(view.where.equals)}`
    : '';
  return [
    `DROP VIEW IF EXISTS ${ident(table.logicalName)}`,
    `CREATE VIEW ${ident(table.logicalName)} AS SELECT ${cells.join(', ')} FROM ${ident(source.logicalName)} ${SOURCE}${where}`,
  ];
}

/**
 * Refuses a write to a view: Dataverse's virtual tables take their rows from their source, and a
 * write through one is not kept, so the emulator says so instead of answering as if it were.
 */
export function assertWritable(table: TableMeta): void {
  const view = table.view;
  if (!view) return;
  const source = tableByLogicalName(view.source);
  const set = source?.entitySet ?? view.source;
  const rows = view.where ? ` whose ${view.where.column} is ${view.where.equals}` : '';
  throw new DataverseFault(
    405,
    ErrorCodes.MethodNotAllowed,
    `${table.logicalName} is a read-only view of the ${view.source} rows${rows}; create, change, delete and link them through ${set} instead.`,
    { Allow: 'GET' },
  );
}
