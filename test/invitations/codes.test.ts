import { generateInvitationCode } from '../../sdk/invitations/codes';

describe('generateInvitationCode', () => {
  it('encodes 256 random bits as 43 URL-safe base64 characters without padding', () => {
    const code = generateInvitationCode();
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(code, 'base64url')).toHaveLength(32);
  });

  it('never starts a code with "-" (a command line would read it as an option)', () => {
    const draws = [Buffer.alloc(32, 0xf8), Buffer.alloc(32, 0x41)];
    const code = generateInvitationCode(() => draws.shift()!);
    expect(Buffer.alloc(32, 0xf8).toString('base64url')).toMatch(/^-/);
    expect(code).toBe(Buffer.alloc(32, 0x41).toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('never repeats across many codes', () => {
    const codes = new Set(Array.from({ length: 10000 }, generateInvitationCode));
    expect(codes.size).toBe(10000);
  });
});
