import * as entities from '../../../sdk/entities/index';
import type { TableDefinition } from '../../../sdk/entities/table';
import { columnOf, navigationOf, tableByLogicalName } from '../../../emulator/metadata';

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
