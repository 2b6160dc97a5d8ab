/**
 * Parsers for option values the commands share: repeatable options, whole numbers, ports, the
 * emulator's `--limit-*` values and expiries. A parser given to commander throws commander's
 * `InvalidArgumentError`, which commander reports as `option '--x <v>' argument 'y' is invalid`
 * (exit 2); {@link parseExpiry}, also used on CSV cells, throws a {@link UsageError}.
 */
import { InvalidArgumentError } from 'commander';
import { UsageError } from './errors';

/** Option parser for a repeatable option: `--role a --role b` → ['a', 'b']. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Option parser for a positive integer. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

/** Option parser for a TCP port (0 = any free port). */
export function port(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535 (0 = any free port).');
  return n;
}

/** Option parser for a `--limit-*` count: a whole number, 0 or more (0 switches that limit off). */
export function limitCount(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('expected a whole number, 0 or more (0 = off).');
  return n;
}

/** Option parser for `--limit-window`: seconds above 0. */
export function limitSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0.');
  return n;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `2026-12-31`, optionally with a time (`T18:00`, `T18:00:00.000`) and a zone (`Z`, `+02:00`). */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * The date an ISO text names, refusing days and times that do not exist rather than rolling them
 * over as `Date` does (`2027-02-30` would silently become 2 March).
 */
function calendarDate(value: string, text: string): Date {
  const [, y, mo, d, h, mi, se] = ISO_DATE.exec(text)!.map((part) => (part === undefined ? 0 : Number(part)));
  const daysInMonth = mo >= 1 && mo <= 12 ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth) {
    throw new UsageError(
      `"${value}" is not a date: ${mo >= 1 && mo <= 12 ? `month ${mo} of ${y} has ${daysInMonth} days` : `there is no month ${mo}`}.`,
      'Give a real date such as 2026-12-31 (year-month-day), or a duration such as 30d.',
    );
  }
  if (h > 23 || mi > 59 || se > 59) {
    throw new UsageError(
      `"${value}" is not a time of day.`,
      'Give hours 00-23 and minutes and seconds 00-59, e.g. 2026-12-31T18:00:00Z.',
    );
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `"${value}" is not a date.`,
      'Give an ISO date such as 2026-12-31 or 2026-12-31T18:00:00Z.',
    );
  }
  return date;
}

/**
 * Reads an expiry: an ISO date (`2026-12-31`, `2026-12-31T18:00:00Z`) or a duration from now
 * (`30d`, `12h`, `2w`, `90m`).
 * @param value - what the user typed
 * @param now - injected clock (ms since epoch)
 * @throws UsageError when the value is neither a date nor a duration, names a day or time that does
 *   not exist (2027-02-30, T24:00), or lies in the past
 */
export function parseExpiry(value: string, now: number = Date.now()): Date {
  const trimmed = value.trim();
  const duration = /^(\d+)\s*([mhdw])$/i.exec(trimmed);
  let date: Date;
  if (duration) {
    date = new Date(now + Number(duration[1]) * UNIT_MS[duration[2].toLowerCase()]);
  } else if (ISO_DATE.test(trimmed)) {
    date = calendarDate(value, trimmed);
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
