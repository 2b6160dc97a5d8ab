import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../helpers/build';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

const SRC = join(ROOT, 'solution', 'src');

beforeAll(() => ensureBuilt(), 180_000);

describe('solution pack and unpack', () => {
  it('packs solution/src and unpacks it back to the same workflow files', async () => {
    const dir = tempDir('solution');
    const zip = join(dir, 'PortalInvitations.zip');
    expect((await runCli(['solution', 'pack', '--src', SRC, '--out', zip])).code).toBe(0);
    expect((await runCli(['solution', 'unpack', '--zip', zip, '--out', join(dir, 'src')])).code).toBe(0);
    for (const file of readdirSync(join(SRC, 'Workflows'))) {
      expect(readFileSync(join(dir, 'src', 'Workflows', file), 'utf8').replace(/\s+/g, '')).toBe(
        readFileSync(join(SRC, 'Workflows', file), 'utf8').replace(/\s+/g, ''),
      );
    }
  });

  it('exits 1 naming the file when the source folder is incomplete', async () => {
    const run = await runCli([
      'solution',
      'pack',
      '--src',
      tempDir('empty'),
      '--out',
      join(tempDir('out'), 'x.zip'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Other/Solution.xml is missing');
  });
});

describe('solution import and export', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.close());

  it('imports the packed solution and exports it again', async () => {
    const dir = tempDir('solution-io');
    const zip = join(dir, 'in.zip');
    await runCli(['solution', 'pack', '--src', SRC, '--out', zip]);
    const imported = await runCli(['solution', 'import', '--zip', zip, '--url', emulator.url]);
    expect(imported.code).toBe(0);
    const name = /<UniqueName>([^<]+)<\/UniqueName>/.exec(
      readFileSync(join(SRC, 'Other', 'Solution.xml'), 'utf8'),
    )![1];
    const out = join(dir, 'out.zip');
    const exported = await runCli([
      'solution',
      'export',
      '--name',
      name,
      '--out',
      out,
      '--url',
      emulator.url,
    ]);
    expect(exported.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('imports with --async, waiting for the system job', async () => {
    const dir = tempDir('solution-async');
    const zip = join(dir, 'in.zip');
    await runCli(['solution', 'pack', '--src', SRC, '--out', zip]);
    const run = await runCli(['solution', 'import', '--zip', zip, '--async', '--url', emulator.url]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('system job');
  });
});
