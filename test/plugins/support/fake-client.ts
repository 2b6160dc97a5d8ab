/**
 * An in-memory `DataverseApi` for handler tests, recording every call. Rows live in tables by entity
 * set; associate/disassociate add and remove N:N links as expansions of the target row. Filters are
 * `col eq/ne value` joined by `and`; `$batch` serves only GETs of a row's collection navigation
 * (`set(id)/nav`, read from its expansions); what no handler uses (functions, *Multiple, WhoAmI)
 * refuses.
 */
import type { DataverseApi } from '../../../sdk/client/api';
import { ConcurrencyError, NotFoundError } from '../../../sdk/client/errors';
import type { RecordRef } from '../../../sdk/client/operations/relationships';
import type {
  BatchItem,
  BatchResponse,
  CreateOptions,
  Page,
  PagedAsyncIterable,
  WebApiRecord,
  WhoAmIResponse,
} from '../../../sdk/client/types';

/** One recorded call. */
export interface FakeCall {
  op: string;
  entitySet: string;
  id?: string;
  data?: unknown;
  options?: unknown;
}

type Row = WebApiRecord & { '@odata.etag': string };

export class FakeClient implements DataverseApi {
  readonly url = 'https://contoso.crm.dynamics.com';
  readonly apiUrl = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
  readonly calls: FakeCall[] = [];
  /** Rows by entity set, then id. */
  readonly tables = new Map<string, Map<string, Row>>();
  /** Expansions returned by retrieve, by `set(id)` then navigation name. */
  readonly expansions = new Map<string, Record<string, WebApiRecord[]>>();
  /** Called before an update is applied (lets a test change the row under the handler). */
  beforeUpdate?: (entitySet: string, id: string) => void;
  private version = 1;
  private nextId = 1;

