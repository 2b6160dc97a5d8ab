/**
 * Shapes of the emulator's table metadata: the one description of every table, column, lookup
 * and relationship that storage, validation, OData and serialisation all read.
 */

/** Column data types the emulator stores. */
export type ColumnType =
  | 'string'
  | 'memo'
  | 'int'
  | 'decimal'
  | 'boolean'
  | 'datetime'
  | 'choice'
  | 'state'
  | 'status'
  | 'uniqueidentifier'
  | 'lookup'
  | 'owner'
  | 'customer'
  | 'bigint';

/** One column of a table. */
export interface ColumnMeta {
  /** Logical name, lower case. */
  name: string;
  type: ColumnType;
  /** Maximum length for string/memo columns. */
  maxLength?: number;
  /** Must have a value on create (Dataverse "ApplicationRequired"). */
  required?: boolean;
  /** Set by the system only; a client that sends it is ignored (Dataverse ignores most of them too). */
  readOnly?: boolean;
  /** Option values and labels for choice/state/status columns (used for FormattedValue). */
  options?: Record<number, string>;
  /** Default value on create. */
  default?: unknown;
  /**
   * A datetime column shown as a date only (format DateOnly, behaviour UserLocal): stored and sent
   * as a UTC date-time, formatted without a time.
   */
  dateOnly?: boolean;
  /** Lookup columns: tables the lookup may point to (more than one for owner/customer/regarding). */
  targets?: string[];
  /**
   * Lookup columns: the single-valued navigation property per target table, exactly as
   * `@odata.bind` spells it (case-sensitive), e.g. `{ contact: 'adx_inviteContact' }`.
   */
  navigation?: Record<string, string>;
  /**
   * Looked up by value often (e-mail addresses, invitation codes, user names): the emulator keeps
   * a case-insensitive index on it so such lookups do not scan the table. Primary names always are.
   */
  indexed?: boolean;
}

/** A party-list column of an activity (email `to`, `from`...), stored as activityparty rows. */
export interface PartyListMeta {
  /** Column name in the canonical shape, e.g. `to`. */
  name: string;
  /** activityparty.participationtypemask for this list. */
  participationType: number;
}

/** One table. */
export interface TableMeta {
  logicalName: string;
  entitySet: string;
  primaryId: string;
  primaryName?: string;
  /** All columns including the primary key and standard columns. */
  columns: ColumnMeta[];
  /** Valid statecode → statuscode pairs; the first status is the default for the state. */
  states?: Record<number, number[]>;
  /** Activity tables: party-list columns and the collection navigation to their activityparty rows. */
  activity?: { parties: PartyListMeta[]; partiesNavigation: string };
  /** Columns computed from others on every write (contact.fullname). */
  computed?: (values: Record<string, unknown>) => Record<string, unknown>;
  /** A read-only view of another table's rows (a virtual table such as mspp_webrole). */
  view?: ViewMeta;
}

/**
 * A read-only table whose rows are (some of) another table's, with columns renamed: SQLite serves
 * it as a VIEW, and every write to it is refused.
 */
export interface ViewMeta {
  /** Logical name of the table the rows come from. */
  source: string;
  /** Only source rows whose column equals the value (e.g. powerpagecomponenttype = 11). */
  where?: { column: string; equals: number };
  /** View column → source column; a view column left out is always null. */
  columns: Record<string, string>;
}

/** An N:N relationship; the navigation property on both sides is the schema name. */
export interface ManyToManyMeta {
  schemaName: string;
  /** Name of the link table in SQLite. */
  intersect: string;
  entity1: string;
  entity2: string;
}

/** A 1:N relationship derived from a lookup: the collection navigation on the referenced table. */
export interface OneToManyMeta {
  schemaName: string;
  /** The referenced ("one") table. */
  referenced: string;
  /** The referencing ("many") table and its lookup column. */
  referencing: string;
  lookup: string;
}
