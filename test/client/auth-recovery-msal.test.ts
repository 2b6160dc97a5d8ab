import nock from 'nock';
import { AuthenticationError, ClientSecretCredential, DataverseClient } from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';

const LOGIN = 'https://login.microsoftonline.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '51f81489-12ee-4a9e-aaae-a2591f45987d';
const SECRET = 'fake-client-secret-value';
const REVOKED_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJ2ZXIiOiJyZXZva2VkIn0.sig-one';
const NEW_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJ2ZXIiOiJuZXcifQ.sig-two';
const API = '/api/data/v9.2';
const CHALLENGE = {
  'WWW-Authenticate': `Bearer authorization_uri=${LOGIN}/${TENANT}/oauth2/authorize, resource_id=${FIXTURE_URL}/`,
};

/** Entra ID's token endpoint answering the given tokens in turn, one request each. */
function tokenEndpoint(tokens: string[]): nock.Scope {
  let scope = nock(LOGIN);
  for (const token of tokens) {
    // msal-node adds a client-request-id query string to the token request.
    scope = scope
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }
  return scope;
}

function client(): DataverseClient {
  return new DataverseClient({
    url: FIXTURE_URL,
    credential: new ClientSecretCredential(TENANT, CLIENT, SECRET),
    sleep: async () => undefined,
  });
}

describe('401 recovery with an msal credential', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('fetches a new token past msal’s cache and replays the request once', async () => {
    const login = tokenEndpoint([REVOKED_TOKEN, NEW_TOKEN]);
    const refused = nock(FIXTURE_URL, { reqheaders: { authorization: `Bearer ${REVOKED_TOKEN}` } })
      .get(`${API}/WhoAmI()`)
      .reply(401, '', CHALLENGE);
    const accepted = nock(FIXTURE_URL, { reqheaders: { authorization: `Bearer ${NEW_TOKEN}` } })
      .get(`${API}/WhoAmI()`)
      .reply(200, { UserId: 'u', BusinessUnitId: 'b', OrganizationId: 'o' });
    await expect(client().whoAmI()).resolves.toMatchObject({ UserId: 'u' });
    login.done();
    refused.done();
    accepted.done();
  });

  it('replays a create, since a 401 means Dataverse did not run it', async () => {
    const login = tokenEndpoint([REVOKED_TOKEN, NEW_TOKEN]);
    const bodies: unknown[] = [];
    const api = nock(FIXTURE_URL)
      .post(`${API}/contacts`, (body) => bodies.push(body) > 0)
      .reply(401, '', CHALLENGE)
      .post(`${API}/contacts`, (body) => bodies.push(body) > 0)
      .reply(204, '', {
        'OData-EntityId': `${FIXTURE_URL}${API}/contacts(00000000-0000-4000-8000-000000000001)`,
      });
    const id = await client().create('contacts', { lastname: 'Ng' });
    expect(id).toBe('00000000-0000-4000-8000-000000000001');
    expect(bodies).toEqual([{ lastname: 'Ng' }, { lastname: 'Ng' }]);
    login.done();
    api.done();
  });

  it('reports a second 401 as an AuthenticationError that says what to check', async () => {
    const login = tokenEndpoint([REVOKED_TOKEN, NEW_TOKEN]);
    const api = nock(FIXTURE_URL).get(`${API}/WhoAmI()`).times(2).reply(401, '', CHALLENGE);
    const error = await client()
      .whoAmI()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as AuthenticationError).message;
    expect(message).toMatch(/newly issued token/);
    expect(message).toMatch(/application user .* security role/);
    expect(message).toMatch(/tenant id .*client id and secret/);
    expect(message).toContain(`${LOGIN}/${TENANT}`);
    expect((error as AuthenticationError).attempts).toBe(2);
    login.done();
    api.done();
  });

  it('keeps every token and the secret out of the error message and its JSON', async () => {
    const login = tokenEndpoint([REVOKED_TOKEN, NEW_TOKEN]);
    const api = nock(FIXTURE_URL).get(`${API}/WhoAmI()`).times(2).reply(401, '', CHALLENGE);
    const error = (await client()
      .whoAmI()
      .catch((e: unknown) => e)) as AuthenticationError;
    const json = JSON.stringify(error.toJSON());
    for (const secret of [REVOKED_TOKEN, NEW_TOKEN, SECRET]) {
      expect(error.message).not.toContain(secret);
      expect(json).not.toContain(secret);
    }
    login.done();
    api.done();
  });
});
