import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { send, startTestEmulator } from './helpers';

function startChild(dbFile: string): Promise<{ child: ChildProcess; apiUrl: string }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'support/ts-register.js'),
      path.join(__dirname, 'support/child-emulator.ts'),
      dbFile,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, apiUrl: line.trim() });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
}

describe('emulator core: durability', () => {
  test('a SIGKILLed emulator restarts with every committed row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-kill-'));
    const dbFile = path.join(dir, 'store.db');
    const { child, apiUrl } = await startChild(dbFile);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await send(apiUrl, 'POST', 'contacts', { body: { lastname: `Durable${i}` } });
      expect(res.status).toBe(204);
      ids.push(/\(([0-9a-f-]{36})\)$/.exec(res.headers.get('odata-entityid') ?? '')?.[1] as string);
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const reopened = await startTestEmulator({ db: dbFile });
    try {
      for (const id of ids) expect(reopened.core.ops.retrieve('contact', id)).toBeDefined();
      expect(reopened.core.ops.find('systemuser')).toHaveLength(1);
    } finally {
      await reopened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
