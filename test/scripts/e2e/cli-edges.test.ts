/** How the CLI behaves at its edges: a closed stdout pipe, defaults that depend on where it runs. */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ensureBuilt, ROOT } from '../helpers/build';
import { seededContacts, startTestEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/run-cli';

beforeAll(() => ensureBuilt(), 180_000);

describe('a reader that closes stdout early (| head)', () => {
  it('exits 0 without an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [CLI, 'solution', 'pack', '--help'], { stdio: 'pipe' });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});

describe('solution pack without --src outside the repository', () => {
  it("packs the package's own solution/src and says so", async () => {
    const dir = tempDir('pack-elsewhere');
    const run = await runCli(['solution', 'pack', '--out', join(dir, 'out.zip')], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(join(ROOT, 'solution', 'src'));
    expect(existsSync(join(dir, 'out.zip'))).toBe(true);
  });
});

describe('invite bulk without --results', () => {
  it('writes the results file its help names', async () => {
    const help = await runCli(['invite', 'bulk', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('in.csv → in.results.csv');
    const emulator = await startTestEmulator();
    try {
      const [contact] = await seededContacts(emulator.client, 1);
      const dir = tempDir('bulk-default');
      writeFileSync(join(dir, 'in.csv'), `email\n${contact.email}\n`);
      const run = await runCli(['invite', 'bulk', '--csv', join(dir, 'in.csv'), '--url', emulator.url]);
      expect(run.code).toBe(0);
      expect(existsSync(join(dir, 'in.results.csv'))).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});
