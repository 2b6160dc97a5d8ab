import * as entities from '../../../sdk/entities/index';
import type { TableDefinition } from '../../../sdk/entities/table';
import {
  columnOf,
  MANY_TO_MANY,
  navigationOf,
  ONE_TO_MANY,
  TABLES,
  tableByLogicalName,
} from '../../../emulator/metadata';

const sdkTables: Array<[string, TableDefinition]> = Object.entries(entities as Record<string, unknown>)
  .filter(
    ([name, value]) =>
      name.endsWith('Table') && typeof (value as TableDefinition | undefined)?.logicalName === 'string',
  )
  .map(([name, value]) => [name, value as TableDefinition]);

// sdk/entities holds the product's Dataverse names; the emulator's metadata must agree with them.
describe.each(sdkTables)('emulator metadata agrees with sdk/entities %s', (_name, sdk) => {
  const table = tableByLogicalName(sdk.logicalName);

  test('the table exists with the same entity set and primary key', () => {
    expect(table).toMatchObject({ entitySet: sdk.entitySet, primaryId: sdk.primaryId });
  });

  test('every column the sdk names exists', () => {
    const missing = Object.values(sdk.columns).filter((c) => !columnOf(table!, c));
    expect(missing).toEqual([]);
  });

  test('every lookup navigation the sdk binds resolves to its column and target', () => {
    const wrong = Object.values(sdk.lookups)
      .filter((l) => tableByLogicalName(l.target))
      .filter((l) => {
        const nav = navigationOf(table!, l.navigation);
        return nav?.kind !== 'lookup' || nav.column.name !== l.column || nav.target !== l.target;
      })
      .map((l) => l.navigation);
    expect(wrong).toEqual([]);
  });

  test('every relationship the sdk names is a navigation of the table', () => {
    const missing = Object.values(sdk.relationships).filter((r) => !navigationOf(table!, r));
    expect(missing).toEqual([]);
  });
});

// The other direction: the emulator spells no Dataverse name of its own, so every column and
// relationship it serves is one that sdk/entities names (or a standard column every table has).
describe('emulator metadata takes its names from sdk/entities', () => {
  const standard = new Set<string>(Object.values(entities.StandardColumns));
  const byLogicalName = new Map(sdkTables.map(([, sdk]) => [sdk.logicalName, sdk]));

  test.each(TABLES.map((t) => [t.logicalName, t] as const))(
    '%s is described in sdk/entities',
    (name, table) => {
      const sdk = byLogicalName.get(name);
      expect(sdk).toMatchObject({ entitySet: table.entitySet, primaryId: table.primaryId });
    },
  );

  test.each(TABLES.map((t) => [t.logicalName, t] as const))(
    'every column of %s is named by sdk/entities',
    (name, table) => {
      const sdk = byLogicalName.get(name)!;
      const named = new Set<string>([
        sdk.primaryId,
        ...Object.values(sdk.columns),
        ...Object.values(sdk.lookups).map((l) => l.column),
      ]);
      const unnamed = table.columns.map((c) => c.name).filter((c) => !named.has(c) && !standard.has(c));
      expect(unnamed).toEqual([]);
    },
  );

  test('every relationship served is named by the sdk/entities description of its table', () => {
    const named = (logicalName: string) => Object.values(byLogicalName.get(logicalName)?.relationships ?? {});
    const unnamed = [
      ...MANY_TO_MANY.filter((r) => !named(r.entity1).includes(r.schemaName)),
      ...ONE_TO_MANY.filter((r) => !named(r.referenced).includes(r.schemaName)),
    ].map((r) => r.schemaName);
    expect(unnamed).toEqual([]);
  });

  test('the options of every choice, state and status column are values of one sdk/entities enum', () => {
    const enums = Object.values(entities as Record<string, unknown>)
      .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
      .map((v) => new Set(Object.values(v).filter((x): x is number => typeof x === 'number')))
      .filter((values) => values.size > 0);
    const foreign = TABLES.flatMap((t) =>
      t.columns
        .filter((c) => c.options)
        .filter((c) => {
          const values = Object.keys(c.options ?? {}).map(Number);
          return !enums.some(
            (e) => values.every((v) => e.has(v)) && (c.type !== 'choice' || e.size === values.length),
          );
        })
        .map((c) => `${t.logicalName}.${c.name}`),
    );
    expect(foreign).toEqual([]);
  });
});
