import nock from 'nock';
import { AuthenticationError, ClientSecretCredential, ConnectionError } from '../../sdk/client';
import { isNetworkFailure, msalFailure } from '../../sdk/client/credentials/msal-errors';

const LOGIN = 'https://login.microsoftonline.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '51f81489-12ee-4a9e-aaae-a2591f45987d';
const SECRET = 'secret-LEAKCHECK-4e02aa';
const SCOPE = 'https://contoso.crm.dynamics.com/.default';

/** An msal AuthError as msal-node throws it: an `errorCode` and a `code: message` text. */
function msalError(errorCode: string, message: string, cause?: unknown): Error {
  const error = new Error(`${errorCode}: ${message}`, cause === undefined ? undefined : { cause });
  return Object.assign(error, { errorCode, name: 'AuthError' });
}

describe('msal failures', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('an unreachable login host is a ConnectionError with status 0 naming the host', async () => {
    const login = nock(LOGIN)
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .replyWithError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND login.microsoftonline.com' });
    const error = await new ClientSecretCredential(TENANT, CLIENT, SECRET)
      .getToken([SCOPE])
      .catch((e: unknown) => e);
    login.done();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 0 });
    expect((error as Error).message).toMatch(/login\.microsoftonline\.com.*network.*proxy/);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('a sovereign authority host is the one named', () => {
    const error = msalFailure(
      msalError('network_error', 'Network request failed: fetch failed'),
      [SCOPE],
      'https://login.microsoftonline.us',
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('login.microsoftonline.us');
  });

  it.each(['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT'])('a %s in the cause is a network failure', (code) => {
    const socket = Object.assign(new Error('connect failed'), { code });
    const error = msalFailure(
      msalError('unknown_error', 'fetch failed', new TypeError('fetch failed', { cause: socket })),
      [SCOPE],
      LOGIN,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.status).toBe(0);
  });

  it('a refused secret (AADSTS, invalid_client) stays an AuthenticationError with status 401', async () => {
    const login = nock(LOGIN).post(`/${TENANT}/oauth2/v2.0/token`).query(true).reply(401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret provided.',
    });
    const error = await new ClientSecretCredential(TENANT, CLIENT, SECRET)
      .getToken([SCOPE])
      .catch((e: unknown) => e);
    login.done();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401 });
    expect(isNetworkFailure(error)).toBe(false);
  });

  it('an authority whose endpoints cannot be read is an AuthenticationError that also suggests the network', () => {
    const error = msalFailure(
      msalError('endpoints_resolution_error', 'See https://aka.ms/msal.js.errors#endpoints_resolution_error'),
      [SCOPE],
      'https://login.contoso.example',
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/AZURE_AUTHORITY_HOST.*login\.contoso\.example is reachable/);
  });
});
