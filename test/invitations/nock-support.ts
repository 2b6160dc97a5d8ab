/**
 * Shared set-up for the invitation service's nock tests: the org URL, a test client, and a way
 * to read the `$filter` a request carried.
 */
import nock from 'nock';
import { testClient } from '../support/test-client';

/** The org every nock test talks to. */
export const ORG = 'https://contoso.crm.dynamics.com';
/** The Web API path prefix. */
export const API = '/api/data/v9.2';

/** A client for {@link ORG} whose sleeps return at once. */
export function orgClient() {
  return testClient(ORG).client;
}

/** The decoded `$filter` of a nock query object. */
export function filterOf(query: Record<string, unknown>): string {
  return String(query['$filter'] ?? '');
}

/** Resets nock between tests. */
export function resetNock(): void {
  nock.cleanAll();
  nock.disableNetConnect();
}

/** A Web API collection body. */
export function collection(rows: Record<string, unknown>[]): { value: Record<string, unknown>[] } {
  return { value: rows };
}

type Reply = [number, string, Record<string, string>];
const BATCH_TYPE = { 'Content-Type': 'multipart/mixed; boundary=batchresponse_x' };

/** A `$batch` answer for one change set whose requests all succeeded with these statuses. */
export function changeSetReply(statuses: number[]): Reply {
  const parts = statuses
    .map(
      (status, i) =>
        `--changesetresponse_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${i + 1}\r\n\r\nHTTP/1.1 ${status} OK\r\n\r\n`,
    )
    .join('');
  const body = `--batchresponse_x\r\nContent-Type: multipart/mixed; boundary=changesetresponse_y\r\n\r\n${parts}--changesetresponse_y--\r\n--batchresponse_x--\r\n`;
  return [200, body, BATCH_TYPE];
}

/**
 * A `$batch` answer for a change set that failed, as a real org sends it without
 * `odata.continue-on-error`: `400`, and a `changesetresponse_` part holding only the failing
 * request's response, marked with its Content-ID (the other requests were rolled back).
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors
 */
export function failedChangeSetReply(
  status: number,
  code: string,
  message: string,
  contentId: string,
): Reply {
  const error = JSON.stringify({ error: { code, message } });
  const failed = `--changesetresponse_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${contentId}\r\n\r\nHTTP/1.1 ${status} Error\r\nREQ_ID: 5ecd1cb3-1730-4ffc-909c-d44c22270026\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n${error}\r\n--changesetresponse_y--\r\n`;
  const body = `--batchresponse_x\r\nContent-Type: multipart/mixed; boundary=changesetresponse_y\r\n\r\n${failed}--batchresponse_x--\r\n`;
  return [400, body, BATCH_TYPE];
}

/** A `$batch` answer holding one 200 JSON response per GET sent inside the batch. */
export function batchGetReply(...jsons: unknown[]): Reply {
  const parts = jsons
    .map(
      (json) =>
        `--batchresponse_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n${JSON.stringify(json)}\r\n`,
    )
    .join('');
  return [200, `${parts}--batchresponse_x--\r\n`, BATCH_TYPE];
}

/** A `$batch` answer holding one response per GET sent inside the batch, each a status and a JSON body. */
export function batchReply(...parts: { status: number; json: unknown }[]): Reply {
  const body = parts
    .map(
      ({ status, json }) =>
        `--batchresponse_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 ${status} ${status < 400 ? 'OK' : 'Error'}\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n${JSON.stringify(json)}\r\n`,
    )
    .join('');
  return [200, `${body}--batchresponse_x--\r\n`, BATCH_TYPE];
}

/** Role ids per data model, as the role-link reads of a redemption answer them. */
export interface RoleLinksAnswer {
  /** The invitation's roles to grant; a model left out has no tables (its navigation answers 404). */
  granted: { standard?: string[]; enhanced?: string[] };
  /** The contact's roles; read only when given. */
  held?: { standard?: string[]; enhanced?: string[] };
}

const ROLE_ID = { standard: 'adx_webroleid', enhanced: 'powerpagecomponentid' } as const;

/**
 * The `$batch` answer to `readRoleLinks`: the invitation's roles in the standard then the enhanced
 * model, then (with `held`) the contact's, a model absent from `granted` answering 404
 * "Resource not found for the segment".
 */
export function roleLinksReply(answer: RoleLinksAnswer): Reply {
  const models = ['standard', 'enhanced'] as const;
  const part = (ids: string[] | undefined, model: (typeof models)[number]) =>
    answer.granted[model] === undefined
      ? {
          status: 404,
          json: {
            error: { code: '0x8006088a', message: "Resource not found for the segment 'navigation'." },
          },
        }
      : { status: 200, json: { value: (ids ?? []).map((id) => ({ [ROLE_ID[model]]: id })) } };
  const parts = models.map((m) => part(answer.granted[m], m));
  if (answer.held) parts.push(...models.map((m) => part(answer.held?.[m], m)));
  return batchReply(...parts);
}
