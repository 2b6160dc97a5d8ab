import { redact, redactText } from '../../sdk/client';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_DEF-123';

describe('redact', () => {
  it('replaces Authorization, Cookie and Set-Cookie values whatever their case', () => {
    expect(redact({ authorization: 'Bearer x', Cookie: 'a=b', 'set-cookie': ['c=d'] })).toEqual({
      authorization: '[REDACTED]',
      Cookie: '[REDACTED]',
      'set-cookie': '[REDACTED]',
    });
  });

  it('replaces OAuth secrets and tokens in nested objects', () => {
    expect(
      redact({
        form: {
          client_secret: 's',
          client_assertion: 'a',
          access_token: 't',
          refresh_token: 'r',
          id_token: 'i',
        },
      }),
    ).toEqual({
      form: {
        client_secret: '[REDACTED]',
        client_assertion: '[REDACTED]',
        access_token: '[REDACTED]',
        refresh_token: '[REDACTED]',
        id_token: '[REDACTED]',
      },
    });
  });

  it('removes anything that looks like a JWT from free text', () => {
    expect(redactText(`token ${JWT} here`)).toBe('token [REDACTED] here');
  });

  it('removes secrets from form-encoded text', () => {
    expect(redactText('client_id=1&client_secret=abc&scope=x')).toBe(
      'client_id=1&client_secret=[REDACTED]&scope=x',
    );
  });

  it('removes the value after a secret name in a flat raw-headers list', () => {
    expect(redact(['Content-Type', 'application/json', 'Set-Cookie', 'ARRAffinity=1'])).toEqual([
      'Content-Type',
      'application/json',
      'Set-Cookie',
      '[REDACTED]',
    ]);
  });

  it('leaves the input untouched', () => {
    const input = { authorization: 'Bearer x' };
    redact(input);
    expect(input.authorization).toBe('Bearer x');
  });
});
