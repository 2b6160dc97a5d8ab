import { InvitationError } from '../../sdk/invitations/errors';
import { validateRegistration } from '../../sdk/invitations/registration-rules';
import { InvitationService } from '../../sdk/invitations/service';
import { OfflineApi } from './offline-api';

const GOOD = { email: 'ann@example.com', username: 'ann', password: 'Correct-Horse-9' };

function refusal(change: Partial<typeof GOOD>): InvitationError {
  try {
    validateRegistration({ ...GOOD, ...change });
  } catch (error) {
    if (error instanceof InvitationError) return error;
    throw error;
  }
  throw new Error('expected an InvitationError');
}

describe('validateRegistration', () => {
  it('accepts a plain username, an address and an 8-character password', () => {
    expect(() => validateRegistration({ ...GOOD, password: '12345678' })).not.toThrow();
  });

  it('refuses an empty username', () => {
    expect(refusal({ username: '' })).toMatchObject({ reason: 'invalid', message: /username is blank/ });
  });

  it('refuses a whitespace-only username', () => {
    expect(refusal({ username: '   ' }).message).toMatch(/username is blank/);
  });

  it('refuses a username padded with whitespace', () => {
    expect(refusal({ username: ' ann ' }).message).toMatch(/starts or ends with whitespace/);
  });

  it('refuses a username longer than 256 characters', () => {
    expect(refusal({ username: 'a'.repeat(257) }).message).toMatch(/257 characters long; use at most 256/);
  });

  it('refuses a username with a control character', () => {
    expect(refusal({ username: 'an\nn' }).message).toMatch(/control characters/);
  });

  it.each(['not-an-address', 'ann@', '@example.com', 'ann@example', 'ann@@example.com', 'a nn@example.com'])(
    'refuses the e-mail %p',
    (email) => {
      expect(refusal({ email }).message).toMatch(/is not an e-mail address/);
    },
  );

  it('refuses an empty password without echoing it', () => {
    expect(refusal({ password: '' }).message).toMatch(/at least 8 characters/);
  });

  it('refuses a 7-character password and never puts it in the message', () => {
    const error = refusal({ password: 'Secr3t!' });
    expect(error.message).toMatch(/too short/);
    expect(error.message).not.toContain('Secr3t!');
  });
});

describe('InvitationService.redeem with an unusable registration', () => {
  it('refuses before any request (nothing read, nothing written)', async () => {
    const client = new OfflineApi();
    const error = await new InvitationService(client)
      .redeem('some-code', { registration: { ...GOOD, username: ' ' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvitationError', reason: 'invalid' });
    expect(client.calls).toEqual([]);
  });
});
