/** A reissued invitation's new expiry: a real calendar day (no rollover), after now. */
import { InvitationError } from '../../sdk/invitations/errors';
import { checkedExpiry } from '../../sdk/invitations/reissue-expiry';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function refused(value: Date | string): string {
  try {
    checkedExpiry(value, NOW);
  } catch (error) {
    if (error instanceof InvitationError && error.reason === 'invalid') return error.message;
    throw error;
  }
  throw new Error(`expected ${String(value)} to be refused`);
}

describe('the new expiry of a reissue', () => {
  it('accepts a date, an ISO date-time and a Date after now', () => {
    expect(checkedExpiry('2026-12-31', NOW).toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(checkedExpiry('2026-07-01T18:00:00Z', NOW).toISOString()).toBe('2026-07-01T18:00:00.000Z');
    expect(checkedExpiry(new Date(NOW + 1), NOW).getTime()).toBe(NOW + 1);
  });

  it('accepts 29 February of a leap year', () => {
    expect(checkedExpiry('2028-02-29', NOW).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it.each(['2027-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-06-31T10:00:00Z'])(
    'refuses %s, a day that does not exist, instead of rolling it over',
    (value) => {
      expect(refused(value)).toMatch(/is not a day of the calendar/);
    },
  );

  it('refuses text that is not a date', () => {
    expect(refused('next tuesday')).toMatch(/is not a date/);
  });

  it('refuses now and the past', () => {
    expect(refused(new Date(NOW))).toMatch(/not in the future/);
    expect(refused('2026-05-31')).toMatch(/not in the future/);
  });
});
