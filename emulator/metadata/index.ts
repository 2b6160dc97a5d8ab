/**
 * The emulator's metadata registry: every table and relationship in one place, with lookups by
 * entity set, logical name and navigation property.
 */
import type { DefinedTable } from './define';
import { enhancedTables } from './enhanced-tables';
import { portalTables } from './portal-tables';
import { registrationTables } from './registration-tables';
import { solutionTables } from './solution-tables';
import { systemTables } from './system-tables';
import type { ColumnMeta, ManyToManyMeta, OneToManyMeta, TableMeta } from './types';
import { ConfigurationError } from '../../sdk/errors';
import { anyVisible, isHiddenTable } from './data-model';

export { PARTY_ADDRESS_COLUMNS } from './system-tables';
export {
  checkDataModel,
  EMULATOR_DATA_MODELS,
  isHiddenTable,
  withDataModel,
  type EmulatorDataModel,
} from './data-model';

export type {
  ColumnMeta,
  ColumnType,
  ManyToManyMeta,
  OneToManyMeta,
  PartyListMeta,
  TableMeta,
  ViewMeta,
} from './types';

/** Every table the emulator serves, each defined from its sdk/entities description. */
const DEFINED: readonly DefinedTable[] = [
  ...portalTables,
  ...enhancedTables,
  ...systemTables,
  ...registrationTables,
  ...solutionTables,
];

const served = new Set(DEFINED.map((d) => d.table.logicalName));

/** A lookup keeps only the targets the emulator serves (sdk/entities may name more, e.g. queue). */
function servedLookup(column: ColumnMeta): ColumnMeta {
  if (!column.targets) return column;
  const targets = column.targets.filter((t) => served.has(t));
  const navigation = Object.fromEntries(
    Object.entries(column.navigation ?? {}).filter(([target]) => served.has(target)),
  );
  return { ...column, targets, navigation };
}

/** All tables the emulator serves. */
export const TABLES: readonly TableMeta[] = DEFINED.map(({ table }) => ({
  ...table,
  columns: table.columns.map(servedLookup).filter((c) => !c.targets || c.targets.length > 0),
}));

/** N:N relationships (navigation property = schema name on both sides). */
export const MANY_TO_MANY: readonly ManyToManyMeta[] = DEFINED.flatMap((d) => d.manyToMany);

/** 1:N relationships exposed as collection navigations on the referenced table. */
export const ONE_TO_MANY: readonly OneToManyMeta[] = DEFINED.flatMap((d) => d.oneToMany);

// An N:N declared on both of its tables would give its link table two orders of columns.
const declared = [...MANY_TO_MANY, ...ONE_TO_MANY].map((r) => r.schemaName);
const twice = declared.filter((name, i) => declared.indexOf(name) !== i);
if (twice.length > 0) {
  throw new ConfigurationError(
    `The emulator's metadata declares ${twice.join(', ')} more than once; declare a relationship on one of its tables only.`,
  );
}

const byLogicalName = new Map(TABLES.map((t) => [t.logicalName, t]));
const byEntitySet = new Map(TABLES.map((t) => [t.entitySet, t]));

/** The table with this logical name, or undefined. */
export function tableByLogicalName(logicalName: string): TableMeta | undefined {
  return byLogicalName.get(logicalName);
}

/**
 * The table behind an entity set name (case-sensitive, as in Dataverse), or undefined (also for a
 * table the request's data model hides).
 */
export function tableByEntitySet(entitySet: string): TableMeta | undefined {
  const table = byEntitySet.get(entitySet);
  return table && !isHiddenTable(table.logicalName) ? table : undefined;
}

/** The tables the request's data model serves (all of them outside a request). */
export function visibleTables(): TableMeta[] {
  return TABLES.filter((t) => !isHiddenTable(t.logicalName));
}

/** Whether a column exists for the request: not a lookup to tables its data model hides. */
function columnVisible(column: ColumnMeta): boolean {
  return !column.targets || anyVisible(column.targets);
}

/** A column of a table by logical name (not one pointing only at hidden tables). */
export function columnOf(table: TableMeta, name: string): ColumnMeta | undefined {
  const column = table.columns.find((c) => c.name === name);
  return column && columnVisible(column) ? column : undefined;
}

/** The columns of a table the request can see (what a row is serialised with). */
export function visibleColumns(table: TableMeta): ColumnMeta[] {
  return table.columns.filter(columnVisible);
}

/** What a navigation property on a table leads to. */
export type Navigation =
  | { kind: 'lookup'; column: ColumnMeta; target: string }
  | { kind: 'manyToMany'; relationship: ManyToManyMeta; target: string }
  | { kind: 'oneToMany'; relationship: OneToManyMeta; target: string };

/** Resolves a navigation property of a table (case-sensitive), or undefined (also when it leads to a hidden table). */
export function navigationOf(table: TableMeta, name: string): Navigation | undefined {
  const found = findNavigation(table, name);
  return found && !isHiddenTable(found.target) ? found : undefined;
}

function findNavigation(table: TableMeta, name: string): Navigation | undefined {
  for (const column of table.columns) {
    for (const [target, nav] of Object.entries(column.navigation ?? {})) {
      if (nav === name) return { kind: 'lookup', column, target };
    }
  }
  const nn = MANY_TO_MANY.find(
    (r) => r.schemaName === name && (r.entity1 === table.logicalName || r.entity2 === table.logicalName),
  );
  if (nn)
    return {
      kind: 'manyToMany',
      relationship: nn,
      target: nn.entity1 === table.logicalName ? nn.entity2 : nn.entity1,
    };
  const one = ONE_TO_MANY.find((r) => r.schemaName === name && r.referenced === table.logicalName);
  if (one) return { kind: 'oneToMany', relationship: one, target: one.referencing };
  return undefined;
}

/** The N:N relationship with this schema name, or undefined. */
export function manyToManyByName(schemaName: string): ManyToManyMeta | undefined {
  return MANY_TO_MANY.find((r) => r.schemaName === schemaName);
}

/** Whether a column holds a reference to another row. */
export function isLookup(column: ColumnMeta): boolean {
  return column.type === 'lookup' || column.type === 'owner' || column.type === 'customer';
}
