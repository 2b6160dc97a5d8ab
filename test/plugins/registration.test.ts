import nock from 'nock';
import { registerWebhooks, webhookUrlFor } from '../../plugins/registration';
import type { WebApiRecord } from '../../sdk/client/types';
import { ConfigurationError, InvalidArgumentError } from '../../sdk/errors';
import { testClient } from '../support/test-client';

const URL_BASE = 'https://contoso.crm.dynamics.com';
const API = '/api/data/v9.2/';
const KEY = 'registration-test-key-not-a-secret';
const CREATE_MESSAGE = 'a0000000-0000-0000-0000-000000000001';
const FILTERS: Record<string, string> = {
  adx_invitation: 'f0000000-0000-0000-0000-000000000001',
  adx_inviteredemption: 'f0000000-0000-0000-0000-000000000002',
};

/**
 * A Dataverse that keeps the endpoints and steps written to it, so a second run can find them.
 * Only the requests a test expects are intercepted, so `scope.done()` proves each was made.
 */
function fakeDataverse(expect: { updates?: boolean; steps?: boolean } = {}) {
  const rows: Record<string, WebApiRecord[]> = { serviceendpoints: [], sdkmessageprocessingsteps: [] };
  const writes: { method: string; set: string; body: WebApiRecord }[] = [];
  const nameIn = (uri: string) => /name eq '([^']*)'/.exec(decodeURIComponent(uri))?.[1];
  const scope = nock(URL_BASE)
    .persist()
    .get((uri) => uri.startsWith(`${API}sdkmessages?`))
    .reply(200, () => ({ value: [{ sdkmessageid: CREATE_MESSAGE }] }))
    .get((uri) => uri.startsWith(`${API}sdkmessagefilters?`))
    .reply(200, (uri) => {
      const table = /primaryobjecttypecode eq '([^']*)'/.exec(decodeURIComponent(uri))?.[1] ?? '';
      return { value: FILTERS[table] ? [{ sdkmessagefilterid: FILTERS[table] }] : [] };
    });
  const sets = [['serviceendpoints', 'serviceendpointid']];
  if (expect.steps !== false) sets.push(['sdkmessageprocessingsteps', 'sdkmessageprocessingstepid']);
  for (const [set, idColumn] of sets) {
    scope
      .get((uri) => uri.startsWith(`${API}${set}?`))
      .reply(200, (uri) => ({ value: rows[set].filter((r) => r.name === nameIn(uri)) }))
      .post(`${API}${set}`)
      .reply((_uri, body) => {
        const row = body as WebApiRecord;
        rows[set].push(row);
        writes.push({ method: 'POST', set, body: row });
        return [204, '', { 'OData-EntityId': `${URL_BASE}${API}${set}(${String(row[idColumn])})` }];
      });
    if (!expect.updates) continue;
    scope
      .patch((uri) => uri.startsWith(`${API}${set}(`))
      .reply((_uri, body) => {
        writes.push({ method: 'PATCH', set, body: body as WebApiRecord });
        return [204, ''];
      });
  }
  return { scope, rows, writes };
}

afterEach(() => nock.cleanAll());

describe('registerWebhooks', () => {
  it('creates the webhook endpoint with the key and one step per declared step', async () => {
    const dv = fakeDataverse();
    const { client } = testClient(URL_BASE);
    const result = await registerWebhooks(client, { hostUrl: 'https://plugins.example.com', key: KEY });
    expect(result.steps.map((s) => s.action)).toEqual(['created', 'created', 'created']);
    expect(dv.rows.serviceendpoints[0]).toMatchObject({
      url: 'https://plugins.example.com/api/webhooks/dataverse',
      contract: 8,
      authtype: 4,
      authvalue: KEY,
    });
    dv.scope.done();
  });

  it('binds each step to the endpoint, the message and the filter of its table', async () => {
    const dv = fakeDataverse();
    const { client } = testClient(URL_BASE);
    const result = await registerWebhooks(client, { hostUrl: 'https://plugins.example.com', key: KEY });
    const redeem = dv.rows.sdkmessageprocessingsteps.find((s) =>
      String(s.name).includes('adx_inviteredemption'),
    );
    expect(redeem).toMatchObject({
      stage: 40,
      mode: 1,
      'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${result.endpointId})`,
      'sdkmessageid@odata.bind': `/sdkmessages(${CREATE_MESSAGE})`,
      'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${FILTERS.adx_inviteredemption})`,
    });
    dv.scope.done();
  });

  it('updates the endpoint and steps on a second run instead of duplicating them', async () => {
    const dv = fakeDataverse({ updates: true });
    const { client } = testClient(URL_BASE);
    const first = await registerWebhooks(client, { hostUrl: 'https://plugins.example.com', key: KEY });
    const second = await registerWebhooks(client, { hostUrl: 'https://plugins.example.com', key: KEY });
    expect(second.steps.map((s) => s.action)).toEqual(['updated', 'updated', 'updated']);
    expect(second.steps.map((s) => s.id)).toEqual(first.steps.map((s) => s.id));
    expect(dv.rows.sdkmessageprocessingsteps).toHaveLength(3);
    expect(dv.rows.serviceendpoints).toHaveLength(1);
    dv.scope.done();
  });

  it('names the table when Dataverse has no message filter for it', async () => {
    const dv = fakeDataverse({ steps: false });
    const { client } = testClient(URL_BASE);
    const steps = [
      {
        name: 's',
        message: 'Create',
        entity: 'nosuchtable',
        stage: 20 as const,
        mode: 0 as const,
        handler: 'h',
      },
    ];
    const error = await registerWebhooks(client, { hostUrl: 'https://p.example.com', key: KEY, steps }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/no sdkmessagefilter for Create of nosuchtable/);
    dv.scope.done();
  });

  it('refuses to register without the host key, before any request', async () => {
    const { client } = testClient(URL_BASE);
    const error = await registerWebhooks(client, { hostUrl: 'https://p.example.com', key: '' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'key' });
  });
});

describe('webhookUrlFor', () => {
  it('adds the webhook path to a bare origin', () => {
    expect(webhookUrlFor('http://127.0.0.1:7071')).toBe('http://127.0.0.1:7071/api/webhooks/dataverse');
  });

  it('keeps a URL that already has a path', () => {
    expect(webhookUrlFor('https://fn.example.com/api/hook')).toBe('https://fn.example.com/api/hook');
  });
});
