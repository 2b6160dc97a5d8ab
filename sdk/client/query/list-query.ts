/**
 * The query shape `list()` and `count()` share.
 */
import type { ODataExpand } from './expand';
import type { ODataFilter } from './filter';

/**
 * A query of one table, as `list()` and `count()` take it; values in `filter` are written as OData
 * literals and the whole query string is percent-encoded by the client (see `queryString`).
 */
export interface ListQuery {
  /** Columns to return (`$select`). */
  select?: readonly string[];
  /**
   * Which rows (`$filter`): an object such as `{ statecode: 0, name: { startswith: 'A' } }`, a
   * combination (`{ or: [...] }`), or OData text with its values written by `literal()`.
   */
  filter?: ODataFilter;
  /** `$orderby`, e.g. `'createdon desc'` or `['lastname', 'firstname']`. */
  orderBy?: string | readonly string[];
  /** Most rows to return (`$top`, sent without `odata.maxpagesize`: one page of at most this many). */
  top?: number;
  /** Related rows to include (`$expand`): text, or an object with nested options. */
  expand?: ODataExpand;
  /** Query text appended as is (already percent-encoded), for what the options above cannot express. */
  raw?: string;
}
