/**
 * The expiry an invitation may be given, on create and on reissue: a real date (no rollover:
 * JavaScript reads "2026-02-30" as 2 March, which is not what an administrator typed), after now.
 */
import { InvitationError } from './errors';

const DATE_PART = /^(\d{4})-(\d{2})-(\d{2})(?=$|T)/;

/**
 * The instant `value` names, checked: a Date, or an ISO-8601 string whose year-month-day is a day
 * of the calendar (2026-02-29 is not), after `now` (epoch ms).
 * @throws InvitationError `invalid` for anything else; nothing is written then
 */
export function checkedExpiry(value: Date | string, now: number): Date {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else {
    const text = String(value).trim();
    const day = DATE_PART.exec(text);
    if (day) {
      const [year, month, dayOfMonth] = day.slice(1).map(Number);
      const probe = new Date(Date.UTC(year, month - 1, dayOfMonth));
      if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== dayOfMonth) {
        throw new InvitationError(
          'invalid',
          `${day[0]} is not a day of the calendar; give a real date (ISO-8601, e.g. ${year}-${day[2]}-01).`,
        );
      }
    }
    date = new Date(text);
  }
  if (Number.isNaN(date.getTime())) {
    throw new InvitationError(
      'invalid',
      `Expiry "${String(value)}" is not a date; use ISO-8601 such as 2026-12-31.`,
    );
  }
  if (date.getTime() <= now) {
    throw new InvitationError(
      'invalid',
      `Expiry ${date.toISOString()} is not in the future; choose a later date.`,
    );
  }
  return date;
}
