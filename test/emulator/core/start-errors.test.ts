/**
 * What a user of the emulator gets when it cannot start: errors of the package's own hierarchy
 * (sdk/errors), each naming the option or resource at fault and what to do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSendInvitationXaml } from '../../../emulator/seed';
import { EmulatorStartError, startEmulator, type Emulator } from '../../../emulator/index';
import { ConfigurationError, ErrorKind, InvalidArgumentError } from '../../../sdk/errors';

/** The error `start` rejects with (fails the test when it starts instead). */
async function startError(start: () => Promise<Emulator>): Promise<unknown> {
  try {
    const emulator = await start();
    await emulator.close();
  } catch (error) {
    return error;
  }
  throw new Error('the emulator started');
}

describe('startEmulator refuses options that cannot work', () => {
  it.each([
    ['port', { port: 70000 }],
    ['port', { port: 1.5 }],
    ['host', { host: '0.0.0.0' as '127.0.0.1' }],
    ['db', { db: '' }],
    ['maxBodyBytes', { maxBodyBytes: 0 }],
    ['limits.maxRequests', { limits: { maxRequests: -1 } }],
    ['limits.windowMs', { limits: { windowMs: 0 } }],
    ['webhooks.maxDepth', { webhooks: { maxDepth: 0 } }],
  ])('names %s as the argument at fault', async (argument, options) => {
    const error = await startError(() => startEmulator(options));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument, kind: ErrorKind.InvalidArgument });
  });
});

describe('startEmulator cannot start', () => {
  it('says a taken port is in use, keeping the system code', async () => {
    const first = await startEmulator({ port: 0 });
    try {
      const error = await startError(() => startEmulator({ port: first.port }));
      expect(error).toBeInstanceOf(EmulatorStartError);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({ code: 'EADDRINUSE', kind: ErrorKind.Configuration });
      expect((error as Error).message).toMatch(
        new RegExp(`Port ${first.port} on 127.0.0.1 is already in use`),
      );
    } finally {
      await first.close();
    }
  });

  it('names a database file it cannot open and how to fix it', async () => {
    const file = path.join(os.tmpdir(), `no-such-folder-${process.pid}`, 'emulator.db');
    const error = await startError(() => startEmulator({ db: file }));
    expect(error).toBeInstanceOf(EmulatorStartError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/folder exists/);
  });
});

describe('the seed', () => {
  it('reports missing sources as a ConfigurationError', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-root-'));
    try {
      expect(() => readSendInvitationXaml(root)).toThrow(ConfigurationError);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
