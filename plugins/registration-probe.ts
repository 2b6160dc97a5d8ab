/**
 * Checking a webhook host before registering it: one signed test delivery, as Dataverse would post
 * it (the key as `?code=`, the Dataverse headers, a RemoteExecutionContext), for a message no step
 * handles (WhoAmI), so the host runs nothing and changes nothing. Registering a host that does not
 * answer, or that refuses the key, would make every create of an invitation fail afterwards: its
 * synchronous step cannot be delivered.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
 */
import { randomUUID } from 'node:crypto';
import { serializeRemoteExecutionContext, type RemoteExecutionContext } from '../sdk/webhooks/index';
import { webhookUrlFor } from './registration';

/** What the probe found. */
export interface ProbeResult {
  /** True when the host answered 2xx with the key. */
  ok: boolean;
  /** The URL posted to (without the key). */
  url: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /**
   * Why it is not ok: `unreachable` (no answer), `key_refused` (401/403), `no_webhook` (404/405:
   * nothing handles that path), `failed` (another status).
   */
  problem?: 'unreachable' | 'key_refused' | 'no_webhook' | 'failed';
  /** The network error's code or the start of the answer, for the message. */
  detail?: string;
  /** True when the answer looks like `portal-invite plugins serve` (`{"executed": [...]}`). */
  portalInviteHost?: boolean;
}

/** Options of {@link probeWebhookHost}. */
export interface ProbeOptions {
  /** How long to wait for the answer (ms); default 10000 (Dataverse waits 60 s). */
  timeoutMs?: number;
  /** The organization's name and id to put in the context; defaults are placeholders. */
  organization?: { name: string; id: string };
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
}

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The test delivery: WhoAmI, PostOperation, synchronous, depth 1, no Target. */
export function probeContext(organization = { name: 'probe', id: EMPTY_GUID }): RemoteExecutionContext {
  const id = randomUUID();
  return {
    messageName: 'WhoAmI',
    primaryEntityName: 'none',
    primaryEntityId: EMPTY_GUID,
    secondaryEntityName: 'none',
    stage: 40,
    mode: 0,
    depth: 1,
    userId: EMPTY_GUID,
    initiatingUserId: EMPTY_GUID,
    businessUnitId: EMPTY_GUID,
    correlationId: id,
    requestId: id,
    operationId: id,
    operationCreatedOn: new Date(),
    organizationId: organization.id,
    organizationName: organization.name,
    isInTransaction: false,
    isolationMode: 1,
    owningExtension: null,
    inputParameters: {},
    outputParameters: {},
    sharedVariables: {},
    preEntityImages: {},
    postEntityImages: {},
    parentContext: null,
  };
}

/** Posts one test delivery to the host with the key; never throws. */
export async function probeWebhookHost(
  hostUrl: string,
  key: string,
  options: ProbeOptions = {},
): Promise<ProbeResult> {
  const url = webhookUrlFor(hostUrl);
  const target = new URL(url);
  target.searchParams.set('code', key);
  const context = probeContext(options.organization);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-ms-dynamics-organization': context.organizationName,
        'x-ms-dynamics-entity-name': context.primaryEntityName,
        'x-ms-dynamics-request-name': context.messageName,
        'x-ms-correlation-request-id': context.correlationId,
      },
      body: JSON.stringify(serializeRemoteExecutionContext(context)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return { ok: false, url, problem: 'unreachable', detail: networkDetail(error) };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) {
    return { ok: true, url, status: response.status, portalInviteHost: answersLikePortalInvite(text) };
  }
  const problem =
    response.status === 401 || response.status === 403
      ? 'key_refused'
      : response.status === 404 || response.status === 405
        ? 'no_webhook'
        : 'failed';
  return { ok: false, url, status: response.status, problem, detail: text.slice(0, 200) };
}

function answersLikePortalInvite(text: string): boolean {
  try {
    return Array.isArray((JSON.parse(text) as { executed?: unknown }).executed);
  } catch {
    return false;
  }
}

function networkDetail(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if ((current as Error).name === 'TimeoutError') return 'no answer in time';
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}
