import util from 'node:util';
import nock from 'nock';
import { REDACTED, redact, redactText } from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';
import { scrubDefinitions } from '../support/scrub';
import { testClient } from '../support/test-client';

const KEY = 'key-LEAKCHECK-0c7d2e';
const API = '/api/data/v9.2/';

describe('redactText', () => {
  it('removes a service endpoint authvalue from JSON text', () => {
    expect(redactText(`{"name":"hook","authvalue":"${KEY}"}`)).toBe(
      `{"name":"hook","authvalue":"${REDACTED}"}`,
    );
  });

  it('removes a portal password hash from JSON text', () => {
    expect(redactText(`{"adx_identity_passwordhash": "${KEY}"}`)).toBe(
      `{"adx_identity_passwordhash": "${REDACTED}"}`,
    );
  });

  it('removes a password from form-encoded text', () => {
    expect(redactText(`username=ada&password=${KEY}&x=1`)).toBe(`username=ada&password=${REDACTED}&x=1`);
  });

  it('removes the webhook key from a ?code= query parameter', () => {
    expect(redactText(`https://fn.example.com/api/hook?code=${KEY}==&clientId=default`)).toBe(
      `https://fn.example.com/api/hook?code=${REDACTED}&clientId=default`,
    );
  });

  it('removes a &code= query parameter', () => {
    expect(redactText(`https://fn.example.com/api/hook?a=1&code=${KEY}`)).toBe(
      `https://fn.example.com/api/hook?a=1&code=${REDACTED}`,
    );
  });

  it('removes a code parameter of a percent-encoded URL inside another URL', () => {
    expect(redactText(`/x?url=https%3A%2F%2Ffn%2Fhook%3Fcode%3D${KEY}%26a%3D1`)).toBe(
      `/x?url=https%3A%2F%2Ffn%2Fhook%3Fcode%3D${REDACTED}%26a%3D1`,
    );
  });

  it('keeps a Dataverse error code, which is not a query parameter', () => {
    const text = '{"error":{"code":"0x80040217","message":"code=5 is not a key"}}';
    expect(redactText(text)).toBe(text);
  });

  it('removes the sig of a SAS token', () => {
    expect(redactText(`https://a.blob.core.windows.net/c?sv=2022-11-02&sig=${KEY}%3D&se=2030`)).toBe(
      `https://a.blob.core.windows.net/c?sv=2022-11-02&sig=${REDACTED}&se=2030`,
    );
  });

  it('removes an X-Api-Key header line', () => {
    expect(redactText(`Content-Type: application/json\nX-Api-Key: ${KEY}\n`)).toBe(
      `Content-Type: application/json\nX-Api-Key: ${REDACTED}\n`,
    );
  });

  it('removes the SharedAccessKey of a Service Bus connection string', () => {
    expect(redactText(`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=${KEY}=;EntityPath=q`)).toBe(
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=${REDACTED};EntityPath=q`,
    );
  });
});

describe('redact', () => {
  it('replaces the values of authvalue, adx_identity_passwordhash and password keys', () => {
    expect(redact({ authvalue: KEY, adx_identity_passwordhash: KEY, Password: KEY })).toEqual({
      authvalue: REDACTED,
      adx_identity_passwordhash: REDACTED,
      Password: REDACTED,
    });
  });

  it('replaces an x-api-key header value whatever its case', () => {
    expect(redact({ 'X-API-Key': KEY })).toEqual({ 'X-API-Key': REDACTED });
  });

  it('replaces the value after x-api-key in a raw-headers list', () => {
    expect(redact(['x-api-key', KEY])).toEqual(['x-api-key', REDACTED]);
  });

  it('keeps a code field, which is a Dataverse error code', () => {
    expect(redact({ code: '0x80040217' })).toEqual({ code: '0x80040217' });
  });

  it('removes the webhook key from a service endpoint url field', () => {
    expect(redact({ url: `https://fn.example.com/api/hook?code=${KEY}` })).toEqual({
      url: `https://fn.example.com/api/hook?code=${REDACTED}`,
    });
  });
});

describe('the same redaction in logs, errors and fixtures', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('logs no X-Api-Key value', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (message: string, details?: unknown) => lines.push(util.inspect([message, details])),
    };
    const scope = nock(FIXTURE_URL).get(`${API}WhoAmI()`).reply(200, {});
    await testClient(FIXTURE_URL, { logger, headers: { 'X-Api-Key': KEY } }).client.whoAmI();
    expect(lines.join('\n')).not.toContain(KEY);
    scope.done();
  });

  it('keeps no X-Api-Key value or authvalue in an error', async () => {
    const scope = nock(FIXTURE_URL)
      .get(`${API}serviceendpoints(00000000-0000-0000-0000-000000000001)`)
      .reply(400, { error: { code: '0x80040203', message: `Bad authvalue=${KEY}` }, authvalue: KEY });
    const error = await testClient(FIXTURE_URL, { headers: { 'X-Api-Key': KEY } })
      .client.retrieve('serviceendpoints', '00000000-0000-0000-0000-000000000001')
      .catch((e: unknown) => e as Error);
    expect(util.inspect(error, { depth: 10 })).not.toContain(KEY);
    scope.done();
  });

  it('writes no webhook key, authvalue, password hash or API key into a fixture', () => {
    const recorded = [
      {
        scope: 'http://127.0.0.1:5170',
        method: 'POST',
        path: '/api/data/v9.2/serviceendpoints',
        body: { url: `https://fn.example.com/api/hook?code=${KEY}`, authvalue: KEY },
        response: { adx_identity_passwordhash: KEY },
        rawHeaders: ['X-Api-Key', KEY],
      },
    ];
    const text = JSON.stringify(
      scrubDefinitions(recorded, { liveUrl: 'http://127.0.0.1:5170', fixtureUrl: FIXTURE_URL }),
    );
    expect(text).not.toContain(KEY);
  });
});
