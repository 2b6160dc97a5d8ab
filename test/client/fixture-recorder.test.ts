import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client';
import { FIXTURE_URL, withFixture } from '../support/fixtures';
import { startLocalServer } from '../support/local-server';

// A syntactically valid JWT that must never reach a fixture file.
const FAKE_JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('withFixture recording', () => {
  let dir: string;
  const savedMode = process.env.NOCK_BACK_MODE;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fixtures-'));
    process.env.NOCK_BACK_MODE = 'record';
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (savedMode === undefined) delete process.env.NOCK_BACK_MODE;
    else process.env.NOCK_BACK_MODE = savedMode;
  });

  async function recordOnce(): Promise<{ file: string; liveUrl: string }> {
    let liveUrl = '';
    const startServer = () =>
      startLocalServer((request) => ({
        status: 200,
        headers: { 'Set-Cookie': 'ARRAffinity=secret-cookie; path=/', 'x-ms-service-request-id': 'req-1' },
        body: {
          '@odata.context': `${liveUrl}/api/data/v9.2/$metadata#contacts/$entity`,
          contactid: '00000000-0000-0000-0000-000000000001',
          emailaddress1: 'jane.doe@realcompany.org',
          description: `token was ${request.headers.authorization}`,
          access_token: FAKE_JWT,
        },
      })).then((server) => {
        liveUrl = server.url;
        return server;
      });
    await withFixture(
      'client/recorded',
      async (url) => {
        const client = new DataverseClient({ url, credential: new StaticTokenCredential(FAKE_JWT) });
        await client.retrieve('contacts', '00000000-0000-0000-0000-000000000001');
      },
      { startServer, fixturesDir: dir },
    );
    return { file: path.join(dir, 'client', 'recorded.json'), liveUrl };
  }

  it('writes no token, cookie or real e-mail address to the fixture file', async () => {
    const { file } = await recordOnce();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(FAKE_JWT);
    expect(text).not.toContain('secret-cookie');
    expect(text).not.toContain('realcompany.org');
    expect(text).toContain('[REDACTED]');
  });

  it('replaces the live host with the fixture URL', async () => {
    const { file, liveUrl } = await recordOnce();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(new URL(liveUrl).host);
    expect(JSON.parse(text)[0].scope).toBe(FIXTURE_URL);
  });

  it('replays the scrubbed recording without the live server', async () => {
    await recordOnce();
    process.env.NOCK_BACK_MODE = 'lockdown';
    const row = await withFixture(
      'client/recorded',
      (url) =>
        new DataverseClient({ url, credential: new StaticTokenCredential('t') }).retrieve<{
          contactid: string;
        }>('contacts', '00000000-0000-0000-0000-000000000001'),
      { fixturesDir: dir },
    );
    expect(row.contactid).toBe('00000000-0000-0000-0000-000000000001');
  });

  it('with ignoreBodies drops request bodies so a replay with other random values still matches', async () => {
    const startServer = () =>
      startLocalServer(() => ({
        status: 204,
        headers: { 'OData-EntityId': 'x/contacts(00000000-0000-0000-0000-000000000009)' },
      }));
    const create = (code: string) => (url: string) =>
      new DataverseClient({ url, credential: new StaticTokenCredential('t') }).create('contacts', { code });
    await withFixture('client/ignored-bodies', create('first-random-code'), {
      startServer,
      fixturesDir: dir,
      ignoreBodies: true,
    });
    expect(readFileSync(path.join(dir, 'client', 'ignored-bodies.json'), 'utf8')).not.toContain(
      'first-random-code',
    );
    process.env.NOCK_BACK_MODE = 'lockdown';
    await expect(
      withFixture('client/ignored-bodies', create('second-random-code'), {
        fixturesDir: dir,
        ignoreBodies: true,
      }),
    ).resolves.toBe('00000000-0000-0000-0000-000000000009');
  });

  it('refuses to record without a server and says how to fix it', async () => {
    await expect(withFixture('client/nothing', async () => 1, { fixturesDir: dir })).rejects.toThrow(
      /startServer/,
    );
  });
});
