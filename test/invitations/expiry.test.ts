import { expiredFilter, isExpired, notExpiredFilter } from '../../sdk/invitations/expiry';
import { statusFilter } from '../../sdk/invitations/queries';

const NOW = Date.parse('2026-06-01T00:00:00.000Z');

describe('the expiry rule', () => {
  it('counts an expiry equal to now as expired', () => {
    expect(isExpired(new Date(NOW), NOW)).toBe(true);
  });

  it('counts an expiry one millisecond after now as not expired', () => {
    expect(isExpired(new Date(NOW + 1), NOW)).toBe(false);
  });

  it('never expires an invitation without an expiry', () => {
    expect(isExpired(undefined, NOW)).toBe(false);
  });

  it('lists with the same boundary redemption uses', () => {
    expect(statusFilter('expired', NOW)).toContain(expiredFilter(NOW));
    expect(statusFilter('sent', NOW)).toContain(notExpiredFilter(NOW));
    expect(expiredFilter(NOW)).toBe('adx_expirydate le 2026-06-01T00:00:00.000Z');
  });
});
