/** How the command line reports a sign-in that belongs to another contact (identity_in_use). */
import { InvitationError } from '../../../sdk/invitations/index';
import { describeError } from '../../../scripts/error-report';

describe('describeError: identity_in_use', () => {
  it('exits 1 saying nothing was written and how to find and unlink the sign-in', () => {
    const report = describeError(
      new InvitationError('identity_in_use', 'The sign-in s of p is linked to contact c.'),
    );
    expect(report).toMatchObject({
      kind: 'invitation',
      message: 'The sign-in s of p is linked to contact c.',
      exitCode: 1,
      details: { reason: 'identity_in_use' },
    });
    expect(report.hint).toContain('Nothing was written');
    expect(report.hint).toContain('portal-invite identities list --contact');
    expect(report.hint).toContain('portal-invite identities unlink');
  });
});
