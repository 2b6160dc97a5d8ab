/**
 * `$expand`: related rows to include, as text or as an object with the nested options
 * (`nav($select=a,b;$filter=…;$orderby=…;$top=n;$expand=…)`), nested filters written by
 * {@link filterText}.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables
 */
import { InvalidArgumentError } from '../../errors';
import { filterText, type ODataFilter } from './filter';

/** The nested query options of one expanded navigation property. */
export interface ExpandOptions {
  /** Columns of the related rows (`$select`). */
  readonly select?: readonly string[];
  /** Which related rows (`$filter`), collection-valued properties only. */
  readonly filter?: ODataFilter;
  /** `$orderby`, e.g. `'createdon desc'`. */
  readonly orderBy?: string | readonly string[];
  /** Most related rows (`$top`). */
  readonly top?: number;
  /** Rows related to the related rows (`$expand`). */
  readonly expand?: ODataExpand;
}

/** Navigation properties to expand: `true` for all columns, or their nested options. */
export interface ExpandObject {
  readonly [navigationProperty: string]: ExpandOptions | true | undefined;
}

/**
 * A `$expand`: text as Dataverse reads it (`adx_invitation_webrole($select=adx_webroleid)`), an
 * {@link ExpandObject}, or a list of either.
 */
export type ODataExpand = string | ExpandObject | readonly (string | ExpandObject)[];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `$expand` text (not URL-encoded). */
export function expandText(expand: ODataExpand): string {
  if (typeof expand === 'string') return expand;
  if (Array.isArray(expand)) return expand.map((item: string | ExpandObject) => expandText(item)).join(',');
  const items: string[] = [];
  for (const [name, options] of Object.entries(expand as ExpandObject)) {
    if (options === undefined) continue;
    if (!NAME.test(name)) {
      throw new InvalidArgumentError('expand', `"${name}" is not a navigation property name.`);
    }
    const nested = options === true ? '' : nestedOptions(options);
    items.push(nested ? `${name}(${nested})` : name);
  }
  return items.join(',');
}

// The options in a fixed order, separated by `;` as OData wants inside the parentheses.
function nestedOptions(options: ExpandOptions): string {
  const parts: string[] = [];
  if (options.select?.length) parts.push(`$select=${options.select.join(',')}`);
  if (options.filter !== undefined) parts.push(`$filter=${filterText(options.filter)}`);
  if (options.orderBy?.length) parts.push(`$orderby=${orderByText(options.orderBy)}`);
  if (options.top !== undefined) parts.push(`$top=${topText(options.top)}`);
  if (options.expand !== undefined) parts.push(`$expand=${expandText(options.expand)}`);
  return parts.join(';');
}

/** `$orderby` text: `'createdon desc'` or `['lastname', 'firstname desc']`. */
export function orderByText(orderBy: string | readonly string[]): string {
  return typeof orderBy === 'string' ? orderBy : orderBy.join(',');
}

/** `$top` text; InvalidArgumentError unless a whole number of at least 0. */
export function topText(top: number): string {
  if (!Number.isInteger(top) || top < 0) {
    throw new InvalidArgumentError('top', `top must be a whole number of at least 0, got ${top}.`);
  }
  return String(top);
}
