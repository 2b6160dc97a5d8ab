/**
 * activityparty and what every activity table shares: the parties of an e-mail or an invite
 * redemption (sender, recipients, customer) and the activity state codes.
 */
import type { WebApiRecord } from '../client/types';
import { InvalidArgumentError } from '../errors';
import { AccountTable } from './account';
import { ContactTable } from './contact';
import { SystemUserTable } from './systemuser';
import { lookup, type TableDefinition } from './table';
import {
  bindLookup,
  readExpandedRows,
  readNumber,
  readString,
  readLookupId,
  readLookupTarget,
} from './web-api-values';

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

const { columns: c, lookups: l } = ActivityPartyTable;

/** Tables a party can point to, with their entity sets (queue has no table description here). */
export const PARTY_ENTITY_SETS = {
  [ContactTable.logicalName]: ContactTable.entitySet,
  [SystemUserTable.logicalName]: SystemUserTable.entitySet,
  [AccountTable.logicalName]: AccountTable.entitySet,
  [l.partyQueue.target]: 'queues',
} as const;

/** The `partyid` navigation property for each table a party can point to. */
const PARTY_LOOKUPS = {
  [ContactTable.logicalName]: l.partyContact,
  [SystemUserTable.logicalName]: l.partySystemUser,
  [AccountTable.logicalName]: l.partyAccount,
  [l.partyQueue.target]: l.partyQueue,
} as const;

/** One party of an activity. Without `partyId` it is an unresolved address (`addressUsed`). */
export interface ActivityParty {
  participationType: ParticipationType;
  partyId?: string;
  partyType?: keyof typeof PARTY_ENTITY_SETS | string;
  addressUsed?: string;
}

/**
 * The body of one party inside `<activity>_activity_parties` on create: the party bound through
 * `partyid_<table>` (default contact), then its participation type and address.
 * @throws InvalidArgumentError for a party type that is not one of {@link PARTY_ENTITY_SETS}.
 */
export function activityPartyToWebApi(party: ActivityParty): WebApiRecord {
  const body: WebApiRecord = {};
  if (party.partyId) {
    const type = (party.partyType ?? ContactTable.logicalName) as keyof typeof PARTY_ENTITY_SETS;
    const entitySet = PARTY_ENTITY_SETS[type];
    if (!entitySet) {
      throw new InvalidArgumentError(
        'partyType',
        `A party of type "${String(party.partyType)}" cannot be bound; use one of ${Object.keys(PARTY_ENTITY_SETS).join(', ')}.`,
      );
    }
    Object.assign(body, bindLookup(PARTY_LOOKUPS[type].navigation, entitySet, party.partyId));
  }
  body[c.participationType] = party.participationType;
  if (party.addressUsed !== undefined) body[c.addressUsed] = party.addressUsed;
  return body;
}

/** Reads one expanded activityparty row. */
export function toActivityParty(row: WebApiRecord): ActivityParty {
  return {
    participationType: readNumber(row, c.participationType) ?? 0,
    partyId: readLookupId(row, l.partyContact),
    partyType: readLookupTarget(row, l.partyContact),
    addressUsed: readString(row, c.addressUsed),
  };
}

/** Reads the expanded party collection of an activity row (empty when not expanded). */
export function readParties(row: WebApiRecord, navigation: string): ActivityParty[] {
  return readExpandedRows(row, navigation).map(toActivityParty);
}
