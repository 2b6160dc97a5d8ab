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

  it('refuses a date in the past', () => {
    expect(() => parseExpiry('2025-06-01', NOW)).toThrow('in the past');
  });
});
