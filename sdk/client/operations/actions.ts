/**
 * Custom and system operations: actions (POST), functions (GET with parameter aliases), WhoAmI and
 * the bulk messages CreateMultiple / UpdateMultiple.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-functions
 */
import { callHeaders } from '../headers';
import { functionUrl } from '../query/function-url';
import type { FunctionParameterValue } from '../query/literal';
import { recordPath } from '../query/paths';
import type { BoundTo, OperationOptions, RequestOptions, WebApiRecord, WhoAmIResponse } from '../types';
import type { OperationContext } from './context';

/** Namespace prefix of bound operations. */
export const CRM_NAMESPACE = 'Microsoft.Dynamics.CRM';

/** `name` unbound, `<set>/Microsoft.Dynamics.CRM.<name>` or `<set>(<id>)/Microsoft.Dynamics.CRM.<name>` bound. */
export function operationPath(name: string, boundTo?: BoundTo): string {
  if (!boundTo) return name;
  const target = boundTo.id === undefined ? boundTo.entitySet : recordPath(boundTo.entitySet, boundTo.id);
  return `${target}/${CRM_NAMESPACE}.${name}`;
}

/** POSTs an action; resolves with its response body, or undefined for 204. */
export async function callAction<T>(
  ctx: OperationContext,
  name: string,
  body: WebApiRecord | undefined,
  options: OperationOptions = {},
): Promise<T> {
  const response = await ctx.transport.send<T>({
    method: 'POST',
    url: operationPath(name, options.boundTo),
    data: body ?? {},
    headers: callHeaders(options),
    options,
  });
  return (response.status === 204 || response.data === '' ? undefined : response.data) as T;
}

/**
 * GETs a function with its parameters as aliases. Strings are sent as string literals; pass
 * collections, complex values and enum members with `odataLiteral(…)`.
 */
export async function callFunction<T>(
  ctx: OperationContext,
  name: string,
  params: Record<string, FunctionParameterValue> | undefined,
  options: OperationOptions = {},
): Promise<T> {
  const response = await ctx.transport.send<T>({
    method: 'GET',
    url: functionUrl(operationPath(name, options.boundTo), params),
    headers: callHeaders(options),
    options,
  });
  return response.data;
}

/** The calling user, business unit and organization. */
export function whoAmI(ctx: OperationContext, options?: RequestOptions): Promise<WhoAmIResponse> {
  return callFunction<WhoAmIResponse>(ctx, 'WhoAmI', undefined, options);
}

function typedTargets(logicalName: string, targets: WebApiRecord[]): WebApiRecord[] {
  return targets.map((target) => ({ '@odata.type': `${CRM_NAMESPACE}.${logicalName}`, ...target }));
}

/** CreateMultiple: creates all rows in one request; resolves with their ids in order. */
export async function createMultiple(
  ctx: OperationContext,
  entitySet: string,
  logicalName: string,
  targets: WebApiRecord[],
  options: RequestOptions = {},
): Promise<string[]> {
  const result = await callAction<{ Ids?: string[] }>(
    ctx,
    'CreateMultiple',
    { Targets: typedTargets(logicalName, targets) },
    { ...options, boundTo: { entitySet } },
  );
  return result?.Ids ?? [];
}

/** UpdateMultiple: updates all rows (each carrying its primary key) in one request. */
export async function updateMultiple(
  ctx: OperationContext,
  entitySet: string,
  logicalName: string,
  targets: WebApiRecord[],
  options: RequestOptions = {},
): Promise<void> {
  await callAction(
    ctx,
    'UpdateMultiple',
    { Targets: typedTargets(logicalName, targets) },
    {
      ...options,
      boundTo: { entitySet },
    },
  );
}