  entityUrl(entitySet: string, id: string): string {
    return `${this.apiUrl}${entitySet}(${id})`;
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

  create(
    entitySet: string,
    data: WebApiRecord,
    options: CreateOptions & { returnRepresentation: true },
  ): Promise<WebApiRecord>;
  create(entitySet: string, data: WebApiRecord, options?: CreateOptions): Promise<string>;
  async create(
    entitySet: string,
    data: WebApiRecord,
    options?: CreateOptions,
  ): Promise<WebApiRecord | string> {
    this.calls.push({ op: 'create', entitySet, data, options });
    const id = options?.id ?? `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    if (this.row(entitySet, id)) {
      throw new ConcurrencyError('A record with matching key values already exists.', {
        status: 412,
        code: '0x80040237',
      });
    }
    const row = this.put(entitySet, id, readBack(data));
    return options?.returnRepresentation ? { ...row } : id;
  }

  async retrieve<T = WebApiRecord>(entitySet: string, id: string, options?: unknown): Promise<T> {
    this.calls.push({ op: 'retrieve', entitySet, id, options });
    const row = this.existing(entitySet, id);
    return { ...row, ...this.expansions.get(`${entitySet}(${id})`) } as T;
  }

  list<T = WebApiRecord>(entitySet: string, query?: { filter?: unknown }): PagedAsyncIterable<T> {
    this.calls.push({ op: 'list', entitySet, options: query });
    const rows = this.matching(entitySet, query?.filter) as T[];
    const onePage = async function* (): AsyncGenerator<Page<T>> {
      yield { value: rows };
    };
    const eachRow = async function* (): AsyncGenerator<T> {
      yield* rows;
    };
    return { [Symbol.asyncIterator]: eachRow, byPage: onePage };
  }

  async count(entitySet: string, query?: unknown): Promise<number> {
    this.calls.push({ op: 'count', entitySet, options: query });
    const filter = typeof query === 'string' ? query : (query as { filter?: unknown } | undefined)?.filter;
    return this.matching(entitySet, filter).length;
  }

  async update(
    entitySet: string,
    id: string,
    data: WebApiRecord,
    options?: { ifMatch?: string },
  ): Promise<undefined> {
    this.calls.push({ op: 'update', entitySet, id, data, options });
    this.beforeUpdate?.(entitySet, id);
    const row = this.existing(entitySet, id);
    if (options?.ifMatch && options.ifMatch !== '*' && options.ifMatch !== row['@odata.etag']) {
      throw new ConcurrencyError('The version of the existing record does not match', {
        status: 412,
        code: '0x80060882',
      });
    }
    this.put(entitySet, id, readBack(data));
    return undefined;
  }

  async upsert(entitySet: string, id: string, data: WebApiRecord): Promise<void> {
    this.calls.push({ op: 'upsert', entitySet, id, data });
    this.put(entitySet, id, readBack(data));
  }

  async delete(entitySet: string, id: string): Promise<void> {
    this.calls.push({ op: 'delete', entitySet, id });
    this.existing(entitySet, id);
    this.tables.get(entitySet)?.delete(id);
  }

  async associate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target: RecordRef,
  ): Promise<void> {
    this.calls.push({ op: 'associate', entitySet, id, data: { navigationProperty, target } });
    // Visible from the other side, as an expansion of the target row.
    const expanded = this.expansionsOf(target);
    expanded[navigationProperty] = [...(expanded[navigationProperty] ?? []), { [idColumnOf(entitySet)]: id }];
  }

  async disassociate(
    entitySet: string,
    id: string,
    navigationProperty: string,
    target?: RecordRef,
  ): Promise<void> {
    this.calls.push({ op: 'disassociate', entitySet, id, data: { navigationProperty, target } });
    if (!target) {
      // A single-valued navigation property: the lookup reads back empty.
      this.put(entitySet, id, {
        [`_${navigationProperty.replace(/_(account|contact|systemuser)$/, '')}_value`]: null,
      });
      return;
    }
    const expanded = this.expansionsOf(target);
    expanded[navigationProperty] = (expanded[navigationProperty] ?? []).filter(
      (linked) => linked[idColumnOf(entitySet)] !== id,
    );
  }

  async callAction<T = WebApiRecord | undefined>(
    name: string,
    body?: WebApiRecord,
    options?: unknown,
  ): Promise<T> {
    this.calls.push({ op: 'callAction', entitySet: name, data: body, options });
    return undefined as T;
  }

  async callFunction<T = WebApiRecord>(name: string): Promise<T> {
    return this.unsupported(`callFunction ${name}`);
  }

  async createMultiple(): Promise<string[]> {
    return this.unsupported('createMultiple');
  }

  async updateMultiple(): Promise<void> {
    return this.unsupported('updateMultiple');
  }

  async whoAmI(): Promise<WhoAmIResponse> {
    return this.unsupported('whoAmI');
  }

  async batch(items: BatchItem[]): Promise<BatchResponse[]> {
    return items.map((item) => {
      // Each navigation GET is a read, recorded as one.
      this.calls.push({ op: 'list', entitySet: 'url' in item ? item.url : '$batch' });
      const m = 'method' in item && item.method === 'GET' ? /^(\w+)\(([^)]+)\)\/(\w+)/.exec(item.url) : null;
      if (!m) return this.unsupported(`a $batch of anything but navigation GETs`);
      const [, entitySet, id, navigation] = m;
      if (!this.row(entitySet, id)) {
        const error = new NotFoundError(`${entitySet}(${id}) not found`, { status: 404, code: '0x80040217' });
        return { status: 404, headers: {}, error, outcome: 'failed' };
      }
      const value = this.expansions.get(`${entitySet}(${id})`)?.[navigation] ?? [];
      return { status: 200, headers: {}, body: { value }, outcome: 'succeeded' };
    });
  }

  /** Calls of one kind. */
  callsOf(op: string): FakeCall[] {
    return this.calls.filter((call) => call.op === op);
  }

  private existing(entitySet: string, id: string): Row {
    const row = this.row(entitySet, id);
    if (!row) throw new NotFoundError(`${entitySet}(${id}) not found`, { status: 404, code: '0x80040217' });
    return row;
  }

  private matching(entitySet: string, filter: unknown): Row[] {
    return [...(this.tables.get(entitySet)?.values() ?? [])].filter((row) =>
      matches(row, String(filter ?? '')),
    );
  }

  private expansionsOf(target: RecordRef): Record<string, WebApiRecord[]> {
    const key = `${target.entitySet}(${target.id})`;
    const expanded = this.expansions.get(key) ?? {};
    this.expansions.set(key, expanded);
    return expanded;
  }

  private unsupported(operation: string): never {
    throw new Error(`FakeClient does not run ${operation}; test that against the emulator.`);
  }
}

/** `adx_webroles` → `adx_webroleid`: the primary key of an entity set (plural `s` dropped). */
function idColumnOf(entitySet: string): string {
  return `${entitySet.slice(0, -1)}id`;
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
