/**
 * An in-memory stand-in for DataverseClient with just the operations the handlers use
 * (retrieve, list, update with If-Match, associate, callAction), recording every call.
 * Filters understand `col eq/ne value` joined by `and`, which is all the handlers send.
 */
import type { DataverseClient } from '../../../sdk/client/index';
import { ConcurrencyError, NotFoundError } from '../../../sdk/client/errors';
import type { WebApiRecord } from '../../../sdk/client/types';

/** One recorded call. */
export interface FakeCall {
  op: string;
  entitySet: string;
  id?: string;
  data?: unknown;
  options?: unknown;
}

type Row = WebApiRecord & { '@odata.etag': string };

export class FakeClient {
  readonly apiUrl = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
  readonly calls: FakeCall[] = [];
  /** Rows by entity set, then id. */
  readonly tables = new Map<string, Map<string, Row>>();
  /** Expansions returned by retrieve, by `set(id)` then navigation name. */
  readonly expansions = new Map<string, Record<string, WebApiRecord[]>>();
  /** Called before an update is applied (lets a test change the row under the handler). */
  beforeUpdate?: (entitySet: string, id: string) => void;
  private version = 1;

  asClient(): DataverseClient {
    return this as unknown as DataverseClient;
  }

  put(entitySet: string, id: string, values: WebApiRecord): Row {
    const table = this.tables.get(entitySet) ?? new Map<string, Row>();
    this.tables.set(entitySet, table);
    const row = { ...table.get(id), ...values, '@odata.etag': `W/"${this.version++}"` } as Row;
    table.set(id, row);
    return row;
  }

  row(entitySet: string, id: string): Row | undefined {
    return this.tables.get(entitySet)?.get(id);
  }

  async retrieve(entitySet: string, id: string, options?: unknown): Promise<WebApiRecord> {
    this.calls.push({ op: 'retrieve', entitySet, id, options });
    const row = this.row(entitySet, id);
    if (!row) throw new NotFoundError(`${entitySet}(${id}) not found`, { status: 404, code: '0x80040217' });
    return { ...row, ...this.expansions.get(`${entitySet}(${id})`) };
  }

  list(entitySet: string, query?: { filter?: unknown }): AsyncIterable<WebApiRecord> {
    this.calls.push({ op: 'list', entitySet, options: query });
    const rows = [...(this.tables.get(entitySet)?.values() ?? [])].filter((row) =>
      matches(row, String(query?.filter ?? '')),
    );
    return (async function* () {
      yield* rows;
    })();
  }

  async update(
    entitySet: string,
    id: string,
    data: WebApiRecord,
    options?: { ifMatch?: string },
  ): Promise<undefined> {
    this.calls.push({ op: 'update', entitySet, id, data, options });
    this.beforeUpdate?.(entitySet, id);
    const row = this.row(entitySet, id);
    if (!row) throw new NotFoundError(`${entitySet}(${id}) not found`, { status: 404, code: '0x80040217' });
    if (options?.ifMatch && options.ifMatch !== '*' && options.ifMatch !== row['@odata.etag']) {
      throw new ConcurrencyError('The version of the existing record does not match', {
        status: 412,
        code: '0x80060882',
      });
    }
    this.put(entitySet, id, readBack(data));
    return undefined;
  }

  async associate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target: { entitySet: string; id: string },
  ) {
    this.calls.push({ op: 'associate', entitySet, id, data: { navigationProperty, target } });
    // Visible from the other side, as an expansion of the target row.
    const key = `${target.entitySet}(${target.id})`;
    const expanded = this.expansions.get(key) ?? {};
    expanded[navigationProperty] = [
      ...(expanded[navigationProperty] ?? []),
      { [`${entitySet.slice(0, -1)}id`]: id },
    ];
    this.expansions.set(key, expanded);
  }

  async callAction(name: string, body?: WebApiRecord, options?: unknown): Promise<undefined> {
    this.calls.push({ op: 'callAction', entitySet: name, data: body, options });
    return undefined;
  }

  /** Calls of one kind. */
  callsOf(op: string): FakeCall[] {
    return this.calls.filter((call) => call.op === op);
  }
}

/** What a later read sees of a write: `nav@odata.bind: /set(id)` reads back as `_nav_value: id`. */
function readBack(data: WebApiRecord): WebApiRecord {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => {
      if (!key.endsWith('@odata.bind')) return [key, value];
      const column = key.slice(0, -'@odata.bind'.length).replace(/_(account|contact|systemuser)$/, '');
      return [`_${column}_value`, /\(([^)]+)\)/.exec(String(value))?.[1]];
    }),
  );
}

function matches(row: WebApiRecord, filter: string): boolean {
  if (!filter) return true;
  return filter.split(' and ').every((term) => {
    const m = /^\s*(\S+) (eq|ne) (.+?)\s*$/.exec(term);
    if (!m) throw new Error(`FakeClient cannot evaluate filter term "${term}"`);
    const literal = m[3].startsWith("'") ? decodeURIComponent(m[3].slice(1, -1)).replace(/''/g, "'") : m[3];
    const equal = String(row[m[1]] ?? 'null').toLowerCase() === literal.toLowerCase();
    return m[2] === 'eq' ? equal : !equal;
  });
}
