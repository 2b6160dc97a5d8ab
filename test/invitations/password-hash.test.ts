import { hashPassword, verifyPassword } from '../../sdk/invitations/password-hash';

// Published vectors from ASP.NET Core Identity's own tests (PasswordHasherTest.cs): password
// "my password", salt 00 01 02 ... 0f.
const SALT = Buffer.from([...Array(16).keys()]);
const V2_VECTOR = 'AAABAgMEBQYHCAkKCwwNDg+ukCEMDf0yyQ29NYubggHIVY0sdEUfdyeM+E1LtH1uJg==';
const V3_VECTOR = 'AQAAAAEAACcQAAAAEAABAgMEBQYHCAkKCwwNDg+yWU7rLgUwPZb1Itsmra7cbxw2EFpwpVFIEtP+JIuUEw==';

describe('hashPassword', () => {
  it('produces the published ASP.NET Identity V2 hash by default', () => {
    expect(hashPassword('my password', { salt: SALT })).toBe(V2_VECTOR);
  });

  it('produces the published ASP.NET Core Identity V3 hash (HMAC-SHA256, 10000 iterations)', () => {
    expect(hashPassword('my password', { format: 'v3', salt: SALT })).toBe(V3_VECTOR);
  });

  it('uses a fresh random salt for every hash', () => {
    expect(hashPassword('same')).not.toBe(hashPassword('same'));
  });

  it('never contains the password in any form a reader could recover', () => {
    const hash = hashPassword('Sup3r-Secret!');
    expect(Buffer.from(hash, 'base64').toString('latin1')).not.toContain('Sup3r-Secret!');
  });
});

describe('verifyPassword', () => {
  it('accepts the published V2 hash with the right password', () => {
    expect(verifyPassword(V2_VECTOR, 'my password')).toBe(true);
  });

  it('accepts the published V3 hash with the right password', () => {
    expect(verifyPassword(V3_VECTOR, 'my password')).toBe(true);
  });

  it('accepts a V3 hash with SHA512, 250 iterations and a 256-bit salt (published vector)', () => {
    const hash =
      'AQAAAAIAAAD6AAAAIJbVi5wbMR+htSfFp8fTw8N8GOS/Sje+S/4YZcgBfU7EQuqv4OkVYmc4VJl9AGZzmRTxSkP7LtVi9IWyUxX8IAAfZ8v+ZfhjCcudtC1YERSqE1OEdXLW9VukPuJWBBjLuw==';
    expect(verifyPassword(hash, 'my password')).toBe(true);
  });

  it('rejects a wrong password', () => {
    expect(verifyPassword(V2_VECTOR, 'my passwore')).toBe(false);
    expect(verifyPassword(V3_VECTOR, 'my passwore')).toBe(false);
  });

  it('rejects truncated and padded hashes (published failure vectors)', () => {
    expect(verifyPassword('AAABAgMEBQYHCAkKCwwNDg+ukCEMDf0yyQ29NYubggE=', 'my password')).toBe(false);
    expect(
      verifyPassword(
        'AAABAgMEBQYHCAkKCwwNDg+ukCEMDf0yyQ29NYubggHIVY0sdEUfdyeM+E1LtH1uJgAAAAAAAAAAAAA=',
        'my password',
      ),
    ).toBe(false);
    expect(verifyPassword('AQAAAAIAAAAyAAAAEOMwvh3+FZxqkdMBz2ekgGhwQ4A=', 'my password')).toBe(false);
  });

  it('rejects an unknown format marker and an empty string', () => {
    expect(verifyPassword(Buffer.from([0x02, 1, 2, 3]).toString('base64'), 'x')).toBe(false);
    expect(verifyPassword('', 'x')).toBe(false);
  });

  it('round-trips its own V3 hashes', () => {
    expect(verifyPassword(hashPassword('p@ss', { format: 'v3' }), 'p@ss')).toBe(true);
  });
});
