/**
 * How the command line reports each kind of error: the message, the hint and the exit code, chosen
 * by class and kind (and Dataverse status and code), never by the error's name or wording.
 */
import { EmulatorStorageUnavailableError } from '../../../emulator/store/sqlite-driver';
import { PipelineLoopError, PluginError } from '../../../plugins/pipeline/plugin-error';
import {
  AuthenticationError,
  ConcurrencyError,
  ConnectionError,
  DataverseError,
  ErrorCodes,
  NotFoundError,
  ThrottledError,
  type DataverseErrorInit,
} from '../../../sdk/client/errors';
import type { WorkflowRecord } from '../../../sdk/entities/index';
import {
  ConfigurationError,
  ErrorKind,
  InvalidArgumentError,
  PortalInvitationsError,
} from '../../../sdk/errors';
import { InvitationError } from '../../../sdk/invitations/index';
import { SolutionFileError } from '../../../sdk/solutions/index';
import { ExecutionContextFormatError } from '../../../sdk/webhooks/errors';
import { WorkflowDefinitionError, WorkflowPatchError, XamlError } from '../../../sdk/workflows/index';
import { describeError } from '../../../scripts/error-report';
import { CliError, UsageError } from '../../../scripts/errors';

const REMOTE = 'https://contoso.crm.dynamics.com';
const LOCAL = 'http://127.0.0.1:5170';

/** The init of a Dataverse error whose request went to `origin`. */
function sentTo(origin: string, init: Partial<DataverseErrorInit> = {}): DataverseErrorInit {
  return {
    status: 0,
    request: { method: 'GET', url: `${origin}/api/data/v9.2/adx_invitations`, headers: {} },
    ...init,
  };
}

describe("describeError: the command line's own errors", () => {
  it('reports a usage error with exit code 2 and a pointer to --help', () => {
    expect(describeError(new UsageError('--max must be a number'))).toEqual({
      kind: 'usage',
      message: '--max must be a number',
      hint: 'Run the command with --help for its options and examples.',
      exitCode: 2,
    });
  });

  it('reports a command error with its message and hint and exit code 1', () => {
    expect(describeError(new CliError('3 rows failed', 'see results.csv'))).toEqual({
      kind: 'command',
      message: '3 rows failed',
      hint: 'see results.csv',
      exitCode: 1,
    });
  });

  it('makes CliError and UsageError part of the one error root', () => {
    expect([new CliError('x'), new UsageError('y')].map((e) => e instanceof PortalInvitationsError)).toEqual([
      true,
      true,
    ]);
  });
});

