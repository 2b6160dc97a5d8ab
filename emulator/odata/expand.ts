/**
 * `$expand`: a lookup navigation becomes the related row (or null); a collection navigation becomes
 * an array queried with the nested $select/$filter/$orderby/$top; a nested `$expand` (checked by
 * query-options.ts: never over N:N) is applied to each related row in turn.
 */
import type { LookupValue, StoredRow } from '../contracts';
import { tableByLogicalName } from '../metadata';
import type { TableMeta } from '../metadata';
import type { Store } from '../store/store';
import { listPage, MAX_PAGE_SIZE } from './list';
import { navigationSource } from './navigation-sql';
import type { ExpandItem } from './query-options';
import { serializeRow } from './serialize';
import type { AnnotationFilter } from './serialize';

/** Adds the expanded navigations of `row` to its serialised form `out`. */
export function applyExpand(
  store: Store,
  table: TableMeta,
  row: StoredRow,
  expand: ExpandItem[],
  annotations: AnnotationFilter,
  out: Record<string, unknown>,
): void {
  for (const item of expand) {
    const target = tableByLogicalName(item.nav.target) as TableMeta;
    if (item.nav.kind === 'lookup') {
      const ref = row.values[item.nav.column.name] as LookupValue | null;
      const related =
        ref && ref.logicalName === target.logicalName ? store.get(target.logicalName, ref.id) : undefined;
      out[item.navigation] = related
        ? serializeWithExpand(store, target, related, item.options, annotations)
        : null;
      continue;
    }
    const source = navigationSource(item.nav, table, row.id);
    const page = listPage(
      store,
      target,
      { ...item.options, skipToken: undefined, count: false },
      MAX_PAGE_SIZE,
      source,
    );
    out[item.navigation] = page.rows.map((r) =>
      serializeWithExpand(store, target, r, item.options, annotations),
    );
  }
}

/** Serialises a row with its expansions. */
export function serializeWithExpand(
  store: Store,
  table: TableMeta,
  row: StoredRow,
  options: { select?: ExpandItem['options']['select']; expand: ExpandItem[] },
  annotations: AnnotationFilter,
): Record<string, unknown> {
  const out = serializeRow(store, table, row, options.select, annotations);
  applyExpand(store, table, row, options.expand, annotations, out);
  return out;
}
