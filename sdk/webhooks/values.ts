/**
 * The value types a Dataverse execution context carries, as plain TypeScript classes. They mirror
 * `Microsoft.Xrm.Sdk` types so code reading a webhook payload looks like plug-in code.
 */
import { ActivityPartyTable } from '../entities/activity-party';

/** A lookup to one row: table logical name, id and (when Dataverse sends it) the primary name. */
export class EntityReference {
  /** The row's primary name; Dataverse usually sends null. */
  name: string | null;
  /** Alternate-key values (`KeyAttributes`), when the reference was made by key. */
  keyAttributes: Record<string, unknown> = {};
  /** `RowVersion` as sent; null when absent. */
  rowVersion: string | null = null;

  /**
   * @param logicalName - logical name of the referenced table, e.g. `contact`.
   * @param id - the referenced row's id (a GUID string).
   * @param name - the row's primary name, if known.
   */
  constructor(
    public logicalName: string,
    public id: string,
    name?: string | null,
  ) {
    this.name = name ?? null;
  }
}

/** A choice (option set) value. */
export class OptionSetValue {
  /** @param value - the option's integer value, e.g. 756150000. */
  constructor(public value: number) {}
}

/** A currency amount. */
export class Money {
  /** @param value - the amount (decimal). */
  constructor(public value: number) {}
}

/** A row as the execution context carries it (Target, images, related rows). */
export interface Entity {
  /** Logical name of the table. */
  logicalName: string;
  /** Row id; Dataverse sends the empty GUID for a Create Target before PostOperation. */
  id: string;
  /** Column values keyed by logical name, in the order Dataverse sent them. */
  attributes: Record<string, unknown>;
  /** Display strings for choice, money, date and boolean columns. */
  formattedValues?: Record<string, string>;
  /** Alternate-key values (`KeyAttributes`). */
  keyAttributes?: Record<string, unknown>;
  /** `RelatedEntities` exactly as sent (rarely used by webhooks). */
  relatedEntities?: unknown[];
  /** `EntityState`; null when not set. */
  entityState?: number | null;
  /** `RowVersion`; null when not set. */
  rowVersion?: string | null;
}

/**
 * A list of rows (`EntityCollection`): how Dataverse sends party lists such as an activity's
 * `customers` (rows of `activityparty` whose `partyid` is an {@link EntityReference}).
 */
export class EntityCollection {
  /**
   * @param entities - the rows.
   * @param entityName - logical name of the rows' table, e.g. `activityparty`.
   */
  constructor(
    public entities: Entity[],
    public entityName: string | null = null,
  ) {}

  /** `MinActiveRowVersion` as sent. */
  minActiveRowVersion: string | null = null;
  /** `MoreRecords` as sent. */
  moreRecords = false;
  /** `PagingCookie` as sent. */
  pagingCookie: string | null = null;
  /** `TotalRecordCount` as sent. */
  totalRecordCount = 0;
  /** `TotalRecordCountLimitExceeded` as sent. */
  totalRecordCountLimitExceeded = false;
}

/**
 * A date that arrived with a time-zone suffix (`\/Date(1506409448000-0700)\/`). The instant is the
 * same as a plain `Date`; the suffix is kept so the value serialises back exactly as received.
 */
export class OffsetDate extends Date {
  /**
   * @param ms - epoch milliseconds (UTC), as in the payload.
   * @param offset - the suffix as sent, e.g. `-0700`.
   */
  constructor(
    ms: number,
    public readonly offset: string,
  ) {
    super(ms);
  }
}

/** The `__type` of a `KeyValuePair<string, string>` inside an `object` value. */
export const STRING_PAIR_TYPE = 'KeyValuePairOfstringstring:#System.Collections.Generic';

/** One `KeyValuePair<string, string>` as DataContract JSON writes it (e.g. in `ChangedEntityTypes`). */
export interface StringPair {
  __type: typeof STRING_PAIR_TYPE;
  key: string;
  value: string;
}

/** Pairs as Dataverse sends a `KeyValuePair<string, string>[]` shared variable, in the given order. */
export function stringPairs(pairs: [key: string, value: string][]): StringPair[] {
  return pairs.map(([key, value]) => ({ __type: STRING_PAIR_TYPE, key, value }));
}

/** The lookup column of an activityparty row that points at the party. */
const PARTY_COLUMN = ActivityPartyTable.lookups.partyContact.column;

/**
 * Builds the party list Dataverse sends for an activity's party column: an `EntityCollection` of
 * `activityparty` rows pointing at each party.
 * @param parties - who is in the list.
 * @param participationTypeMask - e.g. 11 for Customer.
 */
export function partyList(parties: EntityReference[], participationTypeMask: number): EntityCollection {
  return new EntityCollection(
    parties.map((party) => ({
      logicalName: ActivityPartyTable.logicalName,
      id: '00000000-0000-0000-0000-000000000000',
      attributes: {
        [PARTY_COLUMN]: party,
        [ActivityPartyTable.columns.participationType]: new OptionSetValue(participationTypeMask),
      },
    })),
    ActivityPartyTable.logicalName,
  );
}

/**
 * The parties of a party-list value, whether it came as an `EntityCollection` of activity parties
 * (what Dataverse sends) or as a plain array of references.
 */
export function partiesOf(value: unknown): EntityReference[] {
  if (value instanceof EntityCollection) {
    return value.entities
      .map((party) => party.attributes[PARTY_COLUMN])
      .filter((ref): ref is EntityReference => ref instanceof EntityReference);
  }
  if (Array.isArray(value)) {
    return value.filter((ref): ref is EntityReference => ref instanceof EntityReference);
  }
  return [];
}