describe('describeError: Dataverse errors', () => {
  it('shows the Dataverse error code and status of a plain Dataverse error', () => {
    const error = new DataverseError('Bad value.', { status: 400, code: ErrorCodes.InvalidArgument });
    expect(describeError(error)).toMatchObject({
      kind: 'dataverse',
      message: `Dataverse error ${ErrorCodes.InvalidArgument} (HTTP 400): Bad value.`,
      exitCode: 1,
      details: { status: 400, code: ErrorCodes.InvalidArgument },
    });
  });

  it('tells how to deactivate the workflow when Dataverse refuses to update an activated one', () => {
    const error = new DataverseError('Cannot update.', {
      status: 400,
      code: ErrorCodes.PublishedWorkflowUpdate,
    });
    expect(describeError(error).hint).toContain('portal-invite workflow deactivate');
  });

  it('quotes the request id when the server failed', () => {
    const error = new DataverseError('Oops.', { status: 500, requestId: 'req-42' });
    expect(describeError(error).hint).toContain('request id req-42');
  });

  it('tells how to start the emulator when nothing answers at a loopback URL', () => {
    const report = describeError(new ConnectionError('no response', sentTo(LOCAL)));
    expect(report).toMatchObject({ kind: 'connection', exitCode: 1 });
    expect(report.hint).toContain('`npm start` or `portal-invite emulator`');
    expect(report.hint).toContain(LOCAL);
  });

  it('never suggests the emulator when a real org does not answer, but the URL and network', () => {
    const report = describeError(new ConnectionError('no response', sentTo(REMOTE)));
    expect(report.hint).toContain(`No answer from ${REMOTE}`);
    expect(report.hint).toContain('network');
    expect(report.hint).not.toMatch(/npm start|portal-invite emulator/);
  });

  it('takes the target from the command when the error carries no request', () => {
    const report = describeError(new ConnectionError('no response', { status: 0 }), { url: REMOTE });
    expect(report.hint).not.toMatch(/npm start|portal-invite emulator/);
  });

  it('says signing in failed, not Dataverse, when no token could be fetched for a real org offline', () => {
    const report = describeError(
      new ConnectionError('Could not reach the Entra ID authority', { status: 0 }),
      {
        url: REMOTE,
      },
    );
    expect(report.message).toMatch(/^Signing in failed: /);
    expect(report.hint).toContain('proxy');
    expect(report.hint).not.toMatch(/npm start|portal-invite emulator|No answer from/);
  });

  it('never suggests npm start when the target is unknown', () => {
    const report = describeError(new ConnectionError('no response', { status: 0 }));
    expect(report.hint).not.toMatch(/npm start/);
  });

  it('names the AZURE_* variables when a real org refuses the credentials', () => {
    const report = describeError(new AuthenticationError('401', sentTo(REMOTE, { status: 401 })));
    expect(report).toMatchObject({ kind: 'authentication', exitCode: 1 });
    expect(report.hint).toContain('AZURE_TENANT_ID');
  });

  it('points at DATAVERSE_TOKEN when the emulator refuses the token', () => {
    const report = describeError(new AuthenticationError('401', sentTo(LOCAL, { status: 401 })));
    expect(report.hint).toContain('--token');
    expect(report.hint).toContain('DATAVERSE_TOKEN');
    expect(report.hint).not.toContain('AZURE_TENANT_ID');
  });

  it('asks for a security role when the caller lacks privileges', () => {
    const report = describeError(new AuthenticationError('403', sentTo(REMOTE, { status: 403 })));
    expect(report.hint).toContain('security role');
  });

  it('says to check the id or name given for a row that does not exist', () => {
    const error = new NotFoundError('gone', { status: 404, code: ErrorCodes.NotFound });
    expect(describeError(error)).toMatchObject({ kind: 'not_found', exitCode: 1 });
    expect(describeError(error).hint).toContain('Check the id or name');
  });

  it('says how long to wait when throttled', () => {
    const error = new ThrottledError('slow down', { status: 429, retryAfterMs: 30_000 });
    expect(describeError(error)).toMatchObject({ kind: 'throttled', exitCode: 1 });
    expect(describeError(error).hint).toContain('wait 30 s');
  });

  it('tells a duplicate key from a row changed under the command', () => {
    const duplicate = new ConcurrencyError('dup', { status: 412, code: ErrorCodes.DuplicateRecord });
    const changed = new ConcurrencyError('changed', {
      status: 412,
      code: ErrorCodes.ConcurrencyVersionMismatch,
    });
    expect([describeError(duplicate).hint, describeError(changed).hint]).toEqual([
      expect.stringContaining('already exists'),
      expect.stringContaining('run it again'),
    ]);
  });
});

