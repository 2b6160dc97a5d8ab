import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { limitsFromOptions, runEmulatorCli, type CliIo } from '../../../emulator/cli';

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

describe('emulator CLI limits', () => {
  it('throttles with 429 and Retry-After after --limit-requests requests in --limit-window', async () => {
    const io = capture();
    const emulator = await runEmulatorCli(
      ['--memory', '--port', '0', '--limit-requests', '2', '--limit-window', '60'],
      io,
    );
    try {
      const whoAmI = () => fetch(`${emulator?.apiUrl}WhoAmI`, { headers: { Authorization: 'Bearer x' } });
      const statuses = [(await whoAmI()).status, (await whoAmI()).status];
      const third = await whoAmI();
      expect([...statuses, third.status]).toEqual([200, 200, 429]);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    } finally {
      await emulator?.close();
    }
  });

  it('says on stderr which limits are on', async () => {
    const io = capture();
    const emulator = await runEmulatorCli(['--memory', '--port', '0', '--limit-concurrency', '3'], io);
    await emulator?.close();
    expect(io.err.join('\n')).toContain('3 concurrent requests');
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

  it('rejects a window that is not a positive number of seconds', async () => {
    const io = capture();
    expect(await runEmulatorCli(['--memory', '--port', '0', '--limit-window', '0'], io)).toBeUndefined();
    expect(io.err.join('\n')).toMatch(/seconds above 0/);
    expect(process.exitCode).toBe(1);
  });
});
