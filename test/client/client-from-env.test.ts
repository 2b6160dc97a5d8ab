/** clientFromEnv follows the same rule as clientForUrl: DATAVERSE_TOKEN, then the loopback rule. */
import { clientFromEnv, EMULATOR_URL } from '../../sdk/client/index';
import { ConfigurationError } from '../../sdk/errors';

describe('clientFromEnv', () => {
  it('talks to the local emulator without any variable', () => {
    expect(clientFromEnv({}).url).toBe(EMULATOR_URL);
  });

  it('sends DATAVERSE_TOKEN to DATAVERSE_URL without AZURE_* variables', async () => {
    const client = clientFromEnv({
      DATAVERSE_URL: 'https://contoso.crm.dynamics.com',
      DATAVERSE_TOKEN: 'tok',
    });
    expect(client.url).toBe('https://contoso.crm.dynamics.com');
  });

  it('names DATAVERSE_URL and every missing AZURE_* variable at once', () => {
    expect(() => clientFromEnv({ AZURE_TENANT_ID: 't' })).toThrow(
      /DATAVERSE_URL is not set[\s\S]*AZURE_CLIENT_ID is not set[\s\S]*neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH/i,
    );
  });

  it('raises a ConfigurationError for missing variables', () => {
    expect(() => clientFromEnv({ DATAVERSE_URL: 'https://contoso.crm.dynamics.com' })).toThrow(
      ConfigurationError,
    );
  });
});
