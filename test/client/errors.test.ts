import nock from 'nock';
import {
  AuthenticationError,
  DataverseError,
  ErrorCodes,
  NotFoundError,
  ThrottledError,
  parseErrorBody,
} from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';
import { TEST_TOKEN, testClient } from '../support/test-client';

const API = '/api/data/v9.2/';

describe('error body parsing', () => {
  it('reads code and message from a Web API error object', () => {
    expect(parseErrorBody({ error: { code: '0x80040217', message: 'Does Not Exist' } })).toMatchObject({
      code: '0x80040217',
      message: 'Does Not Exist',
    });
  });

  it('reads a JSON error body given as text', () => {
    expect(
      parseErrorBody('{"error":{"code":"0x80040265","message":"Invitation code is invalid."}}').code,
    ).toBe(ErrorCodes.IsvAborted);
  });

  it('keeps a non-JSON body as the message', () => {
    expect(parseErrorBody('<html>Bad gateway</html>')).toMatchObject({ message: '<html>Bad gateway</html>' });
  });
});

describe('errors from responses', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  async function failWith(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<DataverseError> {
    const scope = nock(FIXTURE_URL)
      .post(`${API}contacts`)
      .reply(status, body as nock.Body, headers);
    const error = await testClient(FIXTURE_URL, { maxAttempts: 1 })
      .client.create('contacts', { lastname: 'A' })
      .catch((e: unknown) => e);
    scope.done();
    return error as DataverseError;
  }

  it.each([
    [401, AuthenticationError],
    [403, AuthenticationError],
    [404, NotFoundError],
    [429, ThrottledError],
    [400, DataverseError],
  ])('maps status %i to %p', async (status, ErrorClass) => {
    expect(await failWith(status, { error: { code: '0x0', message: 'x' } })).toBeInstanceOf(ErrorClass);
  });

  it('keeps a plug-in message meant for the user and says what to do', async () => {
    const error = await failWith(400, {
      error: { code: ErrorCodes.IsvAborted, message: 'Invitation code is invalid.' },
    });
    expect(error.message).toContain('Invitation code is invalid.');
    expect(error.message).toMatch(/plug-in refused/);
    expect(error.code).toBe(ErrorCodes.IsvAborted);
  });

  it('ends a server sentence with one full stop before the advice', async () => {
    const error = await failWith(401, {
      error: { code: '0x80040220', message: 'The user is not authenticated: send a valid token.' },
    });
    expect(error.message).toContain('send a valid token. ');
    expect(error.message).not.toContain('..');
  });

  it('carries the request id from x-ms-service-request-id', async () => {
    const error = await failWith(
      400,
      { error: { code: '0x0', message: 'x' } },
      { 'x-ms-service-request-id': 'abc-123' },
    );
    expect(error.requestId).toBe('abc-123');
  });

  it('never shows the Authorization header or a token in its message or JSON', async () => {
    const error = await failWith(401, {
      error: { code: '0x80072560', message: `Bad token Bearer ${TEST_TOKEN}` },
    });
    expect(error.request?.headers.authorization).toBe('[REDACTED]');
    expect(error.message).not.toContain(TEST_TOKEN);
    expect(JSON.stringify(error)).not.toContain(TEST_TOKEN);
    expect(JSON.stringify(error.toJSON())).toContain('"status":401');
  });
});
