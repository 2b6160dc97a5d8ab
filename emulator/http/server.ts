/**
 * The node:http front of the emulator: reads the body (refusing oversized ones), checks the
 * bearer token, applies injected faults and the request gate, builds the operation context
 * from the headers, routes, and writes the answer with the Web API's headers. Every exception
 * becomes a Dataverse-shaped error; nothing escapes to crash the process.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { SystemUserTable } from '../../sdk/entities/systemuser';
import type { EmulatorExtensions, OperationContext } from '../contracts';
import { DataverseFault, ErrorCodes } from '../errors';
import { withDataModel, type EmulatorDataModel } from '../metadata';
import type { FaultList } from '../faults';
import type { CoreOperations } from '../operations';
import type { Store } from '../store/store';
import type { TransactionManager } from '../store/transaction';
import { handleBatch } from './batch';
import { BodyBudget, readRequestBody } from './request-body';
import { route } from './router';
import { errorResponse, type ApiEnvironment, type ApiRequest, type ApiResponse } from './types';

const run = <T>(fn: () => Promise<T>): Promise<T> => fn();

/** Where the API lives under the host. */
export const API_ROOT = '/api/data/v9.2/';

/**
 * The largest request body accepted (bytes): 64 MiB. Microsoft documents no cap for JSON bodies;
 * the one documented single-request limit is 128 MB, for file uploads, which the emulator does not
 * take (https://learn.microsoft.com/power-apps/developer/data-platform/file-attributes).
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** What the HTTP front needs. */
export interface ServerDependencies {
  store: Store;
  ops: CoreOperations;
  /** The write transactions, to let a sync step's callbacks join the open one. */
  tx: TransactionManager;
  extensions: EmulatorExtensions;
  faults: FaultList;
  token?: string;
  /** Largest accepted body in bytes (default {@link MAX_BODY_BYTES}). */
  maxBodyBytes?: number;
  /** systemuserid used when the caller does not impersonate. */
  defaultUserId: string;
  /** `http://127.0.0.1:<port>`, known once listening. */
  origin: () => string;
  /** Whose tables requests see (default both data models). */
  dataModel?: EmulatorDataModel;
}

/** Creates the node:http server (not yet listening). */
export function createApiServer(deps: ServerDependencies): http.Server {
  const budget = new BodyBudget(deps.maxBodyBytes ?? MAX_BODY_BYTES);
  return http.createServer((req, res) => {
    void withDataModel(deps.dataModel ?? 'both', () => serve(deps, req, res, budget)).then(
      (response) => send(res, response),
      (error: unknown) => send(res, errorResponse(error)),
    );
  });
}

async function serve(
  deps: ServerDependencies,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  budget: BodyBudget,
): Promise<ApiResponse> {
  const started = Date.now();
  const body = await readRequestBody(req, res, budget.capacity, budget);
  const url = req.url ?? '/';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  const auth = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  if (!auth || (deps.token !== undefined && auth[1] !== deps.token)) {
    return errorResponse(
      new DataverseFault(
        401,
        ErrorCodes.Unauthorized,
        'The user is not authenticated: send Authorization: Bearer <token> with a valid token.',
        {
          'WWW-Authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id=${deps.origin()}/`,
        },
      ),
    );
  }
  const fault = deps.faults.take(req.method ?? 'GET', url, body);
  if (fault) return errorResponse(new DataverseFault(fault.status, fault.code, fault.message));
  const context = operationContext(deps, headers);
  const gate = deps.extensions.gate;
  if (gate) {
    const refusal = gate.admit(context.userId, started);
    if (refusal) {
      return errorResponse(
        new DataverseFault(429, refusal.code, refusal.message, {
          ...gate.responseHeaders(context.userId, started),
          'Retry-After': String(refusal.retryAfterSeconds),
        }),
      );
    }
  }
  let response: ApiResponse;
  try {
    if (!url.startsWith(API_ROOT) && url !== API_ROOT.slice(0, -1)) {
      throw new DataverseFault(
        404,
        ErrorCodes.ResourceNotFound,
        `No Web API at '${url}'; the API root is ${API_ROOT}.`,
      );
    }
    const rest = url.slice(API_ROOT.length);
    const q = rest.indexOf('?');
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? rest : rest.slice(0, q),
      query: q < 0 ? '' : rest.slice(q + 1),
      headers,
      body,
    };
    const env: ApiEnvironment = {
      store: deps.store,
      ops: deps.ops,
      extensions: deps.extensions,
      apiUrl: `${deps.origin()}${API_ROOT}`,
      context,
      joinOpen: deps.tx.isCallback(context.depth, headers['x-ms-correlation-request-id'] || undefined),
    };
    response = await (env.joinOpen ? deps.tx.joinOpen.bind(deps.tx) : run)(() =>
      request.path === '$batch' ? handleBatch(env, request) : route(env, request),
    );
  } catch (error) {
    response = errorResponse(error);
  }
  try {
    response.headers['REQ_ID'] = context.requestId;
    response.headers['x-ms-service-request-id'] = context.requestId;
    // What is left of the window when the response leaves, as the header describes it.
    if (gate) Object.assign(response.headers, gate.responseHeaders(context.userId, Date.now()));
    return response;
  } finally {
    gate?.release(context.userId, started, Date.now());
  }
}

function operationContext(deps: ServerDependencies, headers: Record<string, string>): OperationContext {
  const callerObjectId = headers.callerobjectid;
  let userId = headers.mscrmcallerid || deps.defaultUserId;
  if (callerObjectId) {
    const { logicalName, columns } = SystemUserTable;
    const user = deps.ops.find(logicalName, { [columns.azureActiveDirectoryObjectId]: callerObjectId })[0];
    if (!user)
      throw new DataverseFault(
        403,
        ErrorCodes.CallerNotFound,
        `No ${logicalName} has ${columns.azureActiveDirectoryObjectId} ${callerObjectId}; impersonate an existing user.`,
      );
    userId = user.id;
  }
  const bypass = headers['mscrm.bypassbusinesslogicexecution'] ?? '';
  const depth = Number(headers['x-ms-emulator-depth'] ?? '1');
  return {
    userId: userId.toLowerCase(),
    correlationId: headers['x-ms-correlation-request-id'] || randomUUID(),
    requestId: randomUUID(),
    depth: Number.isInteger(depth) && depth > 0 ? depth : 1,
    bypassCustomLogic:
      /CustomSync|CustomAsync/i.test(bypass) || headers['mscrm.bypasscustompluginexecution'] === 'true',
  };
}

function send(res: http.ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'OData-Version': '4.0', ...response.headers };
  if (response.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, headers);
  res.end(response.body);
}
