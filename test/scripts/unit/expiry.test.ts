import { parseExpiry } from '../../../scripts/options';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseExpiry', () => {
  it('reads a duration in days from now', () => {
    expect(parseExpiry('30d', NOW).toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  it('reads hours and weeks', () => {
    expect(parseExpiry('12h', NOW).toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(parseExpiry('2w', NOW).toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('reads an ISO date', () => {
    expect(parseExpiry('2026-12-31T18:00:00Z', NOW).toISOString()).toBe('2026-12-31T18:00:00.000Z');
  });

  it('refuses text that is neither, as a usage error', () => {
    expect(() => parseExpiry('next week', NOW)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('refuses a day the month does not have instead of rolling it over', () => {
    expect(() => parseExpiry('2027-02-30', NOW)).toThrow(
      '"2027-02-30" is not a date: month 2 of 2027 has 28 days.',
    );
  });

  it('accepts 29 February of a leap year only', () => {
    expect(parseExpiry('2028-02-29', NOW).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(() => parseExpiry('2027-02-29', NOW)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('refuses month 13 and hour 24', () => {
    expect(() => parseExpiry('2026-13-01', NOW)).toThrow('there is no month 13');
    expect(() => parseExpiry('2026-12-31T24:00:00Z', NOW)).toThrow('not a time of day');
  });

  it('refuses a date in the past', () => {
    expect(() => parseExpiry('2025-06-01', NOW)).toThrow('in the past');
  });
});
