/** Every portal-invite command (plugins serve included) chooses credentials by the SDK's one rule for local URLs. */
import { Writable } from 'node:stream';
import { createClient, EMULATOR_URL, resolveUrl } from '../../../scripts/command';
import { Output } from '../../../scripts/output';

const LOCAL = 'http://127.0.0.1:5399';
const quiet = () =>
  new Output({ json: false, verbose: false, stdout: new Writable(), stderr: new Writable() });

function recording(): { out: Output; text: () => string } {
  let text = '';
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    out: new Output({ json: false, verbose: false, stdout: new Writable(), stderr }),
    text: () => text,
  };
}

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

  it('talks to the local emulator despite a leftover AZURE_TENANT_ID, and says it ignores it', () => {
    const { out, text } = recording();
    expect(createClient({ url: LOCAL }, { AZURE_TENANT_ID: 'leftover' }, out).url).toBe(LOCAL);
    expect(text()).toContain('AZURE_TENANT_ID is set but not a complete Entra ID sign-in');
  });

  it('names every missing variable for a remote URL, with a hint that fits it (no emulator)', () => {
    const error = (() => {
      try {
        createClient({ url: 'https://contoso.crm.dynamics.com' }, { AZURE_TENANT_ID: 't' }, quiet());
      } catch (e) {
        return e as { message: string; hint: string };
      }
      throw new Error('no error');
    })();
    expect(error.message).toMatch(
      /AZURE_CLIENT_ID is not set[\s\S]*neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH/i,
    );
    expect(error.hint).toContain('DATAVERSE_TOKEN');
    expect(error.hint).not.toContain('127.0.0.1');
  });

  it('refuses plain http to a remote host as bad usage', () => {
    expect(() => resolveUrl({ url: 'http://contoso.example.com' }, {})).toThrow(
      expect.objectContaining({ exitCode: 2, kind: 'usage' }),
    );
  });
});
