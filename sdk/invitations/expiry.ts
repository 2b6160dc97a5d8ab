/**
 * The one expiry rule, decided the way the portal decides it, so redemption, `list --status
 * expired` and `explain` say what a user at the portal would see.
 *
 * - adx_expirydate is a date-only column with user-local behaviour: Dataverse stores (and the Web
 *   API returns) the UTC instant of the creating user's local midnight of the chosen day, and only
 *   its formatted value is a bare date. "UserLocal: Stores the date and time value as UTC value …
 *   The retrieve operation returns the UTC value."
 *   https://learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute
 * - The portal (xRM Portals Community Edition, CrmInvitationStore.FetchByInvitationAsync) finds an
 *   invitation only while `adx_expirydate` is null or `>= DateTime.UtcNow.Round(RoundTo.Hour)`, and
 *   that Round returns the next full hour from minute 30 on and the time itself before it.
 *   https://github.com/Adoxio/xRM-Portals-Community-Edition/blob/master/Framework/Adxstudio.Xrm/AspNet/Identity/CrmInvitationStore.cs
 *   https://github.com/Adoxio/xRM-Portals-Community-Edition/blob/master/Framework/Microsoft.Xrm.Client/DateTimeExtensions.cs
 *
 * So an invitation is expired once its stored instant is before the portal's "now": it stops
 * redeeming at the start of its expiry day (in the creating user's time zone), not at its end,
 * and up to half an hour early.
 */
import { literal } from '../client/query/literal';
import { InvitationTable } from '../entities/index';

const { expiryDate } = InvitationTable.columns;
const HOUR_MS = 60 * 60 * 1000;

/** The instant the portal compares expiry dates with at `now`: UTC now, rounded up to the hour from minute 30 on. */
export function portalNow(now: number): number {
  const intoHour = ((now % HOUR_MS) + HOUR_MS) % HOUR_MS;
  return intoHour >= HOUR_MS / 2 ? now - intoHour + HOUR_MS : now;
}

/** True when an invitation with this expiry no longer redeems at `now` (epoch ms). */
export function isExpired(expiresOn: Date | undefined | null, now: number): boolean {
  return expiresOn != null && expiresOn.getTime() < portalNow(now);
}

/** OData filter: the invitation has an expiry before the portal's now. */
export function expiredFilter(now: number): string {
  return `${expiryDate} lt ${literal(new Date(portalNow(now)))}`;
}

/** OData filter: no expiry, or one at or after the portal's now (the negation of {@link expiredFilter}). */
export function notExpiredFilter(now: number): string {
  return `(${expiryDate} eq null or ${expiryDate} ge ${literal(new Date(portalNow(now)))})`;
}
