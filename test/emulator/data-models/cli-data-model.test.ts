/** `portal-invite emulator --data-model`: an environment with one data model's tables, from the command line. */
import { ensureBuilt, CLI } from '../../scripts/helpers/build';
import { startScript, type LongRunning } from '../../scripts/helpers/long-running';
import { runCli } from '../../scripts/helpers/run-cli';
import { tempDir } from '../../scripts/helpers/temp-dir';

beforeAll(() => ensureBuilt(), 180_000);

const running: LongRunning[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

const get = (apiUrl: string, path: string) =>
  fetch(`${apiUrl}${path}`, { headers: { Authorization: 'Bearer x' } });

test('--data-model enhanced serves the enhanced tables and answers 404 for the standard ones', async () => {
  const p = startScript(
    CLI,
    ['emulator', '--memory', '--port', '0', '--seed', '--data-model', 'enhanced'],
    tempDir('emulator-model'),
  );
  running.push(p);
  await p.waitForOutput('Ctrl+C to stop');
  expect(p.output()).toContain("Only the enhanced data model's tables are served.");
  const apiUrl = /\(Web API (http:\/\/127\.0\.0\.1:\d+\/api\/data\/v9\.2\/)\)/.exec(p.output())![1];
  expect((await get(apiUrl, 'powerpagesites')).status).toBe(200);
  const standard = await get(apiUrl, 'adx_websites');
  expect(standard.status).toBe(404);
  expect(((await standard.json()) as { error: { message: string } }).error.message).toContain(
    "Resource not found for the segment 'adx_websites'",
  );
});

test('an unknown --data-model is bad usage, listing the choices', async () => {
  const run = await runCli(['emulator', '--memory', '--port', '0', '--data-model', 'classic']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/both, enhanced, standard/);
});
