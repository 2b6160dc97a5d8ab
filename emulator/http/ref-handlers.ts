/**
 * `$ref` requests: associate (POST to a collection navigation, PUT to a lookup navigation) and
 * disassociate (DELETE `.../<nav>(<id>)/$ref`, `.../<nav>/$ref?$id=<url>`, or a lookup's `$ref`).
 */
import { badRequest, DataverseFault, ErrorCodes, notFound } from '../errors';
import type { Navigation, TableMeta } from '../metadata';
import { parseEntityReference } from '../odata/references';
import { readJson } from './entity-handlers';
import { noContent, queryParams } from './types';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './types';

/** Handles `<set>(<id>)/<nav>[(<relatedId>)]/$ref`. */
export async function handleRef(
  env: ApiEnvironment,
  request: ApiRequest,
  table: TableMeta,
  id: string,
  nav: Navigation,
  relatedId: string | undefined,
): Promise<ApiResponse> {
  const method = request.method;
  if (!env.ops.retrieve(table.logicalName, id)) throw notFound(table.logicalName, id);
  if (method === 'POST' || method === 'PUT') {
    if ((method === 'PUT') !== (nav.kind === 'lookup')) {
      throw new DataverseFault(
        405,
        ErrorCodes.MethodNotAllowed,
        nav.kind === 'lookup'
          ? 'Use PUT to set a single-valued navigation property through $ref.'
          : 'Use POST to add to a collection-valued navigation property through $ref.',
      );
    }
    const body = readJson(request) as Record<string, unknown>;
    const ref = parseEntityReference(body['@odata.id'], env.resolveContentId);
    if (ref.table.logicalName !== nav.target)
      throw badRequest(
        `This navigation relates to ${nav.target}, not ${ref.table.logicalName}.`,
        ErrorCodes.InvalidPayload,
      );
    await link(env, table, id, nav, ref.id, true);
    return noContent();
  }
  if (method === 'DELETE') {
    let other = relatedId;
    const $id = queryParams(request.query).get('$id');
    if (!other && $id) other = parseEntityReference($id, env.resolveContentId).id;
    if (!other && nav.kind !== 'lookup')
      throw badRequest(
        'Name the related row: DELETE .../<nav>(<id>)/$ref or .../<nav>/$ref?$id=<url>.',
        ErrorCodes.InvalidPayload,
      );
    await link(env, table, id, nav, other, false);
    return noContent();
  }
  throw new DataverseFault(
    405,
    ErrorCodes.MethodNotAllowed,
    `The HTTP method '${method}' is not allowed on a $ref; use POST, PUT or DELETE.`,
  );
}

async function link(
  env: ApiEnvironment,
  table: TableMeta,
  id: string,
  nav: Navigation,
  other: string | undefined,
  add: boolean,
): Promise<void> {
  const ctx = env.context;
  const ops = env.ops;
  await ops.transaction(async () => {
    if (nav.kind === 'manyToMany') {
      const related = [{ logicalName: nav.target, id: other as string }];
      if (add) await ops.associate(nav.relationship.schemaName, table.logicalName, id, related, ctx);
      else await ops.disassociate(nav.relationship.schemaName, table.logicalName, id, related, ctx);
    } else if (nav.kind === 'oneToMany') {
      const child = ops.retrieve(nav.target, other as string);
      if (!child) throw notFound(nav.target, other as string);
      await ops.update(
        nav.target,
        child.id,
        { [nav.relationship.lookup]: add ? { logicalName: table.logicalName, id } : null },
        ctx,
      );
    } else {
      await ops.update(
        table.logicalName,
        id,
        { [nav.column.name]: add ? { logicalName: nav.target, id: other as string } : null },
        ctx,
      );
    }
  });
}
