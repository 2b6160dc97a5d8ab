/**
 * Builds the emulator's metadata of a table from its sdk/entities definition: the logical name,
 * entity set, keys, columns, lookups (with their navigation properties and targets) and
 * relationships come from there; the emulator adds only types, lengths, defaults and which
 * relationships it serves. So each Dataverse name is spelled once, in sdk/entities.
 */
import { ConfigurationError } from '../../sdk/errors';
import { StandardColumns } from '../../sdk/entities/standard-columns';
import { SystemUserTable } from '../../sdk/entities/systemuser';
import type { TableDefinition } from '../../sdk/entities/table';
import type { ColumnSpec, StateModel } from './columns';
import type { ColumnMeta, ManyToManyMeta, OneToManyMeta, TableMeta, ViewMeta } from './types';

/** Columns the builder adds itself: the primary key, state/status and the audit columns. */
type AutoColumn<T extends TableDefinition> =
  T['primaryId'] | (typeof StandardColumns)[keyof typeof StandardColumns];

/** A spec for every column of the definition except those the builder adds itself. */
export type ColumnSpecs<T extends TableDefinition> = {
  readonly [K in keyof T['columns'] as T['columns'][K] extends AutoColumn<T> ? never : K]: ColumnSpec;
};

/** What a lookup may add to what sdk/entities says of it. */
export interface LookupOptions {
  required?: boolean;
  readOnly?: boolean;
  /** A customer lookup (account or contact), as contact.parentcustomerid. */
  customer?: boolean;
}

/** A relationship of the table that the emulator serves as a navigation property. */
export type RelationshipSpec =
  { kind: 'manyToMany'; other: string } | { kind: 'oneToMany'; referencing: string; lookup: string };

/** An N:N relationship with `other`; the table that declares it is the link table's first side. */
export function manyToMany(other: TableDefinition): RelationshipSpec {
  return { kind: 'manyToMany', other: other.logicalName };
}

/** A 1:N relationship: rows of `referencing` point at this table through their lookup `lookup`. */
export function oneToMany<R extends TableDefinition>(
  referencing: R,
  lookup: keyof R['lookups'] & string,
): RelationshipSpec {
  return {
    kind: 'oneToMany',
    referencing: referencing.logicalName,
    lookup: referencing.lookups[lookup].column,
  };
}

/** How the emulator stores a table that sdk/entities describes. */
export interface TableSpec<T extends TableDefinition> {
  /** Type, length and options of each column. */
  columns: ColumnSpecs<T>;
  /** Lookups needing more than their sdk/entities description (required, customer...). */
  lookups?: { readonly [K in keyof T['lookups']]?: LookupOptions };
  /** statecode/statuscode, when the table has them. */
  states?: StateModel;
  /** The relationships served, by their sdk/entities key. */
  relationships?: { readonly [K in keyof T['relationships']]?: RelationshipSpec };
  /** Activity tables: party-list columns with their participation type, and the parties relationship. */
  activity?: { parties: Record<string, number>; navigation: keyof T['relationships'] & string };
  /** Columns computed from others on every write. */
  computed?: TableMeta['computed'];
  /** False for rows without created/modified columns (activityparty); default true. */
  audit?: boolean;
  /** A read-only view of another table's rows (give `audit: false`). */
  view?: ViewSpec<T>;
}

/**
 * Where a view's rows come from, by sdk/entities keys: its columns and lookups map to columns and
 * lookups of `source`; statecode, statuscode and versionnumber map to the source's own.
 */
export interface ViewSpec<T extends TableDefinition> {
  source: TableDefinition;
  /** Only source rows whose column (a key of `source.columns`) equals the value. */
  where?: [column: string, equals: number];
  /** View column key → source column key (the primary key included). */
  columns: { readonly [K in keyof T['columns']]?: string };
  /** View lookup key → source lookup key. */
  lookups?: { readonly [K in keyof T['lookups']]?: string };
}

function viewOf<T extends TableDefinition>(def: T, view: ViewSpec<T>): ViewMeta {
  const { source } = view;
  const sourceColumn = (key: string): string => {
    const name = source.columns[key] ?? source.lookups[key]?.column;
    if (!name)
      throw new ConfigurationError(
        `The view ${def.logicalName} maps to "${key}", which sdk/entities does not name on ${source.logicalName}.`,
      );
    return name;
  };
  const columns: Record<string, string> = {};
  for (const [key, from] of Object.entries(view.columns) as [string, string][])
    columns[def.columns[key]] = sourceColumn(from);
  for (const [key, from] of Object.entries(view.lookups ?? {}) as [string, string][])
    columns[def.lookups[key].column] = sourceColumn(from);
  for (const shared of [StandardColumns.state, StandardColumns.status, StandardColumns.versionNumber])
    columns[shared] ??= shared;
  const where = view.where && { column: sourceColumn(view.where[0]), equals: view.where[1] };
  return { source: source.logicalName, columns, ...(where ? { where } : {}) };
}

