/**
 * An external sign-in's shape and the row id every link of it gets: derived from the pair, the
 * same however its case is written (Dataverse compares without case), different for any other pair.
 */
import { InvitationError } from '../../sdk/invitations/errors';
import {
  externalIdentityId,
  MAX_PROVIDER_LENGTH,
  MAX_SUBJECT_LENGTH,
  sameLogin,
  validateExternalLogin,
} from '../../sdk/identities/login';

const ENTRA = 'https://login.microsoftonline.com/72f988bf-0000-0000-0000-000000000000/v2.0';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvitationError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return undefined;
}

describe('the row id of a sign-in', () => {
  it('is a version-5 UUID that is the same on every call', () => {
    const id = externalIdentityId({ provider: ENTRA, subject: 'AAAAbbbb' });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(externalIdentityId({ provider: ENTRA, subject: 'AAAAbbbb' })).toBe(id);
  });

  it('does not depend on case, as Dataverse string comparison does not', () => {
    expect(externalIdentityId({ provider: ENTRA.toUpperCase(), subject: 'aaaaBBBB' })).toBe(
      externalIdentityId({ provider: ENTRA, subject: 'AAAAbbbb' }),
    );
  });

  it('differs for another subject, another provider, and a pair whose split differs', () => {
    const ids = new Set([
      externalIdentityId({ provider: ENTRA, subject: 'one' }),
      externalIdentityId({ provider: ENTRA, subject: 'two' }),
      externalIdentityId({ provider: 'https://contoso.b2clogin.com/tfp/x/B2C_1_susi/v2.0', subject: 'one' }),
      externalIdentityId({ provider: 'ab', subject: 'c' }),
      externalIdentityId({ provider: 'a', subject: 'bc' }),
    ]);
    expect(ids.size).toBe(5);
  });

  it('treats sign-ins differing only in case as the same sign-in', () => {
    expect(
      sameLogin({ provider: ENTRA, subject: 'Xy' }, { provider: ENTRA.toUpperCase(), subject: 'xY' }),
    ).toBe(true);
    expect(sameLogin({ provider: ENTRA, subject: 'Xy' }, { provider: ENTRA, subject: 'Xz' })).toBe(false);
  });
});

describe('what a sign-in must look like', () => {
  it('accepts a provider URL and a subject', () => {
    expect(reasonOf(() => validateExternalLogin({ provider: ENTRA, subject: 'k3-z_9' }))).toBeUndefined();
  });

  it.each([
    ['a blank provider', { provider: '  ', subject: 's' }, /provider is blank/],
    ['a blank subject', { provider: ENTRA, subject: '' }, /subject is blank/],
    ['a subject with surrounding spaces', { provider: ENTRA, subject: ' s ' }, /whitespace/],
    ['a subject with a newline', { provider: ENTRA, subject: 'a\nb' }, /control characters/],
    [
      'a subject longer than adx_username',
      { provider: ENTRA, subject: 'x'.repeat(MAX_SUBJECT_LENGTH + 1) },
      /at most 100/,
    ],
    [
      'a provider longer than adx_identityprovidername',
      { provider: 'x'.repeat(MAX_PROVIDER_LENGTH + 1), subject: 's' },
      /at most 400/,
    ],
  ])('refuses %s as invalid', (_what, login, message) => {
    const refusal = reasonOf(() => validateExternalLogin(login));
    expect(refusal).toMatch(/^invalid: /);
    expect(refusal).toMatch(message);
  });
});
