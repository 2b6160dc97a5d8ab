/**
 * Entity references as clients write them in `@odata.bind` and `$ref` bodies: absolute URLs,
 * `/set(id)`, `set(id)`, and `$n` Content-ID references inside a batch change set.
 */
import { badRequest, ErrorCodes, unknownSegment } from '../errors';
import { tableByEntitySet } from '../metadata';
import type { TableMeta } from '../metadata';
import { isGuid } from '../validation';

/** A resolved reference to one row. */
export interface EntityReference {
  table: TableMeta;
  id: string;
}

/** Resolves `$n` to the entity path a change set created (e.g. `contacts(<id>)`), or undefined. */
export type ContentIdResolver = (contentId: string) => string | undefined;

/** Parses a key segment `set(<guid>)` or `set(<pk>=<guid>)`. */
export function parseKeySegment(segment: string): { name: string; key?: string } {
  const open = segment.indexOf('(');
  if (open < 0 || !segment.endsWith(')')) return { name: segment };
  const name = segment.slice(0, open);
  let key = segment.slice(open + 1, -1);
  const eq = key.indexOf('=');
  if (eq >= 0) key = key.slice(eq + 1);
  key = key.replace(/^'|'$/g, '').replace(/^\{|\}$/g, '');
  return { name, key };
}

/** Resolves a reference written by a client; throws Dataverse's 400/404 when it cannot. */
export function parseEntityReference(text: unknown, resolveContentId?: ContentIdResolver): EntityReference {
  if (typeof text !== 'string' || text === '') {
    throw badRequest(
      `Expected an entity reference like '/contacts(<id>)', got ${JSON.stringify(text)}.`,
      ErrorCodes.InvalidPayload,
    );
  }
  let path = text;
  const contentId = /^\$(\w+)$/.exec(path);
  if (contentId) {
    const resolved = resolveContentId?.(contentId[1]);
    if (!resolved)
      throw badRequest(
        `Content-ID reference '${text}' does not name an earlier request of this change set.`,
        ErrorCodes.InvalidPayload,
      );
    path = resolved;
  }
  const api = /\/api\/data\/v\d+(?:\.\d+)?\/(.*)$/.exec(path);
  if (api) path = api[1];
  path = path.replace(/^\/+/, '');
  const { name, key } = parseKeySegment(path);
  const table = tableByEntitySet(name);
  if (!table) throw unknownSegment(name);
  if (!key || !isGuid(key))
    throw badRequest(`'${text}' does not identify a row; use '/${name}(<guid>)'.`, ErrorCodes.InvalidPayload);
  return { table, id: key.toLowerCase() };
}
