/**
 * Every error the client throws belongs to the package's hierarchy: ConfigurationError for
 * settings, credentials and URLs, InvalidArgumentError for arguments, DataverseError for what
 * Dataverse answered.
 */
import nock from 'nock';
import {
  ClientSecretCredential,
  DataverseClient,
  DataverseError,
  StaticTokenCredential,
  functionUrl,
  parseCertificatePem,
} from '../../sdk/client';
import { ConfigurationError, ErrorKind, InvalidArgumentError } from '../../sdk/errors';
import { FIXTURE_URL } from '../support/fixtures';
import { testClient } from '../support/test-client';

const API = '/api/data/v9.2/';
const credential = new StaticTokenCredential('t');

describe('settings that are missing or wrong', () => {
  it.each([
    [
      'a URL that is not absolute',
      () => new DataverseClient({ url: 'contoso.crm.dynamics.com', credential }),
    ],
    [
      'plain http to another host',
      () => new DataverseClient({ url: 'http://contoso.example.com', credential }),
    ],
    ['a concurrency below 1', () => new DataverseClient({ url: FIXTURE_URL, credential, maxConcurrency: 0 })],
    ['an empty static token', () => new StaticTokenCredential('')],
    ['an empty client secret', () => new ClientSecretCredential('tenant', 'client', '')],
    ['a PEM without a certificate', () => parseCertificatePem('nothing here')],
  ])('%s is a ConfigurationError', (_label, make) => {
    expect(make).toThrow(ConfigurationError);
  });

  it('carries the configuration kind', () => {
    expect(() => new StaticTokenCredential('')).toThrow(
      expect.objectContaining({ kind: ErrorKind.Configuration }),
    );
  });
});

describe('arguments a call cannot accept', () => {
  const { client } = testClient(FIXTURE_URL);

  it.each([
    ['a page size above 5000', () => client.list('contacts', undefined, { pageSize: 5001 })],
    ['a filter key that is not a column', () => client.list('contacts', { filter: { 'a or b': 1 } })],
    ['a function parameter name that is not an identifier', () => functionUrl('F', { 'a b': 1 })],
  ])('%s is an InvalidArgumentError', (_label, make) => {
    expect(make).toThrow(InvalidArgumentError);
  });

  it('names the argument at fault', () => {
    expect(() => client.list('contacts', undefined, { pageSize: 0 })).toThrow(
      expect.objectContaining({ argument: 'pageSize' }),
    );
  });
});

describe('answers the client cannot use', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('a count without @odata.count is a DataverseError with the status', async () => {
    const scope = nock(FIXTURE_URL).get(`${API}contacts`).query(true).reply(200, { value: [] });
    await expect(client().count('contacts')).rejects.toMatchObject({ status: 200, name: 'DataverseError' });
    scope.done();
  });

  it('a create without OData-EntityId is a DataverseError that says what to do', async () => {
    const scope = nock(FIXTURE_URL).post(`${API}contacts`).reply(204);
    const error = await client()
      .create('contacts', { lastname: 'A' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseError);
    expect((error as Error).message).toMatch(/look the row up before creating it again/);
    scope.done();
  });

  it('a $batch response that is not multipart is a DataverseError', async () => {
    const scope = nock(FIXTURE_URL)
      .post(`${API}$batch`)
      .reply(200, '{}', { 'Content-Type': 'application/json' });
    await expect(client().batch([{ method: 'GET', url: 'WhoAmI()' }])).rejects.toBeInstanceOf(DataverseError);
    scope.done();
  });

  function client(): DataverseClient {
    return testClient(FIXTURE_URL).client;
  }
});
