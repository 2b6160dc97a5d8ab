import { randomUUID } from 'node:crypto';
import type {
  ColumnValues,
  EmulatorOperations,
  LookupValue,
  OperationContext,
  StoredRow,
} from '../../../../emulator/contracts';

/** A caller context for tests. */
export function testContext(overrides: Partial<OperationContext> = {}): OperationContext {
  return {
    userId: '11111111-1111-1111-1111-111111111111',
    correlationId: '22222222-2222-2222-2222-222222222222',
    requestId: '33333333-3333-3333-3333-333333333333',
    depth: 1,
    ...overrides,
  };
}

function same(a: unknown, b: unknown): boolean {
  const id = (v: unknown) =>
    typeof v === 'object' && v !== null && 'id' in v ? String((v as LookupValue).id).toLowerCase() : v;
  return id(a) === id(b);
}

/**
 * An in-memory stand-in for the core's operations: enough for the extensions' unit tests.
 * `transaction` rolls back the rows on a throw, as the core's does.
 */
export class FakeOperations implements EmulatorOperations {
  readonly tables = new Map<string, Map<string, StoredRow>>();
  readonly writes: { op: string; entityName: string; id: string; ctx: OperationContext }[] = [];
  private version = 1;

  private table(name: string): Map<string, StoredRow> {
    let table = this.tables.get(name);
    if (!table) {
      table = new Map();
      this.tables.set(name, table);
    }
    return table;
  }

  /** Adds a row without recording a write. */
  seed(entityName: string, values: ColumnValues, id: string = randomUUID()): StoredRow {
    const row = {
      logicalName: entityName,
      id: id.toLowerCase(),
      version: this.version++,
      values: { ...values },
    };
    this.table(entityName).set(row.id, row);
    return row;
  }

  async create(
    entityName: string,
    values: ColumnValues,
    ctx: OperationContext,
    id?: string,
  ): Promise<StoredRow> {
    const key = (id ?? randomUUID()).toLowerCase();
    if (this.table(entityName).has(key)) throw new Error(`duplicate ${entityName} ${key}`);
    this.writes.push({ op: 'create', entityName, id: key, ctx });
    return this.seed(entityName, values, key);
  }

  async update(
    entityName: string,
    id: string,
    values: ColumnValues,
    ctx: OperationContext,
  ): Promise<StoredRow> {
    const row = this.table(entityName).get(id.toLowerCase());
    if (!row) throw new Error(`${entityName} With Id = ${id} Does Not Exist`);
    this.writes.push({ op: 'update', entityName, id: row.id, ctx });
    const updated = { ...row, version: this.version++, values: { ...row.values, ...values } };
    this.table(entityName).set(row.id, updated);
    return updated;
  }

  async delete(entityName: string, id: string, ctx: OperationContext): Promise<void> {
    this.writes.push({ op: 'delete', entityName, id, ctx });
    this.table(entityName).delete(id.toLowerCase());
  }

  async associate(): Promise<void> {
    throw new Error('associate is not used by these tests');
  }

  retrieve(entityName: string, id: string): StoredRow | undefined {
    return this.table(entityName).get(id.toLowerCase());
  }

  find(entityName: string, equals: ColumnValues = {}): StoredRow[] {
    return [...this.table(entityName).values()].filter((row) =>
      Object.entries(equals).every(([column, value]) => same(row.values[column], value)),
    );
  }

  related(): string[] {
    return [];
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const snapshot = new Map([...this.tables].map(([name, rows]) => [name, new Map(rows)]));
    try {
      return await fn();
    } catch (error) {
      this.tables.clear();
      for (const [name, rows] of snapshot) this.tables.set(name, rows);
      throw error;
    }
  }
}
