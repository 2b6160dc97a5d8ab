/**
 * The shape every table description in `sdk/entities` follows. Dataverse names (logical names,
 * entity sets, navigation properties) live in these descriptions and nowhere else.
 */

/** A lookup column and how the Web API exposes it. */
export interface LookupDefinition {
  /** Logical name of the lookup column, e.g. `adx_invitecontact`. */
  readonly column: string;
  /** Single-valued navigation property used in `<navigation>@odata.bind` (case matters). */
  readonly navigation: string;
  /** Logical name of the table the lookup points to (the first one for polymorphic lookups). */
  readonly target: string;
  /** Read-only property carrying the id on retrieve: `_<column>_value`. */
  readonly valueField: string;
}

/** A table: its names, columns, lookups and relationships. */
export interface TableDefinition {
  /** Logical name, e.g. `adx_invitation`. */
  readonly logicalName: string;
  /** Web API entity set, e.g. `adx_invitations`. */
  readonly entitySet: string;
  /** Primary key column. */
  readonly primaryId: string;
  /** Primary name column. */
  readonly primaryName: string;
  /** camelCase name → logical column name (not lookups). */
  readonly columns: Readonly<Record<string, string>>;
  /** camelCase name → lookup description. */
  readonly lookups: Readonly<Record<string, LookupDefinition>>;
  /** camelCase name → relationship schema name (for N:N also the navigation property name). */
  readonly relationships: Readonly<Record<string, string>>;
}

/** Columns every table has, whichever its description lists. */
export const SystemColumns = {
  createdOn: 'createdon',
  modifiedOn: 'modifiedon',
} as const;

/** Builds a lookup description; `valueField` is always `_<column>_value`. */
export function lookup<C extends string, N extends string, T extends string>(
  column: C,
  navigation: N,
  target: T,
): { readonly column: C; readonly navigation: N; readonly target: T; readonly valueField: `_${C}_value` } {
  return { column, navigation, target, valueField: `_${column}_value` };
}
