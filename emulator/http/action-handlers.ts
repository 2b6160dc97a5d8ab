/**
 * Actions and functions: `POST [<set>[(<id>)]/]Microsoft.Dynamics.CRM.<Name>`, `POST <Name>`,
 * `GET <Name>(...)`. Extension handlers come first; the core itself answers WhoAmI,
 * CreateMultiple and UpdateMultiple.
 */
import type { ActionRequest, ActionResult } from '../contracts';
import { badRequest, ErrorCodes, noHttpResource, unknownSegment } from '../errors';
import type { TableMeta } from '../metadata';
import { mapBody } from '../odata/body';
import { SEED } from '../seed';
import { mustTable } from '../store/store';
import { readJson } from './entity-handlers';
import { jsonResponse, noContent, queryParams } from './types';
import type { ApiEnvironment, ApiRequest, ApiResponse } from './types';

type BuiltIn = (env: ApiEnvironment, request: ActionRequest) => Promise<ActionResult>;

const PREFIX = 'Microsoft.Dynamics.CRM.';

/** Operations of Microsoft's Web API reference the emulator answers: functions (GET) and actions (POST). */
const FUNCTIONS = new Set(['WhoAmI']);
const ACTIONS = new Set([
  'CreateMultiple',
  'UpdateMultiple',
  'ExecuteWorkflow',
  'ImportSolution',
  'ImportSolutionAsync',
  'ExportSolution',
  'PublishAllXml',
]);

/** Runs the action/function `segment` (with or without the namespace prefix). */
export async function callOperation(
  env: ApiEnvironment,
  request: ApiRequest,
  segment: string,
  boundTo?: { table: TableMeta; id?: string },
): Promise<ApiResponse> {
  const { name, params } = parseCall(segment, request);
  // A function takes GET only and an action POST only; Dataverse answers the other method with 404.
  const wrongMethod = request.method === 'GET' ? ACTIONS.has(name) : FUNCTIONS.has(name);
  if (wrongMethod) throw noHttpResource(`${env.apiUrl}${request.path}`);
  const body =
    request.method === 'GET' ? params : { ...params, ...(readJson(request) as Record<string, unknown>) };
  const actionRequest: ActionRequest = {
    name,
    body,
    boundTo: boundTo ? { entityName: boundTo.table.logicalName, id: boundTo.id } : undefined,
    context: env.context,
    baseUrl: env.apiUrl,
  };
  const handler = env.extensions.actions?.[name];
  const builtIn = BUILT_INS[name];
  if (!handler && !builtIn) throw unknownSegment(segment);
  const result = handler ? await handler(actionRequest, env.ops) : await builtIn(env, actionRequest);
  if (!result.body) return { ...noContent(), status: result.status ?? 204 };
  return jsonResponse(result.status ?? 200, {
    '@odata.context': `${env.apiUrl}$metadata#${PREFIX}${name}Response`,
    ...result.body,
  });
}

function parseCall(segment: string, request: ApiRequest): { name: string; params: Record<string, unknown> } {
  const bare = segment.startsWith(PREFIX) ? segment.slice(PREFIX.length) : segment;
  const open = bare.indexOf('(');
  const name = open < 0 ? bare : bare.slice(0, open);
  const params: Record<string, unknown> = {};
  if (open >= 0) {
    const aliases = queryParams(request.query);
    for (const part of bare
      .slice(open + 1, -1)
      .split(',')
      .filter((p) => p.trim() !== '')) {
      const [key, raw = ''] = part.split('=');
      const text = raw.startsWith('@') ? (aliases.get(raw) ?? '') : raw;
      params[key.trim()] = parseParam(text);
    }
  }
  return { name, params };
}

function parseParam(text: string): unknown {
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function targetsOf(request: ActionRequest, table: TableMeta): Array<Record<string, unknown>> {
  const targets = request.body.Targets;
  if (!Array.isArray(targets) || targets.length === 0)
    throw badRequest(`${request.name} needs a non-empty 'Targets' array.`, ErrorCodes.InvalidPayload);
  for (const target of targets as Array<Record<string, unknown>>) {
    const type = target['@odata.type'];
    if (type !== `${PREFIX}${table.logicalName}`) {
      throw badRequest(
        `Each target of ${request.name} needs "@odata.type": "${PREFIX}${table.logicalName}" (got ${JSON.stringify(type)}).`,
        ErrorCodes.InvalidPayload,
      );
    }
  }
  return targets as Array<Record<string, unknown>>;
}

const BUILT_INS: Record<string, BuiltIn> = {
  WhoAmI: async (_env, request) => ({
    body: {
      BusinessUnitId: SEED.businessUnitId,
      UserId: request.context.userId,
      OrganizationId: SEED.organizationId,
    },
  }),
  CreateMultiple: async (env, request) => {
    const table = boundTable(env, request);
    const targets = targetsOf(request, table);
    const ids = await env.ops.transaction(async () => {
      const created: string[] = [];
      for (const target of targets) {
        const mapped = mapBody(table, target, env.resolveContentId);
        const id = mapped.values[table.primaryId] as string | undefined;
        delete mapped.values[table.primaryId];
        created.push((await env.ops.create(table.logicalName, mapped.values, request.context, id)).id);
      }
      return created;
    });
    return { body: { Ids: ids } };
  },
  UpdateMultiple: async (env, request) => {
    const table = boundTable(env, request);
    const targets = targetsOf(request, table);
    await env.ops.transaction(async () => {
      for (const target of targets) {
        const mapped = mapBody(table, target, env.resolveContentId);
        const id = mapped.values[table.primaryId];
        if (typeof id !== 'string')
          throw badRequest(
            `Each target of UpdateMultiple needs its primary key '${table.primaryId}'.`,
            ErrorCodes.InvalidPayload,
          );
        delete mapped.values[table.primaryId];
        await env.ops.update(table.logicalName, id, mapped.values, request.context);
      }
    });
    return {};
  },
};

function boundTable(_env: ApiEnvironment, request: ActionRequest): TableMeta {
  const entityName = request.boundTo?.entityName;
  if (!entityName || request.boundTo?.id)
    throw badRequest(
      `${request.name} is bound to an entity set: POST <set>/${PREFIX}${request.name}.`,
      ErrorCodes.ResourceNotFound,
    );
  return mustTable(entityName);
}
