/**
 * withFixture: HTTP fixtures through nock.back. Replays test/fixtures/<name>.json unless
 * NOCK_BACK_MODE=record; CI sets NOCK_BACK_MODE=lockdown (no network at all). Recording (mode
 * `record`, or the default `dryrun` with no file yet) runs against a live server from
 * options.startServer() and scrubs the definitions before writing them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { canonicalBody, scrubDefinitions } from './scrub';
import { redactText } from '../../sdk/client/redact';

/** The environment URL fixtures are written for and replayed at. */
export const FIXTURE_URL = 'https://contoso.crm.dynamics.com';

/** Where fixture files live. */
export const FIXTURES_DIR = path.resolve(__dirname, '..', 'fixtures');

/** A live server to record against. */
export interface LiveServer {
  url: string;
  close(): Promise<void>;
}

/** Options of {@link withFixture}. */
export interface FixtureOptions {
  /** Starts the server to record against (e.g. the emulator); needed only when recording. */
  startServer?: () => Promise<LiveServer>;
  /** Do not record or match request bodies (requests that carry random ids or codes). */
  ignoreBodies?: boolean;
  /**
   * Record and match request bodies with the random `$batch` boundaries fixed: recording writes
   * `batch_boundary-1` etc. for them (in bodies and headers), replay compares each multipart body
   * after the same rewrite (and redaction). JSON bodies are matched as recorded. Inputs must
   * carry fixed ids, codes and clocks, and e-mail addresses in documentation domains.
   */
  normaliseBodies?: boolean;
  /** Directory holding the fixture files; default test/fixtures (the recorder's own test uses a temp dir). */
  fixturesDir?: string;
  /**
   * Fixed, fake test inputs that look like secrets (an invitation code the test chose): kept
   * verbatim when recording and when matching, so a fresh recording replays without hand edits.
   * Everything else secret-looking is redacted on both sides alike, paths included.
   */
  keep?: readonly string[];
}

/** The fixture mode from NOCK_BACK_MODE: `lockdown`, `record` or `dryrun` (the default). */
export function fixtureMode(env: NodeJS.ProcessEnv = process.env): 'lockdown' | 'record' | 'dryrun' {
  const mode = env.NOCK_BACK_MODE ?? 'dryrun';
  if (mode === 'lockdown' || mode === 'record' || mode === 'dryrun') return mode;
  if (mode === 'update') return 'record';
  throw new Error(`NOCK_BACK_MODE=${mode} is not supported; use lockdown, record or dryrun.`);
}

/** Path of the fixture file for a name such as `client/create`. */
export function fixturePath(name: string, fixturesDir = FIXTURES_DIR): string {
  return path.join(fixturesDir, `${name}.json`);
}

/** True when a request body (as nock passes it) matches a recorded multipart body with fixed boundaries. */
export function matchesRecordedBody(
  recorded: string,
  actual: unknown,
  keep: readonly string[] = [],
): boolean {
  return typeof actual === 'string' && canonicalBody(actual, keep) === recorded;
}

// nock calls a function body with the request body; multipart bodies reach it as text.
function matchCanonicalBody(definition: nock.Definition, keep: readonly string[]): void {
  const recorded = definition.body;
  if (typeof recorded !== 'string') return;
  (definition as { body?: unknown }).body = (actual: unknown) => matchesRecordedBody(recorded, actual, keep);
}

// The recorder passed every path through redact(); redacting the live path the same way lets a
// recorded `$filter` on a secret-looking column match.
function matchRedactedPath(definition: nock.Definition, keep: readonly string[]): void {
  (definition as { filteringPath?: (path: string) => string }).filteringPath = (path: string) =>
    redactText(path, { keep });
}

function finish(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

/**
 * Runs `fn` with its HTTP replayed from (or recorded to) the named fixture; `fn` gets the URL to use.
 * Starting a fixture clears other nock interceptors, so define any extra ones inside `fn`. On replay,
 * every recorded request must have been made (like `scope.done()`).
 */
export async function withFixture<T>(
  name: string,
  fn: (url: string) => Promise<T>,
  options: FixtureOptions = {},
): Promise<T> {
  const file = fixturePath(name, options.fixturesDir);
  const mode = fixtureMode();
  const exists = existsSync(file);
  nock.back.fixtures = options.fixturesDir ?? FIXTURES_DIR;
  if (mode === 'record' || (mode === 'dryrun' && !exists)) return record(name, fn, options);
  if (!exists) {
    throw new Error(
      `Fixture ${file} does not exist; record it with NOCK_BACK_MODE=record (needs options.startServer).`,
    );
  }
  nock.back.setMode('lockdown');
  const dropBody = (definition: nock.Definition): void => {
    delete definition.body;
  };
  const { nockDone, context } = await nock.back(`${name}.json`, {
    before: (definition) => {
      const keep = options.keep ?? [];
      matchRedactedPath(definition, keep);
      if (options.ignoreBodies) dropBody(definition);
      else if (options.normaliseBodies) matchCanonicalBody(definition, keep);
    },
  });
  try {
    const result = await fn(FIXTURE_URL);
    context.assertScopesFinished();
    return result;
  } finally {
    nockDone();
    finish();
  }
}

async function record<T>(name: string, fn: (url: string) => Promise<T>, options: FixtureOptions): Promise<T> {
  if (!options.startServer) {
    throw new Error(
      `Fixture "${name}" must be recorded but no server was given: pass options.startServer (e.g. the emulator), or add the file by hand.`,
    );
  }
  const server = await options.startServer();
  nock.back.setMode('update');
  // nock.back disables the network while recording; the recorder must still reach the live server.
  const { nockDone } = await nock.back(`${name}.json`, {
    afterRecord: (definitions) =>
      scrubDefinitions(definitions, {
        liveUrl: server.url,
        fixtureUrl: FIXTURE_URL,
        ignoreBodies: options.ignoreBodies,
        normaliseBodies: options.normaliseBodies,
        keep: options.keep,
      }) as nock.Definition[],
  });
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  try {
    return await fn(server.url);
  } finally {
    nockDone();
    finish();
    await server.close();
  }
}
