import { ConnectionError, DataverseError } from '../../../sdk/client/index';
import { InvitationError } from '../../../sdk/invitations/index';
import { CliError, describeError, UsageError } from '../../../scripts/errors';
import { XamlError } from '../../../sdk/workflows/index';

describe('describeError', () => {
  it('gives bad usage exit code 2 with a pointer to --help', () => {
    expect(describeError(new UsageError('--max must be a number'))).toMatchObject({
      exitCode: 2,
      hint: expect.stringContaining('--help'),
    });
  });

  it('keeps a CliError message and hint with exit code 1', () => {
    expect(describeError(new CliError('3 rows failed', 'see results.csv'))).toEqual({
      message: '3 rows failed',
      hint: 'see results.csv',
      exitCode: 1,
    });
  });

  it('shows the Dataverse error code and status', () => {
    const error = Object.assign(Object.create(DataverseError.prototype) as DataverseError, {
      message: 'Record is unavailable.',
      status: 404,
      code: '0x80040217',
    });
    expect(describeError(error).message).toBe(
      'Dataverse error 0x80040217 (HTTP 404): Record is unavailable.',
    );
  });

  it('tells how to start the emulator when nothing answers', () => {
    const error = Object.assign(Object.create(ConnectionError.prototype) as ConnectionError, {
      message: 'connect ECONNREFUSED',
      status: 0,
    });
    expect(describeError(error).hint).toContain('portal-invite emulator');
  });

  it('reports an invitation rule with its reason', () => {
    expect(describeError(new InvitationError('expired', 'The invitation expired.'))).toMatchObject({
      message: 'The invitation expired.',
      exitCode: 1,
      details: { reason: 'expired' },
    });
  });

  it('says whether a failed workflow patch was rolled back and where the backup is', () => {
    const error = Object.assign(new Error('HTTP 500'), {
      name: 'WorkflowPatchError',
      rolledBack: true,
      step: 'update definition',
      backupFile: '.backups/send-invitation.json',
    });
    const report = describeError(error);
    expect(report.message).toContain('update definition');
    expect(report.hint).toContain('Rolled back');
    expect(report.hint).toContain('.backups/send-invitation.json');
  });
});

describe('describeError for template mistakes', () => {
  it('treats an unknown placeholder as bad usage, listing the supported ones', () => {
    const report = describeError(new XamlError('Unknown placeholder {foo}. Use one of {code}.'));
    expect(report.exitCode).toBe(2);
    expect(report.hint).toContain('Supported placeholders: {code}');
  });

  it('keeps a workflow without an e-mail step a failure pointing at the step', () => {
    const report = describeError(new XamlError('The workflow has no Create Email step.'));
    expect(report.exitCode).toBe(1);
    expect(report.hint).toContain('Create Email or Send Email');
  });
});
