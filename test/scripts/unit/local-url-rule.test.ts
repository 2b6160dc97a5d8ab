/** Every portal-invite command (plugins serve included) chooses credentials by the SDK's one rule for local URLs. */
import { Writable } from 'node:stream';
import { createClient, EMULATOR_URL, resolveUrl } from '../../../scripts/command';
import { Output } from '../../../scripts/output';

const LOCAL = 'http://127.0.0.1:5399';
const quiet = () =>
  new Output({ json: false, verbose: false, stdout: new Writable(), stderr: new Writable() });

describe('portal-invite client', () => {
  it('gives a local URL a static token even when unrelated AZURE_* variables are set', () => {
    expect(createClient({ url: LOCAL }, { AZURE_LOG_LEVEL: 'info' }, quiet()).url).toBe(LOCAL);
  });

  it('talks to a local DATAVERSE_URL without AZURE_* variables', () => {
    expect(createClient({}, { DATAVERSE_URL: LOCAL }, quiet()).url).toBe(LOCAL);
  });

  it('talks to the local emulator when neither --url nor DATAVERSE_URL is set', () => {
    expect(createClient({}, {}, quiet()).url).toBe(EMULATOR_URL);
  });

  it('names the missing variable for a remote URL without credentials', () => {
    expect(() => createClient({ url: 'https://contoso.crm.dynamics.com' }, {}, quiet())).toThrow(
      /AZURE_TENANT_ID/,
    );
  });

  it('still requires credentials for a remote DATAVERSE_URL', () => {
    expect(() => createClient({}, { DATAVERSE_URL: 'https://contoso.crm.dynamics.com' }, quiet())).toThrow(
      /AZURE_TENANT_ID/,
    );
  });

  it('refuses plain http to a remote host as bad usage', () => {
    expect(() => resolveUrl({ url: 'http://contoso.example.com' }, {})).toThrow(
      expect.objectContaining({ exitCode: 2, kind: 'usage' }),
    );
  });
});