describe('describeError: domain errors', () => {
  it('reports a refused invitation with its reason and what to do', () => {
    expect(describeError(new InvitationError('expired', 'The invitation expired.'))).toMatchObject({
      kind: 'invitation',
      message: 'The invitation expired.',
      hint: expect.stringContaining('--expires'),
      exitCode: 1,
      details: { reason: 'expired' },
    });
  });

  it('reports an invitation the rules refuse for its values as a failure saying nothing was written', () => {
    expect(describeError(new InvitationError('invalid', 'Unknown contact: "x".'))).toMatchObject({
      exitCode: 1,
      hint: expect.stringContaining('Nothing was written'),
    });
  });

  it('points at --name when the workflow definition is missing, listing what was found', () => {
    const found = { id: 'w1', name: 'Send Invitation' } as WorkflowRecord;
    const report = describeError(
      new WorkflowDefinitionError('2 definitions are named "Send Invitation".', [found]),
    );
    expect(report).toMatchObject({
      kind: 'workflow_definition',
      exitCode: 1,
      details: { candidates: [{ id: 'w1' }] },
    });
    expect(report.hint).toContain('--name');
  });

  it('says whether a failed workflow patch was rolled back and where the backup is', () => {
    const error = new WorkflowPatchError('Changing workflow failed at "update definition": HTTP 500.', {
      step: 'update definition',
      rolledBack: true,
      backupFile: '.backups/send-invitation.json',
    });
    expect(describeError(error)).toMatchObject({
      kind: 'workflow_patch',
      exitCode: 1,
      hint: 'Rolled back: the workflow has its original definition and state. Backup: .backups/send-invitation.json',
      details: { step: 'update definition', rolledBack: true },
    });
  });

  it('says how to restore a patch that was not rolled back', () => {
    const error = new WorkflowPatchError('failed', { step: 'activate', rolledBack: false });
    expect(describeError(error).hint).toContain(
      'NOT rolled back: restore it with `portal-invite workflow restore',
    );
  });

  it('treats a template mistake as bad usage, listing the supported placeholders', () => {
    const report = describeError(new XamlError('Unknown placeholder {foo}.', { problem: 'template' }));
    expect(report).toMatchObject({ kind: 'xaml', exitCode: 2 });
    expect(report.hint).toContain('Supported placeholders: {code}');
  });

  it('keeps a definition without an e-mail step a failure pointing at the step, whatever its wording', () => {
    const report = describeError(
      new XamlError('Unknown placeholder-ish wording.', { problem: 'definition' }),
    );
    expect(report).toMatchObject({ kind: 'xaml', exitCode: 1 });
    expect(report.hint).toContain('Create Email or Send Email');
  });

  it('says what a usable solution zip is', () => {
    expect(describeError(new SolutionFileError('not a zip'))).toMatchObject({
      kind: 'solution_file',
      exitCode: 1,
      hint: expect.stringContaining('solution pack'),
    });
  });

  it('reports a malformed execution context as a failure', () => {
    expect(describeError(new ExecutionContextFormatError('Target', 'missing'))).toMatchObject({
      kind: 'execution_context',
      exitCode: 1,
      hint: expect.stringContaining('RemoteExecutionContext'),
    });
  });

  it("shows a step's refusal as its own message", () => {
    expect(describeError(new PluginError('The e-mail is missing.'))).toMatchObject({
      kind: 'plugin',
      message: 'The e-mail is missing.',
      exitCode: 1,
    });
  });

  it('points at the registered steps when they run in a loop', () => {
    expect(describeError(new PipelineLoopError(9, 8))).toMatchObject({
      kind: 'pipeline_loop',
      exitCode: 1,
      hint: expect.stringContaining('steps registered'),
    });
  });
});

describe('describeError: settings, arguments and the environment', () => {
  it('reports missing settings as a failure pointing at the environment variables', () => {
    expect(describeError(new ConfigurationError('AZURE_TENANT_ID is not set.'))).toMatchObject({
      kind: 'configuration',
      exitCode: 1,
      hint: expect.stringContaining('environment variables'),
    });
  });

  it('reports a value the SDK cannot accept as bad usage', () => {
    expect(describeError(new InvalidArgumentError('contactId', 'not a GUID'))).toMatchObject({
      kind: 'invalid_argument',
      exitCode: 2,
    });
  });

  it('reports a missing emulator storage engine with its own message, saying the rest works', () => {
    const report = describeError(new EmulatorStorageUnavailableError('npm install better-sqlite3@^12'));
    expect(report).toMatchObject({
      kind: 'emulator_storage',
      message: 'npm install better-sqlite3@^12',
      exitCode: 1,
    });
    expect(report.hint).toContain('every other portal-invite command');
  });

  it('recognises a file error by its Node.js code', () => {
    const error = Object.assign(new Error("ENOENT: no such file or directory, open 'in.csv'"), {
      code: 'ENOENT',
    });
    expect(describeError(error)).toEqual({
      kind: 'ENOENT',
      message: error.message,
      hint: 'Check the file path and its permissions.',
      exitCode: 1,
    });
  });

  it('does not take an error named like an SDK error for one', () => {
    const impostor = Object.assign(new Error('expired'), { name: 'InvitationError', reason: 'expired' });
    expect(describeError(impostor)).toEqual({ message: 'expired', exitCode: 1 });
  });

  it('reports anything else thrown as a failure with its text', () => {
    expect(describeError('boom')).toEqual({ message: 'boom', exitCode: 1 });
  });

  it.each(Object.values(ErrorKind))('maps every kind, even from an unexpected class: %s', (kind) => {
    const report = describeError(new PortalInvitationsError(kind, 'something'));
    expect(report.kind).toBe(kind);
    expect([1, 2]).toContain(report.exitCode);
    expect(report.message).toContain('something');
  });
});
