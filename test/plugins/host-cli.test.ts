import { clientFor, LOCAL_EMULATOR_URL, main } from '../../plugins/host/cli';

describe('plugins host CLI', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());

  it('starts the host with the key from PLUGIN_HOST_KEY and never prints it', async () => {
    const host = await main(['--port', '0'], { PLUGIN_HOST_KEY: 'cli-key-not-a-secret' });
    try {
      // /health now asks Dataverse (here no emulator runs); a delivery without the key proves the host is up.
      expect((await fetch(host.webhookUrl, { method: 'POST' })).status).toBe(401);
      expect(stderr.mock.calls.join('')).not.toContain('cli-key-not-a-secret');
    } finally {
      await host.close();
    }
  });

  it('refuses to start without a key', async () => {
    await expect(main(['--port', '0'], {})).rejects.toThrow(/--key <key> or set PLUGIN_HOST_KEY/);
  });

  it('refuses a port that is not a number', async () => {
    await expect(main(['--port', 'abc', '--key', 'k'], {})).rejects.toThrow(/0 to 65535/);
  });

  it('talks to the local emulator when DATAVERSE_URL is unset', () => {
    expect(clientFor({}).url).toBe(LOCAL_EMULATOR_URL);
  });
});
