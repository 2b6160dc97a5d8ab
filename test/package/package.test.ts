/**
 * The package as a user installs it: what `npm pack` ships, what the exports map lets them import,
 * that the SDK and plugin host load without the emulator's native storage engine, and that the
 * lockfile lets `npm ci` install on any platform.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION, PACKAGE_NAME } from '../../sdk/version';
import { ensureBuilt, CLI, ROOT } from '../scripts/helpers/build';

const WITHOUT_SQLITE = join(__dirname, 'support', 'without-sqlite.js');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

function node(args: string[]) {
  return spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
}

beforeAll(() => ensureBuilt(), 120_000);

describe('version', () => {
  it('is the same in package.json, the SDK and portal-invite --version', () => {
    expect(manifest.name).toBe(PACKAGE_NAME);
    expect(VERSION).toBe(manifest.version);
    const run = node([CLI, '--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(manifest.version);
  });
});

describe('npm pack', () => {
  let files: string[];
  beforeAll(() => {
    const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    files = (JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  }, 60_000);

  it('ships the compiled SDK, plugins, emulator, CLI and the solution source', () => {
    for (const file of [
      'dist/sdk/index.js',
      'dist/sdk/index.d.ts',
      'dist/plugins/index.js',
      'dist/emulator/index.js',
      'dist/scripts/cli.js',
      'solution/webhook-steps.json',
      'solution/src/Other/Solution.xml',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('ships no benchmarks, tests, TypeScript sources or source maps', () => {
    expect(files.filter((f) => f.startsWith('dist/bench/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('dist/test/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('ships JavaScript that points at no source map', () => {
    const js = readFileSync(join(ROOT, 'dist', 'sdk', 'index.js'), 'utf8');
    expect(js).not.toContain('sourceMappingURL');
  });
});

describe('exports map', () => {
  const resolveFromPackage = (specifier: string) =>
    node(['-e', `process.stdout.write(require.resolve(${JSON.stringify(specifier)}))`]);

  it.each([
    [PACKAGE_NAME, 'dist/sdk/index.js'],
    [`${PACKAGE_NAME}/plugins`, 'dist/plugins/index.js'],
    [`${PACKAGE_NAME}/emulator`, 'dist/emulator/index.js'],
    [`${PACKAGE_NAME}/package.json`, 'package.json'],
  ])('%s resolves to %s', (specifier, file) => {
    const run = resolveFromPackage(specifier);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(join(ROOT, file));
  });

  it.each([
    `${PACKAGE_NAME}/dist/sdk/client/index.js`,
    `${PACKAGE_NAME}/sdk/client`,
    `${PACKAGE_NAME}/scripts/cli`,
  ])('refuses the deep import %s', (specifier) => {
    const run = resolveFromPackage(specifier);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});

describe('without better-sqlite3 installed', () => {
  it('is not a dependency an SDK user must build, only an optional peer', () => {
    expect(manifest.dependencies['better-sqlite3']).toBeUndefined();
    expect(manifest.peerDependenciesMeta['better-sqlite3']).toEqual({ optional: true });
  });

  it('loads the SDK and the plugin host without asking for it', () => {
    const run = node([
      '-r',
      WITHOUT_SQLITE,
      '-e',
      `const sdk = require('${PACKAGE_NAME}'); const plugins = require('${PACKAGE_NAME}/plugins');` +
        `process.stdout.write(typeof sdk.InvitationService + ' ' + typeof plugins.startWebhookHost);`,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('function function');
    expect(run.stderr).not.toContain('refused to load');
  });

  it('runs portal-invite commands that need no emulator', () => {
    const run = node(['-r', WITHOUT_SQLITE, CLI, '--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('refused to load');
  });

  it('refuses to start the emulator with a message naming what to install', () => {
    const run = node(['-r', WITHOUT_SQLITE, CLI, 'emulator', '--memory', '--port', '0']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('better-sqlite3, which is not installed');
    expect(run.stderr).toContain('npm install better-sqlite3@^12');
  });
});

describe('package-lock.json', () => {
  interface LockEntry {
    version?: string;
    optionalDependencies?: Record<string, string>;
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };

  it('holds every optional platform package a dependency declares (npm ci refuses it otherwise)', () => {
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        // Node resolution: nested under the dependent first, then each parent's node_modules up to the root.
        const candidates: string[] = [];
        let base = where;
        for (;;) {
          candidates.push(`${base ? `${base}/` : ''}node_modules/${name}`);
          const cut = base.lastIndexOf('/node_modules/');
          if (base === '') break;
          base = cut === -1 ? '' : base.slice(0, cut);
        }
        if (!candidates.some((c) => c in lock.packages)) missing.push(`${name} (for ${where || 'the root'})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
