import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import {
  AuthenticationError,
  ClientCertificateCredential,
  ClientSecretCredential,
  DataverseClient,
  clientFromEnv,
  credentialFromEnv,
  parseCertificatePem,
} from '../../sdk/client';
import { TokenCache } from '../../sdk/client/credentials/token-cache';
import { ConfigurationError } from '../../sdk/errors';
import { FIXTURE_URL } from '../support/fixtures';
import { selfSignedCertificate } from '../support/self-signed-certificate';

const LOGIN = 'https://login.microsoftonline.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '51f81489-12ee-4a9e-aaae-a2591f45987d';
const SECRET = 'fake-client-secret-value';
const TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.sig';
const SCOPE = `${FIXTURE_URL}/.default`;

function tokenEndpoint(capture?: (body: string) => void): nock.Scope {
  // msal-node adds a client-request-id query string to the token request.
  return nock(LOGIN)
    .post(`/${TENANT}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, (_uri, body) => {
      capture?.(String(body));
      return { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: TOKEN };
    });
}

describe('ClientSecretCredential', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('asks Entra ID once for a token that then serves many Dataverse calls', async () => {
    let form = '';
    const login = tokenEndpoint((body) => (form = body));
    const api = nock(FIXTURE_URL, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/api/data/v9.2/WhoAmI()')
      .times(3)
      .reply(200, { UserId: 'u' });
    const client = new DataverseClient({
      url: FIXTURE_URL,
      credential: new ClientSecretCredential(TENANT, CLIENT, SECRET),
    });
    await client.whoAmI();
    await Promise.all([client.whoAmI(), client.whoAmI()]);
    expect(new URLSearchParams(form).get('scope')).toBe(SCOPE);
    expect(new URLSearchParams(form).get('grant_type')).toBe('client_credentials');
    login.done();
    api.done();
  });

  it('shares one in-flight token request among concurrent callers', async () => {
    const login = tokenEndpoint();
    const credential = new ClientSecretCredential(TENANT, CLIENT, SECRET);
    const tokens = await Promise.all([1, 2, 3].map(() => credential.getToken([SCOPE])));
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set([TOKEN]));
    login.done();
  });

  it('turns a refused secret into an AuthenticationError that does not contain the secret', async () => {
    nock(LOGIN)
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .reply(401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided. client_secret=${SECRET}`,
      });
    const error = await new ClientSecretCredential(TENANT, CLIENT, SECRET)
      .getToken([SCOPE])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });
});

