/**
 * The one expiry rule: an invitation is expired once its expiry is at or before now
 * (`adx_expirydate <= now`); without an expiry it never expires. Redemption decides with
 * {@link isExpired}, list() filters with {@link expiredFilter} / {@link notExpiredFilter}, so an
 * invitation listed as not expired at an instant is one that still redeems at that instant.
 */
import { literal } from '../client/query/literal';
import { InvitationTable } from '../entities/index';

const { expiryDate } = InvitationTable.columns;

/** True when an invitation with this expiry no longer redeems at `now` (epoch ms). */
export function isExpired(expiresOn: Date | undefined | null, now: number): boolean {
  return expiresOn != null && expiresOn.getTime() <= now;
}

/** OData filter: the invitation has an expiry and it is at or before `now`. */
export function expiredFilter(now: number): string {
  return `${expiryDate} le ${literal(new Date(now))}`;
}

/** OData filter: no expiry, or one after `now` (the negation of {@link expiredFilter}). */
export function notExpiredFilter(now: number): string {
  return `(${expiryDate} eq null or ${expiryDate} gt ${literal(new Date(now))})`;
}
