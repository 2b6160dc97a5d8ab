import { expiredFilter, isExpired, notExpiredFilter, portalNow } from '../../sdk/invitations/expiry';
import { statusFilter } from '../../sdk/invitations/queries';

const at = (iso: string) => Date.parse(iso);
// A user in UTC-7 who picks 1 June stores the UTC instant of their midnight (date-only, user-local).
const JUNE_1_PACIFIC = new Date('2026-06-01T07:00:00.000Z');

describe('the expiry rule, as the portal decides it', () => {
  it('compares with UTC now when the hour is less than half gone', () => {
    expect(portalNow(at('2026-06-01T06:29:59.999Z'))).toBe(at('2026-06-01T06:29:59.999Z'));
  });

  it('compares with the next full hour from minute 30 on', () => {
    expect(portalNow(at('2026-06-01T06:30:00.000Z'))).toBe(at('2026-06-01T07:00:00.000Z'));
  });

  it('still redeems at the instant the expiry holds (the portal asks for expiry >= now)', () => {
    expect(isExpired(JUNE_1_PACIFIC, at('2026-06-01T07:00:00.000Z'))).toBe(false);
  });

  it('is expired once the stored instant is before the portal now: from the start of the expiry day', () => {
    expect(isExpired(JUNE_1_PACIFIC, at('2026-06-01T07:00:00.001Z'))).toBe(true);
  });

  it('is expired half an hour early, when the portal rounds now up to the hour', () => {
    expect(isExpired(JUNE_1_PACIFIC, at('2026-06-01T06:30:00.000Z'))).toBe(false);
    expect(isExpired(new Date('2026-06-01T06:45:00.000Z'), at('2026-06-01T06:30:00.000Z'))).toBe(true);
  });

  it('never expires an invitation without an expiry', () => {
    expect(isExpired(undefined, at('2026-06-01T00:00:00Z'))).toBe(false);
  });

  it('lists with the same boundary redemption uses', () => {
    const now = at('2026-06-01T06:40:00.000Z');
    expect(statusFilter('expired', now)).toContain(expiredFilter(now));
    expect(statusFilter('sent', now)).toContain(notExpiredFilter(now));
    expect(expiredFilter(now)).toBe('adx_expirydate lt 2026-06-01T07:00:00.000Z');
    expect(notExpiredFilter(now)).toBe(
      '(adx_expirydate eq null or adx_expirydate ge 2026-06-01T07:00:00.000Z)',
    );
  });
});
