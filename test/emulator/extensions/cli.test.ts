import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runEmulatorCli, type CliIo } from '../../../emulator/cli';

function capture(): CliIo & { out: string[]; err: string[]; stop?: () => Promise<void> } {
  const io = {
    out: [] as string[],
    err: [] as string[],
    stop: undefined as (() => Promise<void>) | undefined,
    stdout: (line: string) => io.out.push(line),
    stderr: (line: string) => io.err.push(line),
    onStop: (stop: () => Promise<void>) => {
      io.stop = stop;
    },
  };
  return io;
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('emulator CLI', () => {
  it('prints exactly the listening line with the Web API root', async () => {
    const io = capture();
    const emulator = await runEmulatorCli(['--memory', '--port', '0'], io);
    try {
      expect(io.out).toEqual([
        `Dataverse emulator listening on http://127.0.0.1:${emulator?.port}/api/data/v9.2/`,
      ]);
    } finally {
      await emulator?.close();
    }
  });

  it('answers Web API requests once it says it is listening', async () => {
    const io = capture();
    const emulator = await runEmulatorCli(['--memory', '--port', '0', '--seed'], io);
    try {
      const response = await fetch(`${emulator?.apiUrl}WhoAmI`, { headers: { Authorization: 'Bearer x' } });
      expect(response.status).toBe(200);
    } finally {
      await emulator?.close();
    }
  });

  it('stops cleanly when told to', async () => {
    const io = capture();
    const emulator = await runEmulatorCli(['--memory', '--port', '0'], io);
    const url = `${emulator?.apiUrl}WhoAmI`;
    await io.stop?.();
    expect(io.err).toEqual(['Dataverse emulator stopped.']);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('explains a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const io = capture();
      const emulator = await runEmulatorCli(['--memory', '--port', String(port)], io);
      expect(emulator).toBeUndefined();
      expect(io.err.join('\n')).toMatch(new RegExp(`Port ${port} on 127.0.0.1 is already in use.*--port`));
      expect(process.exitCode).toBe(1);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('rejects a port that is not a number', async () => {
    const io = capture();
    expect(await runEmulatorCli(['--memory', '--port', 'abc'], io)).toBeUndefined();
    expect(io.err.join('\n')).toMatch(/port number/);
    expect(process.exitCode).toBe(1);
  });

  it('refuses --db together with --memory', async () => {
    const io = capture();
    expect(await runEmulatorCli(['--memory', '--db', 'x.sqlite', '--port', '0'], io)).toBeUndefined();
    expect(io.err.join('\n')).toMatch(/--memory.*cannot be used with.*--db/);
    expect(process.exitCode).toBe(1);
  });
});
