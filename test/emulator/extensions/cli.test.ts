/**
 * The emulator from the command line: `portal-invite emulator` (what `npm run emulator` runs),
 * driven as a user would, through the built CLI.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describeLimits, limitsFromOptions } from '../../../scripts/commands/emulator-serve';
import { CLI, ensureBuilt } from '../../scripts/helpers/build';
import { tempDir } from '../../scripts/helpers/temp-dir';
import { startScript, type LongRunning } from '../../scripts/helpers/long-running';
import { runCli } from '../../scripts/helpers/run-cli';

beforeAll(() => ensureBuilt(), 180_000);

const running: LongRunning[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

/** Starts `portal-invite emulator --memory --port 0 <args>` and waits until it listens. */
async function serve(args: string[]): Promise<{ p: LongRunning; apiUrl: string }> {
  const p = startScript(CLI, ['emulator', '--memory', '--port', '0', ...args], tempDir('emulator-cli'));
  running.push(p);
  await p.waitForOutput('Ctrl+C to stop');
  const apiUrl = /\(Web API (http:\/\/127\.0\.0\.1:\d+\/api\/data\/v9\.2\/)\)/.exec(p.output())![1];
  return { p, apiUrl };
}

const whoAmI = (apiUrl: string) => fetch(`${apiUrl}WhoAmI`, { headers: { Authorization: 'Bearer x' } });

describe('portal-invite emulator', () => {
  it('says where it listens, with the Web API root', async () => {
    const { p, apiUrl } = await serve([]);
    expect(p.output()).toMatch(/^Dataverse emulator on http:\/\/127\.0\.0\.1:\d+ \(Web API /m);
    expect(apiUrl).toMatch(/\/api\/data\/v9\.2\/$/);
  });

  it('answers Web API requests once it says it is listening', async () => {
    const { apiUrl } = await serve(['--seed']);
    expect((await whoAmI(apiUrl)).status).toBe(200);
  });

  it('accepts only the --token it was given', async () => {
    const { apiUrl } = await serve(['--token', 'only-this']);
    const answers = [
      (await whoAmI(apiUrl)).status,
      (await fetch(`${apiUrl}WhoAmI`, { headers: { Authorization: 'Bearer only-this' } })).status,
    ];
    expect(answers).toEqual([401, 200]);
  });

  it('stops cleanly on Ctrl+C', async () => {
    const { p, apiUrl } = await serve([]);
    expect(await p.stop('SIGINT')).toBe(0);
    expect(p.output()).toContain('Stopped.');
    await expect(whoAmI(apiUrl)).rejects.toThrow();
  });

  it('explains a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = await runCli(['emulator', '--memory', '--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} is already in use, so the emulator cannot start.`);
      expect(run.stderr).toContain('--port');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('rejects a port that is not a number, as bad usage', async () => {
    const run = await runCli(['emulator', '--memory', '--port', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('port number 0-65535');
  });

  it('refuses --db together with --memory, as bad usage', async () => {
    const run = await runCli(['emulator', '--memory', '--db', 'x.sqlite', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--memory.*cannot be used with.*--db/);
  });
});

describe('portal-invite emulator limits', () => {
  it('throttles with 429 and Retry-After after --limit-requests requests in --limit-window', async () => {
    const { apiUrl } = await serve(['--limit-requests', '2', '--limit-window', '60']);
    const statuses = [(await whoAmI(apiUrl)).status, (await whoAmI(apiUrl)).status];
    const third = await whoAmI(apiUrl);
    expect([...statuses, third.status]).toEqual([200, 200, 429]);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('says on stderr which limits are on', async () => {
    const { p } = await serve(['--limit-concurrency', '3']);
    expect(p.output()).toContain('Service protection limits on: 3 concurrent requests');
  });

  it('rejects a window that is not a positive number of seconds, as bad usage', async () => {
    const run = await runCli(['emulator', '--memory', '--port', '0', '--limit-window', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('seconds above 0');
  });

  it('turns every --limit-* option into the matching LimitsOptions value', () => {
    expect(
      limitsFromOptions({
        limitRequests: 10,
        limitWindow: 30,
        limitConcurrency: 4,
        limitExecutionSeconds: 90,
      }),
    ).toEqual({ maxRequests: 10, windowMs: 30_000, maxConcurrent: 4, maxExecutionTimeMs: 90_000 });
  });

  it('keeps --limits alone as the Dataverse defaults and no option as off', () => {
    expect([limitsFromOptions({ limits: true }), limitsFromOptions({})]).toEqual([true, false]);
  });

  it("describes --limits alone as Dataverse's defaults", () => {
    expect(describeLimits(true)).toBe("Dataverse's defaults");
  });
});
