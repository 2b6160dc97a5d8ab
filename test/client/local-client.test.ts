import {
  ClientSecretCredential,
  DataverseClient,
  EMULATOR_URL,
  StaticTokenCredential,
  clientForUrl,
  credentialForUrl,
  isLoopbackUrl,
} from '../../sdk/client';
import { startEmulatorCore } from '../../emulator/core';
import { startLocalServer } from '../support/local-server';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '51f81489-12ee-4a9e-aaae-a2591f45987d';
const ENTRA = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'fake-secret' };

describe('isLoopbackUrl', () => {
  it.each(['http://127.0.0.1:5170', 'http://127.9.8.7', 'http://localhost:8080', 'http://[::1]:5170'])(
    'is true for %s',
    (url) => expect(isLoopbackUrl(url)).toBe(true),
  );

  it.each(['https://contoso.crm.dynamics.com', 'http://localhost.contoso.com', 'http://128.0.0.1'])(
    'is false for %s',
    (url) => expect(isLoopbackUrl(url)).toBe(false),
  );
});

describe('credentialForUrl', () => {
  it('gives a loopback URL without AZURE_* variables a static token', () => {
    expect(credentialForUrl('http://localhost:5170', {})).toBeInstanceOf(StaticTokenCredential);
  });

  it('ignores AZURE_* variables that are set but blank', () => {
    expect(credentialForUrl('http://[::1]:5170', { AZURE_TENANT_ID: ' ' })).toBeInstanceOf(
      StaticTokenCredential,
    );
  });

  it('uses the AZURE_* variables for a loopback URL when they are set', () => {
    expect(credentialForUrl('http://127.0.0.1:5170', ENTRA)).toBeInstanceOf(ClientSecretCredential);
  });

  it('ignores an incomplete set of AZURE_* variables (a leftover) for a loopback URL', () => {
    expect(credentialForUrl('http://127.0.0.1:5170', { AZURE_TENANT_ID: TENANT })).toBeInstanceOf(
      StaticTokenCredential,
    );
  });

  it('names every missing variable for a remote URL with an incomplete set', () => {
    expect(() => credentialForUrl('https://contoso.crm.dynamics.com', { AZURE_TENANT_ID: TENANT })).toThrow(
      /AZURE_CLIENT_ID is not set[\s\S]*neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH/i,
    );
  });

  it('names the missing variable for a remote URL without AZURE_* variables', () => {
    expect(() => credentialForUrl('https://contoso.crm.dynamics.com', {})).toThrow(
      /AZURE_TENANT_ID is not set/,
    );
  });

  it('uses a certificate for a remote URL when AZURE_CLIENT_CERTIFICATE_PATH is the one given', () => {
    expect(() =>
      credentialForUrl('https://contoso.crm.dynamics.com', {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem',
      }),
    ).toThrow(/\/nonexistent\/cert\.pem/);
  });
});

describe('DATAVERSE_TOKEN', () => {
  const TOKEN = 'tok-from-az-cli-0a1b2c';

  it('gives a remote URL a static token without any AZURE_* variable', async () => {
    const credential = credentialForUrl('https://contoso.crm.dynamics.com', { DATAVERSE_TOKEN: TOKEN });
    expect(credential).toBeInstanceOf(StaticTokenCredential);
    await expect(credential.getToken(['https://contoso.crm.dynamics.com/.default'])).resolves.toMatchObject({
      token: TOKEN,
    });
  });

  it('wins over the AZURE_* variables', () => {
    expect(
      credentialForUrl('https://contoso.crm.dynamics.com', { ...ENTRA, DATAVERSE_TOKEN: TOKEN }),
    ).toBeInstanceOf(StaticTokenCredential);
  });

  it('is ignored when blank', () => {
    expect(
      credentialForUrl('https://contoso.crm.dynamics.com', { ...ENTRA, DATAVERSE_TOKEN: ' ' }),
    ).toBeInstanceOf(ClientSecretCredential);
  });

  it('is the token sent to a loopback server instead of the emulator token', async () => {
    const server = await startLocalServer(() => ({ status: 200, body: { UserId: 'u' } }));
    try {
      await clientForUrl(server.url, { DATAVERSE_TOKEN: TOKEN }).whoAmI();
      expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await server.close();
    }
  });

  it('lets a client through an emulator started with --token', async () => {
    const emulator = await startEmulatorCore({ port: 0, db: ':memory:', seed: true, token: TOKEN });
    try {
      await expect(clientForUrl(emulator.url, {}).whoAmI()).rejects.toMatchObject({ status: 401 });
      await expect(clientForUrl(emulator.url, { DATAVERSE_TOKEN: TOKEN }).whoAmI()).resolves.toHaveProperty(
        'UserId',
      );
    } finally {
      await emulator.close();
    }
  });
});

describe('clientForUrl', () => {
  it('defaults to the local emulator', () => {
    expect(clientForUrl(undefined, {}).url).toBe(EMULATOR_URL);
  });

  it('takes DATAVERSE_URL when no URL is given', () => {
    expect(clientForUrl(undefined, { ...ENTRA, DATAVERSE_URL: 'https://contoso.crm.dynamics.com' }).url).toBe(
      'https://contoso.crm.dynamics.com',
    );
  });

  it('prefers the URL given over DATAVERSE_URL', () => {
    expect(
      clientForUrl('http://127.0.0.1:9999', { DATAVERSE_URL: 'https://contoso.crm.dynamics.com' }).url,
    ).toBe('http://127.0.0.1:9999');
  });

  it('sends the static emulator token to a loopback server', async () => {
    const server = await startLocalServer(() => ({ status: 200, body: { UserId: 'u' } }));
    try {
      await clientForUrl(server.url, {}).whoAmI();
      expect(server.requests[0].headers.authorization).toBe('Bearer emulator');
    } finally {
      await server.close();
    }
  });

  it('uses the credential given in the options', () => {
    const credential = new StaticTokenCredential('mine');
    expect(() => clientForUrl('https://contoso.crm.dynamics.com', {}, { credential })).not.toThrow();
  });

  it('refuses plain http to a host that is not loopback', () => {
    expect(() => clientForUrl('http://contoso.crm.dynamics.com', ENTRA)).toThrow(/clear text/);
  });

  it('refuses plain http to a name that only starts with localhost', () => {
    expect(() => clientForUrl('http://localhost.contoso.com', ENTRA)).toThrow(/clear text/);
  });

  it('refuses something that is not a URL, saying what to pass', () => {
    expect(() => clientForUrl('contoso.crm.dynamics.com', ENTRA)).toThrow(
      /https:\/\/<org>\.crm\.dynamics\.com/,
    );
  });

  it('checks the URL before asking for credentials', () => {
    expect(() => clientForUrl('http://contoso.crm.dynamics.com', {})).toThrow(/clear text/);
  });
});

describe('DataverseClient URL check', () => {
  it('refuses plain http to a host that is not loopback', () => {
    expect(
      () =>
        new DataverseClient({
          url: 'http://contoso.crm.dynamics.com',
          credential: new StaticTokenCredential('t'),
        }),
    ).toThrow(/Use https:\/\/contoso\.crm\.dynamics\.com/);
  });
});
