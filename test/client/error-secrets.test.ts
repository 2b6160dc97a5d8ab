import http from 'node:http';
import type { AddressInfo } from 'node:net';
import util from 'node:util';
import nock from 'nock';
import {
  AuthenticationError,
  ClientSecretCredential,
  ConnectionError,
  DataverseClient,
  DataverseError,
} from '../../sdk/client';

// Distinctive values that no redaction pattern would catch on its own: if one shows up in an
// error, the error kept the raw request (or the credential), not merely an unredacted string.
const TOKEN = 'tok-LEAKCHECK-7f3a9c21';
const SECRET = 'secret-LEAKCHECK-91be44';
const BODY_VALUE = 'body-LEAKCHECK-55d0e1';

const LOGIN = 'https://login.microsoftonline.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '51f81489-12ee-4a9e-aaae-a2591f45987d';

type Answer = 'drop' | 'hold' | { status: number; body: (authorization: string) => unknown };

/** A local Dataverse stand-in: drops the socket, never answers, or answers with a status. */
async function startServer(answer: Answer, onRequest?: () => void) {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    req.resume();
    req.on('end', () => {
      onRequest?.();
      if (answer === 'drop') return req.socket.destroy();
      if (answer === 'hold') return;
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body(req.headers.authorization ?? '')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Entra ID's token endpoint: hands out TOKEN for SECRET, or refuses the secret. */
function tokenEndpoint(times: number, refuse = false): nock.Scope {
  return nock(LOGIN)
    .post(`/${TENANT}/oauth2/v2.0/token`)
    .query(true)
    .times(times)
    .reply(
      refuse ? 401 : 200,
      refuse
        ? { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' }
        : { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: TOKEN },
    );
}

function client(url: string): DataverseClient {
  return new DataverseClient({
    url,
    credential: new ClientSecretCredential(TENANT, CLIENT_ID, SECRET),
    maxAttempts: 1,
    sleep: async () => undefined,
  });
}

const echoing = (status: number) => ({
  status,
  // A careless server that echoes the caller's credentials into its error message.
  body: (authorization: string) => ({ error: { code: '0x80040220', message: `Refused ${authorization}` } }),
});

interface Scenario {
  name: string;
  expected: typeof DataverseError;
  /** False when the failure comes before any request to Dataverse. */
  reachesDataverse: boolean;
  /** Produces the error and whether the token was really sent (so the check means something). */
  run(): Promise<{ error: unknown; tokenSent: boolean }>;
}

/** How a create that fails is run: per-call timeout, abort once the server has the request, token requests expected. */
interface CreateRun {
  timeoutMs?: number;
  abortOnRequest?: boolean;
  tokenRequests?: number;
}

async function failingCreate(answer: Answer, run: CreateRun = {}) {
  const login = tokenEndpoint(run.tokenRequests ?? 1);
  const controller = new AbortController();
  const server = await startServer(answer, run.abortOnRequest ? () => controller.abort() : undefined);
  try {
    const error = await client(server.url)
      .create(
        'contacts',
        { description: BODY_VALUE },
        { signal: controller.signal, timeoutMs: run.timeoutMs },
      )
      .catch((e: unknown) => e);
    login.done();
    return { error, tokenSent: server.authorizations.includes(`Bearer ${TOKEN}`) };
  } finally {
    await server.close();
  }
}

const scenarios: Scenario[] = [
  {
    name: 'a dropped connection',
    expected: ConnectionError,
    reachesDataverse: true,
    run: () => failingCreate('drop'),
  },
  {
    name: 'a timeout',
    expected: ConnectionError,
    reachesDataverse: true,
    run: () => failingCreate('hold', { timeoutMs: 50 }),
  },
  {
    name: 'an abort',
    expected: ConnectionError,
    reachesDataverse: true,
    run: () => failingCreate('hold', { abortOnRequest: true }),
  },
  // A 401 is answered by one forced token refresh and one replay, hence two token requests.
  {
    name: 'a 401',
    expected: AuthenticationError,
    reachesDataverse: true,
    run: () => failingCreate(echoing(401), { tokenRequests: 2 }),
  },
  { name: 'a 500', expected: DataverseError, reachesDataverse: true, run: () => failingCreate(echoing(500)) },
  {
    name: 'Entra ID refusing the secret',
    expected: AuthenticationError,
    reachesDataverse: false,
    run: async () => {
      const login = tokenEndpoint(1, true);
      const error = await client('https://contoso.crm.dynamics.com')
        .whoAmI()
        .catch((e: unknown) => e);
      login.done();
      return { error, tokenSent: false };
    },
  },
];

const renderings: [string, (error: Error) => string | undefined][] = [
  ['util.inspect', (error) => util.inspect(error, { depth: 10 })],
  ['util.inspect with hidden properties', (error) => util.inspect(error, { depth: 10, showHidden: true })],
  ['JSON.stringify', (error) => JSON.stringify(error)],
  ['String', (error) => String(error)],
  ['the stack', (error) => error.stack],
  ['the cause', (error) => util.inspect(error.cause, { depth: 10, showHidden: true })],
];

describe.each(scenarios)('the error for $name', ({ expected, run, reachesDataverse }) => {
  let result: { error: unknown; tokenSent: boolean };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    result = await run();
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it(`is an instance of ${expected.name}`, () => {
    expect(result.error).toBeInstanceOf(expected);
  });

  if (reachesDataverse) {
    it('follows a request that really carried the token', () => {
      expect(result.tokenSent).toBe(true);
    });
  }

  it.each(renderings)('shows neither the token, the secret nor the body through %s', (_label, render) => {
    const text = render(result.error as Error) ?? '';
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(BODY_VALUE);
  });
});
