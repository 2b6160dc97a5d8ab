/** The CLI and the plugins host choose credentials by the SDK's one rule for local URLs. */
import { Writable } from 'node:stream';
import { clientFor, main } from '../../../plugins/host/cli';
import { createClient, resolveUrl } from '../../../scripts/context';
import { Output } from '../../../scripts/output';

const LOCAL = 'http://127.0.0.1:5399';
const quiet = () =>
  new Output({ json: false, verbose: false, stdout: new Writable(), stderr: new Writable() });

describe('portal-invite client', () => {
  it('gives a local URL a static token even when unrelated AZURE_* variables are set', () => {
    expect(createClient({ url: LOCAL }, { AZURE_LOG_LEVEL: 'info' }, quiet()).url).toBe(LOCAL);
  });

  it('names the missing variable for a remote URL without credentials', () => {
    expect(() => createClient({ url: 'https://contoso.crm.dynamics.com' }, {}, quiet())).toThrow(
      /AZURE_TENANT_ID/,
    );
  });

  it('refuses plain http to a remote host as bad usage', () => {
    expect(() => resolveUrl({ url: 'http://contoso.example.com' }, {})).toThrow(
      expect.objectContaining({ exitCode: 2 }),
    );
  });
});

describe('plugins host client', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());

  it('talks to a local DATAVERSE_URL without AZURE_* variables', () => {
    expect(clientFor({ DATAVERSE_URL: LOCAL }).url).toBe(LOCAL);
  });

  it('still requires credentials for a remote DATAVERSE_URL', () => {
    expect(() => clientFor({ DATAVERSE_URL: 'https://contoso.crm.dynamics.com' })).toThrow(/AZURE_TENANT_ID/);
  });

  it('takes the environment from --url', async () => {
    const host = await main(['--port', '0', '--key', 'k', '--url', LOCAL], {});
    try {
      expect(stderr.mock.calls.join('')).toContain(`for ${LOCAL}`);
    } finally {
      await host.close();
    }
  });
});