/** A table's metadata with the relationships it declares. */
export interface DefinedTable {
  table: TableMeta;
  manyToMany: ManyToManyMeta[];
  oneToMany: OneToManyMeta[];
}

function lookupColumns<T extends TableDefinition>(def: T, spec: TableSpec<T>): ColumnMeta[] {
  const byColumn = new Map<string, ColumnMeta>();
  for (const [key, lookup] of Object.entries(def.lookups)) {
    const options = spec.lookups?.[key as keyof T['lookups']] ?? {};
    const type = lookup.column === StandardColumns.owner ? 'owner' : options.customer ? 'customer' : 'lookup';
    const column = byColumn.get(lookup.column) ?? { name: lookup.column, type, targets: [], navigation: {} };
    column.targets?.push(lookup.target);
    (column.navigation as Record<string, string>)[lookup.target] = lookup.navigation;
    if (options.customer) column.type = 'customer';
    if (options.required) column.required = true;
    if (options.readOnly) column.readOnly = true;
    byColumn.set(lookup.column, column);
  }
  return [...byColumn.values()];
}

function auditColumns(audit: boolean): ColumnMeta[] {
  const c = StandardColumns;
  const version: ColumnMeta = { name: c.versionNumber, type: 'bigint', readOnly: true };
  if (!audit) return [version];
  const user = (name: string): ColumnMeta => ({
    name,
    type: 'lookup',
    readOnly: true,
    targets: [SystemUserTable.logicalName],
    navigation: { [SystemUserTable.logicalName]: name },
  });
  return [
    { name: c.createdOn, type: 'datetime', readOnly: true },
    { name: c.modifiedOn, type: 'datetime', readOnly: true },
    user(c.createdBy),
    user(c.modifiedBy),
    version,
  ];
}

function relationshipsOf<T extends TableDefinition>(def: T, spec: TableSpec<T>) {
  const manyToMany: ManyToManyMeta[] = [];
  const oneToMany: OneToManyMeta[] = [];
  for (const [key, relationship] of Object.entries(spec.relationships ?? {}) as [
    string,
    RelationshipSpec,
  ][]) {
    const schemaName = def.relationships[key];
    if (relationship.kind === 'manyToMany') {
      manyToMany.push({
        schemaName,
        intersect: schemaName,
        entity1: def.logicalName,
        entity2: relationship.other,
      });
    } else {
      const { referencing, lookup } = relationship;
      oneToMany.push({ schemaName, referenced: def.logicalName, referencing, lookup });
    }
  }
  return { manyToMany, oneToMany };
}

/** The emulator's metadata of the table `def` describes, stored as `spec` says. */
export function defineTable<const T extends TableDefinition>(def: T, spec: TableSpec<T>): DefinedTable {
  const specs = spec.columns as Record<string, ColumnSpec>;
  const columns: ColumnMeta[] = [{ name: def.primaryId, type: 'uniqueidentifier' }];
  for (const [key, name] of Object.entries(def.columns)) {
    if (specs[key]) columns.push({ ...specs[key], name });
  }
  columns.push(...lookupColumns(def, spec));
  const { states } = spec;
  if (!states && Object.values(def.columns).includes(StandardColumns.state)) {
    throw new ConfigurationError(
      `The emulator's metadata of ${def.logicalName} has no state model, but sdk/entities names its statecode. Give it \`states\`.`,
    );
  }
  if (states) {
    columns.push(
      { name: StandardColumns.state, type: 'state', options: states.stateLabels },
      { name: StandardColumns.status, type: 'status', options: states.statusLabels },
    );
  }
  columns.push(...auditColumns(spec.audit ?? true));
  const names = new Set(columns.map((c) => c.name));
  const activity = spec.activity && {
    parties: Object.entries(spec.activity.parties).map(([name, participationType]) => ({
      name,
      participationType,
    })),
    partiesNavigation: def.relationships[spec.activity.navigation],
  };
  const table: TableMeta = {
    logicalName: def.logicalName,
    entitySet: def.entitySet,
    primaryId: def.primaryId,
    primaryName:
      def.primaryName !== def.primaryId && names.has(def.primaryName) ? def.primaryName : undefined,
    columns,
    states: states?.pairs,
    activity,
    computed: spec.computed,
    ...(spec.view ? { view: viewOf(def, spec.view) } : {}),
  };
  return { table, ...relationshipsOf(def, spec) };
}
