import nock from 'nock';
import type { AccessToken, GetTokenOptions, TokenCredential } from '../../sdk/client';
import { FIXTURE_URL } from '../support/fixtures';
import { startLocalServer } from '../support/local-server';
import { testClient } from '../support/test-client';

const API = '/api/data/v9.2/';

/** A logger that keeps each line with its level. */
function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug: (message: string) => lines.push(`debug ${message}`),
      warn: (message: string) => lines.push(`warn ${message}`),
    },
  };
}

/** token-1 until a forced refresh, then token-2. */
class RenewingCredential implements TokenCredential {
  private generation = 1;
  async getToken(_scopes: string[], options: GetTokenOptions = {}): Promise<AccessToken> {
    if (options.forceRefresh) this.generation++;
    return { token: `token-${this.generation}`, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

describe('logging policy', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('logs each attempt of a retried request once, going out and coming back', async () => {
    const scope = nock(FIXTURE_URL).get(`${API}WhoAmI()`).reply(503, {}).get(`${API}WhoAmI()`).reply(200, {});
    const { lines, logger } = recordingLogger();
    await testClient(FIXTURE_URL, { logger }).client.whoAmI();
    scope.done();
    const traffic = lines
      .filter((line) => / [→←] /.test(line))
      .map((line) => line.replace(/ in \d+ ms$/, ''));
    expect(traffic).toEqual([
      `debug → GET ${FIXTURE_URL}${API}WhoAmI()`,
      `warn ← 503 GET ${FIXTURE_URL}${API}WhoAmI()`,
      `debug → GET ${FIXTURE_URL}${API}WhoAmI()`,
      `debug ← 200 GET ${FIXTURE_URL}${API}WhoAmI()`,
    ]);
  });

  it('shows the query of a logged URL decoded, so a filter reads as written', async () => {
    const scope = nock(FIXTURE_URL).get(`${API}contacts`).query(true).reply(200, { value: [] });
    const { lines, logger } = recordingLogger();
    const rows = testClient(FIXTURE_URL, { logger }).client.list('contacts', { filter: { lastname: 'A&B' } });
    for await (const row of rows) expect(row).toBeUndefined();
    scope.done();
    expect(lines[0]).toBe(`debug → GET ${FIXTURE_URL}${API}contacts?$filter=lastname eq 'A&B'`);
  });
});

describe('logging policy with a live server', () => {
  it('logs the replay after a 401 as an attempt of its own', async () => {
    const server = await startLocalServer((request) =>
      request.headers.authorization === 'Bearer token-1' ? { status: 401 } : { status: 200, body: {} },
    );
    try {
      const { lines, logger } = recordingLogger();
      await testClient(server.url, { logger, credential: new RenewingCredential() }).client.whoAmI();
      expect(lines.filter((line) => line.includes(' → '))).toHaveLength(2);
      expect(lines.filter((line) => line.includes(' ← '))).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

describe('throttle and retry policies together', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  // Aborted after each test, so a regression that deadlocks fails by timeout and still cleans up.
  let controller: AbortController;
  beforeEach(() => {
    controller = new AbortController();
  });
  afterEach(async () => {
    controller.abort();
    await server.close();
  });

  it('free the concurrency slot while a retry waits, so another request goes meanwhile', async () => {
    let calls = 0;
    server = await startLocalServer(() =>
      ++calls === 1 ? { status: 429, headers: { 'Retry-After': '5' } } : { status: 200, body: {} },
    );
    let endWait: () => void = () => undefined;
    let waiting: () => void = () => undefined;
    const waitStarted = new Promise<void>((resolve) => (waiting = resolve));
    const { client } = testClient(server.url, {
      maxConcurrency: 1,
      sleep: () =>
        new Promise<void>((resolve) => {
          endWait = resolve;
          waiting();
        }),
    });
    const { signal } = controller;
    const first = client.whoAmI({ signal });
    await waitStarted;
    // With the only slot held by the sleeping retry, this call could never start.
    await client.whoAmI({ signal });
    expect(server.requests).toHaveLength(2);
    endWait();
    await first;
    expect(server.requests).toHaveLength(3);
  });
});