describe('TokenCache', () => {
  it('refreshes a token that is about to expire', async () => {
    let now = 0;
    let fetched = 0;
    const cache = new TokenCache(
      async () => ({ token: `t${++fetched}`, expiresOnTimestamp: now + 60 * 60_000 }),
      { now: () => now, refreshMarginMs: 5 * 60_000 },
    );
    await cache.getToken([SCOPE]);
    now = 54 * 60_000;
    expect((await cache.getToken([SCOPE])).token).toBe('t1');
    now = 56 * 60_000;
    expect((await cache.getToken([SCOPE])).token).toBe('t2');
  });

  it('does not keep a failed request, so the next call tries again', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error('down');
      return { token: 't', expiresOnTimestamp: Date.now() + 3_600_000 };
    });
    await expect(cache.getToken([SCOPE])).rejects.toThrow('down');
    await expect(cache.getToken([SCOPE])).resolves.toMatchObject({ token: 't' });
  });

  it('drops a cached token on forceRefresh and asks the fetcher to bypass its own cache', async () => {
    const forced: boolean[] = [];
    const cache = new TokenCache(async (_scopes, { forceRefresh }) => {
      forced.push(forceRefresh);
      return { token: `t${forced.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    });
    await cache.getToken([SCOPE]);
    expect((await cache.getToken([SCOPE], { forceRefresh: true })).token).toBe('t2');
    expect((await cache.getToken([SCOPE])).token).toBe('t2');
    expect(forced).toEqual([false, true]);
  });

  it('shares one forced refresh among concurrent callers', async () => {
    let fetched = 0;
    const cache = new TokenCache(async () => ({
      token: `t${++fetched}`,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }));
    const tokens = await Promise.all([1, 2, 3].map(() => cache.getToken([SCOPE], { forceRefresh: true })));
    expect(tokens.map((t) => t.token)).toEqual(['t1', 't1', 't1']);
  });

  it('keeps the forced token when an ordinary refresh started earlier finishes later', async () => {
    let finishOrdinary: (token: { token: string; expiresOnTimestamp: number }) => void = () => undefined;
    const cache = new TokenCache((_scopes, { forceRefresh }) =>
      forceRefresh
        ? Promise.resolve({ token: 'forced', expiresOnTimestamp: Date.now() + 3_600_000 })
        : new Promise((resolve) => (finishOrdinary = resolve)),
    );
    const ordinary = cache.getToken([SCOPE]);
    await cache.getToken([SCOPE], { forceRefresh: true });
    finishOrdinary({ token: 'refused', expiresOnTimestamp: Date.now() + 3_600_000 });
    await ordinary;
    expect((await cache.getToken([SCOPE])).token).toBe('forced');
  });
});

describe('ClientCertificateCredential', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());
  const certificate = selfSignedCertificate();

  it('computes the SHA-256 thumbprint of the certificate', () => {
    const expected = createHash('sha256').update(certificate.der).digest('hex').toUpperCase();
    expect(parseCertificatePem(certificate.bundlePem).thumbprintSha256.toUpperCase()).toBe(expected);
  });

  it('names the missing private key', () => {
    expect(() => parseCertificatePem(certificate.certificatePem)).toThrow(/private key/);
  });

  it('signs a client assertion whose header carries the SHA-256 thumbprint', async () => {
    let form = '';
    const login = tokenEndpoint((body) => (form = body));
    const credential = new ClientCertificateCredential(TENANT, CLIENT, { pem: certificate.bundlePem });
    await expect(credential.getToken([SCOPE])).resolves.toMatchObject({ token: TOKEN });
    const assertion = new URLSearchParams(form).get('client_assertion') ?? '';
    const header = JSON.parse(Buffer.from(assertion.split('.')[0], 'base64url').toString('utf8'));
    const thumbprint = createHash('sha256').update(certificate.der).digest('base64url');
    expect(header['x5t#S256']).toBe(thumbprint);
    login.done();
  });
});

describe('credentialFromEnv and clientFromEnv', () => {
  const base = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT };

  it.each(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'])('names %s when it is missing', (name) => {
    const env: NodeJS.ProcessEnv = { ...base, AZURE_CLIENT_SECRET: SECRET };
    delete env[name];
    expect(() => credentialFromEnv(env)).toThrow(name);
  });

  it('names both secret variables when neither is set', () => {
    expect(() => credentialFromEnv(base)).toThrow(/AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH/);
  });

  it('uses a client secret when AZURE_CLIENT_SECRET is set', () => {
    expect(credentialFromEnv({ ...base, AZURE_CLIENT_SECRET: SECRET })).toBeInstanceOf(
      ClientSecretCredential,
    );
  });

  it('uses the certificate file named by AZURE_CLIENT_CERTIFICATE_PATH', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cert-'));
    try {
      const file = path.join(dir, 'app.pem');
      writeFileSync(file, selfSignedCertificate().bundlePem);
      expect(credentialFromEnv({ ...base, AZURE_CLIENT_CERTIFICATE_PATH: file })).toBeInstanceOf(
        ClientCertificateCredential,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every missing variable in one ConfigurationError', () => {
    const error = (() => {
      try {
        credentialFromEnv({});
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toMatch(/AZURE_TENANT_ID is not set/);
    expect(error?.message).toMatch(/AZURE_CLIENT_ID is not set/);
    expect(error?.message).toMatch(/AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH/);
  });

  it('clientFromEnv names the URL and the credential variables together', () => {
    expect(() => clientFromEnv({ AZURE_TENANT_ID: TENANT })).toThrow(
      /DATAVERSE_URL is not set[\s\S]*AZURE_CLIENT_ID is not set[\s\S]*AZURE_CLIENT_SECRET nor/,
    );
  });

  it('clientFromEnv names DATAVERSE_URL when it is missing', () => {
    expect(() => clientFromEnv({ ...base, AZURE_CLIENT_SECRET: SECRET })).toThrow('DATAVERSE_URL');
  });

  it('clientFromEnv points the client at DATAVERSE_URL', () => {
    const client = clientFromEnv({ ...base, AZURE_CLIENT_SECRET: SECRET, DATAVERSE_URL: `${FIXTURE_URL}/` });
    expect(client.apiUrl).toBe(`${FIXTURE_URL}/api/data/v9.2/`);
  });
});
