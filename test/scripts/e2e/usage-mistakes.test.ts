/** Mistakes on the command line exit 2 with a hint naming the mistake, before any request is sent. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/build';
import { tempDir } from '../helpers/temp-dir';
import { runCli } from '../helpers/run-cli';

// Nothing listens on port 9: a command that got as far as sending a request would exit 1.
const NOWHERE = ['--url', 'http://127.0.0.1:9'];

beforeAll(() => ensureBuilt(), 180_000);

function bodyFile(html: string): string {
  const file = join(tempDir('template'), 'invite.html');
  writeFileSync(file, html);
  return file;
}

const patchTemplate = (subject: string, html: string, ...extra: string[]) =>
  runCli([
    'workflow',
    'patch-template',
    '--subject',
    subject,
    '--body-file',
    bodyFile(html),
    ...extra,
    ...NOWHERE,
  ]);

describe('workflow patch-template placeholders', () => {
  it('exits 2 for {redeemUrl} without --redeem-url, saying how to give one', async () => {
    const run = await patchTemplate('Your invitation', '<p><a href="{redeemUrl}">Register</a></p>');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('uses {redeemUrl} but no --redeem-url was given');
    expect(run.stderr).toContain('Supported placeholders: {code}');
  });

  it('exits 2 for an unknown placeholder, listing the supported ones', async () => {
    const run = await patchTemplate('Hello {contact.fullname}', '<p>Your code: {invitationcode}</p>');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('uses the unknown placeholder {invitationcode}');
    expect(run.stderr).toContain('{redeemUrl}');
    expect(run.stderr).not.toContain('Create Email or Send Email');
  });

  it('leaves braces that are not placeholders (CSS) alone', async () => {
    const run = await patchTemplate('Code {code}', '<style>p { color: red }</style><p>{code}</p>');
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('placeholder');
  });
});

describe('invite create', () => {
  it('exits 2 without --contact for a single invitation, naming the option', async () => {
    const run = await runCli(['invite', 'create', ...NOWHERE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--contact');
  });
});
