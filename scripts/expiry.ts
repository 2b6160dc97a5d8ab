/**
 * Parses expiry options: an ISO date (`2026-12-31`, `2026-12-31T18:00:00Z`) or a duration from now
 * (`30d`, `12h`, `2w`, `90m`).
 */
import { UsageError } from './errors';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Returns the expiry as a Date.
 * @param value what the user typed
 * @param now injected clock (ms since epoch)
 * @throws UsageError when the value is neither a date nor a duration, or lies in the past
 */
export function parseExpiry(value: string, now: number = Date.now()): Date {
  const trimmed = value.trim();
  const duration = /^(\d+)\s*([mhdw])$/i.exec(trimmed);
  let date: Date;
  if (duration) {
    date = new Date(now + Number(duration[1]) * UNIT_MS[duration[2].toLowerCase()]);
  } else if (/^\d{4}-\d{2}-\d{2}/.test(trimmed) && !Number.isNaN(Date.parse(trimmed))) {
    date = new Date(trimmed);
  } else {
    throw new UsageError(
      `"${value}" is not an expiry.`,
      'Give an ISO date such as 2026-12-31 (or 2026-12-31T18:00:00Z) or a duration such as 30d, 12h, 2w.',
    );
  }
  if (date.getTime() <= now) {
    throw new UsageError(
      `The expiry ${date.toISOString()} is in the past.`,
      'Give a future date or a duration like 30d.',
    );
  }
  return date;
}
