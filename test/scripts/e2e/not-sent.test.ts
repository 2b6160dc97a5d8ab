/** Commands asked to send that could not: exit 1 saying what was not sent and why, JSON kept clean. */
import { ensureBuilt } from '../helpers/build';
import { seededContacts, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';

let emulator: TestEmulator;

beforeAll(() => ensureBuilt(), 180_000);
beforeEach(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => emulator.close());

const cli = (...args: string[]) => runCli([...args, '--url', emulator.url, '--handlers', 'in-process']);

describe('invite create --type group --send', () => {
  it('exits 1 saying the invitation was created but not sent, and why', async () => {
    const run = await cli('invite', 'create', '--type', 'group', '--max', '5', '--send');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/created but NOT sent: .+/);
  });

  it('still prints the created invitation as JSON with --json', async () => {
    const run = await cli('invite', 'create', '--type', 'group', '--max', '5', '--send', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ send: [{ status: 'skipped' }] });
    const lastLine = run.stderr.trimEnd().split('\n').pop() as string;
    expect(JSON.parse(lastLine).error.message).toContain('NOT sent');
  });
});

describe('invite send of a revoked invitation', () => {
  async function revokedInvitation(): Promise<string> {
    const [contact] = await seededContacts(emulator.client, 1);
    const created = await cli('invite', 'create', '--contact', contact.email, '--json');
    const { id } = JSON.parse(created.stdout) as { id: string };
    expect((await runCli(['invite', 'revoke', id, '--url', emulator.url])).code).toBe(0);
    return id;
  }

  it('exits 1 naming the invitation and the reason it was not sent', async () => {
    const id = await revokedInvitation();
    const run = await runCli(['invite', 'send', id, '--url', emulator.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${id} skipped: the invitation is inactive`);
  });

  it('keeps the results on stdout as JSON with --json', async () => {
    const id = await revokedInvitation();
    const run = await runCli(['invite', 'send', id, '--url', emulator.url, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ id, status: 'skipped' })]);
  });
});
