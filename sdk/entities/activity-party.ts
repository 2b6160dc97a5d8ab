/**
 * activityparty and what every activity table shares: the parties of an e-mail or an invite
 * redemption (sender, recipients, customer) and the activity state codes.
 */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { readNumber, readString, readLookupId, readLookupTarget, stripBraces } from './web-api-values';

/** activityparty's names. Parties are written inside the activity, never on their own. */
export const ActivityPartyTable = {
  logicalName: 'activityparty',
  entitySet: 'activityparties',
  primaryId: 'activitypartyid',
  primaryName: 'partyidname',
  columns: {
    id: 'activitypartyid',
    participationType: 'participationtypemask',
    addressUsed: 'addressused',
  },
  lookups: {
    activity: lookup('activityid', 'activityid_activitypointer', 'activitypointer'),
    /** The same lookup, bound to an e-mail. */
    activityEmail: lookup('activityid', 'activityid_email', 'email'),
    /** The same lookup, bound to an invite redemption (unverified, see `UNVERIFIED_FACTS`). */
    activityInviteRedemption: lookup('activityid', 'activityid_adx_inviteredemption', 'adx_inviteredemption'),
    partyContact: lookup('partyid', 'partyid_contact', 'contact'),
    partySystemUser: lookup('partyid', 'partyid_systemuser', 'systemuser'),
    partyAccount: lookup('partyid', 'partyid_account', 'account'),
    partyQueue: lookup('partyid', 'partyid_queue', 'queue'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/** participationtypemask values used here. */
export enum ParticipationType {
  Sender = 1,
  ToRecipient = 2,
  CC = 3,
  BCC = 4,
  Customer = 11,
}

/** statecode of every activity (email, adx_inviteredemption). */
export enum ActivityState {
  Open = 0,
  Completed = 1,
  Canceled = 2,
  Scheduled = 3,
}

/** Tables a party can point to, with their entity sets. */
export const PARTY_ENTITY_SETS = {
  contact: 'contacts',
  systemuser: 'systemusers',
  account: 'accounts',
  queue: 'queues',
} as const;

/** One party of an activity. Without `partyId` it is an unresolved address (`addressUsed`). */
export interface ActivityParty {
  participationType: ParticipationType;
  partyId?: string;
  partyType?: keyof typeof PARTY_ENTITY_SETS | string;
  addressUsed?: string;
}

/** The body of one party inside `<activity>_activity_parties` on create. */
export function activityPartyToWebApi(party: ActivityParty): WebApiRecord {
  const body: WebApiRecord = { [ActivityPartyTable.columns.participationType]: party.participationType };
  if (party.partyId) {
    const type = (party.partyType ?? 'contact') as keyof typeof PARTY_ENTITY_SETS;
    const entitySet = PARTY_ENTITY_SETS[type];
    if (!entitySet) {
      throw new TypeError(
        `A party of type "${String(party.partyType)}" cannot be bound; use one of ${Object.keys(PARTY_ENTITY_SETS).join(', ')}.`,
      );
    }
    body[`partyid_${type}@odata.bind`] = `/${entitySet}(${stripBraces(party.partyId)})`;
  }
  if (party.addressUsed !== undefined) body[ActivityPartyTable.columns.addressUsed] = party.addressUsed;
  return body;
}

/** Reads one expanded activityparty row. */
export function toActivityParty(row: WebApiRecord): ActivityParty {
  const partyField = ActivityPartyTable.lookups.partyContact;
  return {
    participationType: readNumber(row, ActivityPartyTable.columns.participationType) ?? 0,
    partyId: readLookupId(row, partyField),
    partyType: readLookupTarget(row, partyField),
    addressUsed: readString(row, ActivityPartyTable.columns.addressUsed),
  };
}

/** Reads the expanded party collection of an activity row (empty when not expanded). */
export function readParties(row: WebApiRecord, navigation: string): ActivityParty[] {
  const value = row[navigation];
  return Array.isArray(value) ? value.map((p) => toActivityParty(p as WebApiRecord)) : [];
}
