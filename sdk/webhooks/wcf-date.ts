/**
 * Dates in the WCF JSON form Dataverse uses for webhook payloads: `\/Date(<epoch ms>[±hhmm])\/`.
 * The milliseconds are always UTC; the optional suffix only records the sender's time zone
 * (e.g. `OperationCreatedOn` in the documented sample ends in `-0700`).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
 */
import { OffsetDate } from './values';

const WCF_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** True when the string is a WCF JSON date. */
export function isWcfDate(value: string): boolean {
  return WCF_DATE.test(value);
}

/** Reads a WCF JSON date; an offset suffix gives an {@link OffsetDate}. Undefined when not a date. */
export function parseWcfDate(value: string): Date | undefined {
  const match = WCF_DATE.exec(value);
  if (!match) return undefined;
  const ms = Number(match[1]);
  return match[2] ? new OffsetDate(ms, match[2]) : new Date(ms);
}

/** Writes a date as Dataverse does; an {@link OffsetDate} keeps its suffix. */
export function formatWcfDate(date: Date): string {
  const offset = date instanceof OffsetDate ? date.offset : '';
  return `/Date(${date.getTime()}${offset})/`;
}
