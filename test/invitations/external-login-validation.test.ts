/** What an external-login redemption must look like before anything is read or written. */
import { InvitationError } from '../../sdk/invitations/errors';
import { MAX_NAME_LENGTH, validateExternalLoginRedemption } from '../../sdk/invitations/registration-rules';

const OK = { provider: 'https://login.microsoftonline.com/t/v2.0', subject: 'sub', email: 'ada@example.com' };

function refusal(login: Parameters<typeof validateExternalLoginRedemption>[0]): string | undefined {
  try {
    validateExternalLoginRedemption(login);
  } catch (error) {
    if (error instanceof InvitationError && error.reason === 'invalid') return error.message;
    throw error;
  }
  return undefined;
}

describe('an external-login redemption', () => {
  it('accepts a sign-in with an e-mail and names, and one without either', () => {
    expect(refusal({ ...OK, firstName: 'Ada', lastName: 'Lovelace' })).toBeUndefined();
    expect(refusal({ provider: OK.provider, subject: OK.subject })).toBeUndefined();
  });

  it('refuses an e-mail not shaped like name@example.com', () => {
    expect(refusal({ ...OK, email: 'ada@localhost' })).toMatch(/is not an e-mail address/);
  });

  it('refuses a blank first name, and a last name longer than a contact holds', () => {
    expect(refusal({ ...OK, firstName: ' ' })).toMatch(/first name is blank/);
    expect(refusal({ ...OK, lastName: 'x'.repeat(MAX_NAME_LENGTH + 1) })).toMatch(/at most 50/);
  });

  it('refuses a bad sign-in the way the identity rules do', () => {
    expect(refusal({ ...OK, subject: '' })).toMatch(/subject is blank/);
  });
});
