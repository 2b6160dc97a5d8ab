/**
 * Ctrl+C in a real terminal: `invite bulk --send` runs under a pseudo-terminal (util-linux
 * `script`), so stderr is a TTY and the progress bar hides the cursor; the test types Ctrl+C
 * (ETX), which the terminal turns into SIGINT for the CLI, as a user's keyboard would. The
 * terminal must get its cursor back, whether the CLI finishes the requests in flight or is
 * stopped at once by a second Ctrl+C.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI, ensureBuilt } from '../helpers/build';
import { createContacts, writeInviteesCsv } from '../helpers/bulk-fixtures';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { startHoldingProxy, type HoldingProxy } from '../helpers/holding-proxy';
import { cleanEnv } from '../helpers/run-cli';

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CTRL_C = '\x03';

/** `script` gives the CLI a terminal; it is part of util-linux (Debian's essential bsdutils). */
const hasScript = spawnSync('script', ['--version']).status === 0;

let emulator: TestEmulator;
let proxy: HoldingProxy;
let dir: string;
let csv: string;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
  proxy = await startHoldingProxy(emulator.url);
  dir = tempDir('bulk-terminal');
  csv = writeInviteesCsv(dir, await createContacts(emulator.client, 60));
});
afterEach(async () => {
  await proxy.close();
  await emulator.close();
});

const quoteArg = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs the bulk job in a pseudo-terminal; `keys` types into it. */
function bulkInTerminal() {
  const command = [
    process.execPath,
    CLI,
    'invite',
    'bulk',
    '--csv',
    csv,
    '--results',
    join(dir, 'results.csv'),
  ]
    .concat(['--send', '--batch-size', '10', '--url', proxy.url])
    .map(quoteArg)
    .join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', `exec ${command}`, '/dev/null'], {
    cwd: dir,
    env: cleanEnv({ TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' }),
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    screen: () => screen,
    type: (keys: string) => child.stdin.write(keys),
    exited,
    async waitFor(text: string, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!screen.includes(text)) {
        if (Date.now() > until || child.exitCode !== null)
          throw new Error(`"${text}" did not appear on the terminal. It shows:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Starts the job, holds its 16th send, and types Ctrl+C once the bar has hidden the cursor. */
async function pressCtrlCWhileSending() {
  const run = bulkInTerminal();
  const held = await proxy.hold({ method: 'POST', path: /ExecuteWorkflow/, skip: 15 });
  await run.waitFor(HIDE_CURSOR);
  run.type(CTRL_C);
  await run.waitFor('SIGINT: finishing the requests in flight');
  return { run, held };
}

/** The cursor is visible at the end: shown after it was last hidden. */
function cursorRestored(screen: string): boolean {
  return screen.lastIndexOf(SHOW_CURSOR) > screen.lastIndexOf(HIDE_CURSOR);
}

(hasScript ? describe : describe.skip)('Ctrl+C typed in a terminal during invite bulk --send', () => {
  it('hides the cursor while the bar runs, then gives it back and exits 130', async () => {
    const { run, held } = await pressCtrlCWhileSending();
    void held.forward();
    expect(await run.exited).toBe(130);
    expect(run.screen()).toMatch(/Resume with: portal-invite invite bulk .*--resume/);
    expect(cursorRestored(run.screen())).toBe(true);
  });

  it('gives the cursor back when a second Ctrl+C stops it at once', async () => {
    const { run, held } = await pressCtrlCWhileSending();
    run.type(CTRL_C);
    expect(await run.exited).toBe(130);
    held.drop();
    expect(run.screen()).toContain('SIGINT: stopped at once');
    expect(cursorRestored(run.screen())).toBe(true);
  });
});
