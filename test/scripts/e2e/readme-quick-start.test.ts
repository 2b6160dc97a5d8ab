/**
 * The README's SDK example is examples/quick-start.ts, word for word; it type-checks against the
 * SDK's public types and runs as written against the emulator (as against `npm start`), importing
 * the package by its name.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { WebApiRecord } from '../../../sdk/client/types';
import { EmailTable, InvitationTable } from '../../../sdk/entities/index';
import { ensureBuilt, ROOT } from '../helpers/build';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { cleanEnv } from '../helpers/run-cli';

const EXAMPLE = join(ROOT, 'examples', 'quick-start.ts');
const TS_REGISTER = join(ROOT, 'test', 'emulator', 'core', 'support', 'ts-register.js');

beforeAll(() => ensureBuilt(), 180_000);

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', TS_REGISTER, EXAMPLE], { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the README SDK example', () => {
  it('is examples/quick-start.ts, word for word', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use the SDK'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it("type-checks against the package's public types", () => {
    const program = ts.createProgram([EXAMPLE], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      baseUrl: ROOT,
      paths: { 'dataverse-portal-invitations': ['sdk/index.ts'] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === EXAMPLE || d.file === undefined)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);

  describe('run against the emulator', () => {
    let emulator: TestEmulator;
    beforeEach(async () => {
      emulator = await startTestEmulator();
    });
    afterEach(() => emulator.close());

    it('creates, sends and redeems an invitation, and shows the second redemption refused', async () => {
      const result = await run({ DATAVERSE_URL: emulator.url });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Invitation [0-9a-f-]{36}: sent$/m);
      expect(result.stdout).toMatch(/the invitation is now redeemed$/m);
      expect(result.stdout).toContain('A second redemption is refused: already_redeemed');
      expect(result.stdout).toContain('Alice Adams');

      const id = /^Invitation ([0-9a-f-]{36})/m.exec(result.stdout)![1];
      const row = await emulator.client.retrieve<WebApiRecord>(InvitationTable.entitySet, id, {
        select: [InvitationTable.columns.redemptions],
      });
      expect(row[InvitationTable.columns.redemptions]).toBe(1);
      const emails = await emulator.client.count(EmailTable.entitySet, {
        filter: `${EmailTable.lookups.regardingInvitation.valueField} eq ${id}`,
      });
      expect(emails).toBe(1);
    });

    it('stops with the error when a call fails for another reason than a refusal', async () => {
      emulator.faults.add({
        method: 'GET',
        path: /contacts/,
        status: 400,
        code: '0x80060888',
        message: 'Injected: the query was refused.',
      });
      const result = await run({ DATAVERSE_URL: emulator.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Injected: the query was refused.');
    });
  });
});
