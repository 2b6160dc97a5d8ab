/**
 * Linking and unlinking rows through navigation properties (`$ref`).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api
 */
import { callHeaders } from '../headers';
import { recordPath } from '../query/paths';
import type { RequestOptions } from '../types';
import type { OperationContext } from './context';

/** The other side of a relationship. */
export interface RecordRef {
  entitySet: string;
  id: string;
}

/** Options of {@link associateRecords}. */
export interface AssociateOptions extends RequestOptions {
  /** The navigation property is single-valued (a lookup): PUT instead of POST. */
  singleValued?: boolean;
}

/** Collection-valued: POST `<set>(<id>)/<nav>/$ref`; single-valued: PUT, with `@odata.id` of the target. */
export async function associateRecords(
  ctx: OperationContext,
  entitySet: string,
  id: string,
  navigationProperty: string,
  target: RecordRef,
  options: AssociateOptions = {},
): Promise<void> {
  await ctx.transport.send({
    method: options.singleValued ? 'PUT' : 'POST',
    url: `${recordPath(entitySet, id)}/${navigationProperty}/$ref`,
    data: { '@odata.id': `${ctx.apiUrl}${recordPath(target.entitySet, target.id)}` },
    headers: callHeaders(options),
    options,
    // Setting a lookup to the same row again changes nothing.
    idempotent: options.singleValued === true,
  });
}

/** DELETE `<set>(<id>)/<nav>(<targetId>)/$ref`, or `<set>(<id>)/<nav>/$ref` for a single-valued one. */
export async function disassociateRecords(
  ctx: OperationContext,
  entitySet: string,
  id: string,
  navigationProperty: string,
  target?: RecordRef,
  options: RequestOptions = {},
): Promise<void> {
  const nav = target ? `${navigationProperty}(${target.id})` : navigationProperty;
  await ctx.transport.send({
    method: 'DELETE',
    url: `${recordPath(entitySet, id)}/${nav}/$ref`,
    headers: callHeaders(options),
    options,
  });
}
