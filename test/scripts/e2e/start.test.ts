import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { ensureBuilt, START } from '../helpers/build';
import { tempDir } from '../helpers/emulator';
import { startScript, type LongRunning } from '../helpers/long-running';

beforeAll(() => ensureBuilt(), 180_000);

describe('npm start', () => {
  const running: LongRunning[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop('SIGKILL');
  });

  async function demo(cwd: string): Promise<LongRunning> {
    const p = startScript(START, ['--port', '0', '--db', join(cwd, '.data', 'dataverse.sqlite')], cwd);
    running.push(p);
    await p.waitForOutput('Press Ctrl+C');
    return p;
  }

  it('runs the demo: e-mail, redemption, account and web roles, then the next steps', async () => {
    const p = await demo(tempDir('start'));
    expect(p.output()).toMatch(/To: +\S+@\S+/);
    expect(p.output()).toMatch(/Subject: +\S/);
    expect(p.output()).toMatch(/web roles: +\S/);
    expect(p.output()).toMatch(/invitation: +redeemed/);
    expect(p.output()).toContain('portal-invite');
    expect(p.output()).toContain('DATAVERSE_URL');
  });

  it('stops cleanly on Ctrl+C', async () => {
    const p = await demo(tempDir('start-stop'));
    expect(await p.stop('SIGINT')).toBe(0);
    expect(p.output()).toContain('Stopped.');
  });

  it('works again on the database of an earlier run, with a fresh invitation', async () => {
    const cwd = tempDir('start-rerun');
    const first = await demo(cwd);
    const firstCode = /code (\S+)/.exec(first.output())![1];
    await first.stop('SIGINT');
    const second = await demo(cwd);
    expect(second.output()).toMatch(/invitation: +redeemed/);
    expect(/code (\S+)/.exec(second.output())![1]).not.toBe(firstCode);
  });

  it('says clearly when the port is taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const cwd = tempDir('start-busy');
      const p = startScript(START, ['--port', String(port), '--db', join(cwd, 'db.sqlite')], cwd);
      running.push(p);
      expect(await p.exited).toBe(1);
      expect(p.output()).toContain(`Port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
