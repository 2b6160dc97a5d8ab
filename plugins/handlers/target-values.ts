/**
 * Reading columns of a Target row whatever shape the sender used: Dataverse sends typed SDK values
 * (OptionSetValue, EntityReference, /Date()/), an in-process caller may pass plain numbers and strings.
 */
import { ActivityPartyTable, ContactTable, ParticipationType } from '../../sdk/entities/index';
import {
  EntityCollection,
  EntityReference,
  Money,
  OptionSetValue,
  partiesOf,
  type Entity,
} from '../../sdk/webhooks/index';

/** A text column; undefined when absent or blank. */
export function textOf(entity: Entity | undefined, column: string): string | undefined {
  const value = entity?.attributes[column];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A whole-number, choice or money column; null when explicitly empty, undefined when absent. */
export function numberOf(entity: Entity | undefined, column: string): number | null | undefined {
  const value = entity?.attributes[column];
  if (value === null) return null;
  if (value instanceof OptionSetValue || value instanceof Money) return value.value;
  return typeof value === 'number' ? value : undefined;
}

/** A date column (Date or ISO string); null when explicitly empty, undefined when absent. */
export function dateOf(entity: Entity | undefined, column: string): Date | string | null | undefined {
  const value = entity?.attributes[column];
  if (value === null) return null;
  return value instanceof Date || typeof value === 'string' ? value : undefined;
}

/** The id a lookup column points to (optionally only for one table). */
export function lookupIdOf(entity: Entity | undefined, column: string, table?: string): string | undefined {
  const value = entity?.attributes[column];
  if (!(value instanceof EntityReference)) return undefined;
  return table === undefined || value.logicalName === table ? value.id : undefined;
}

/** The party lookup column (`partyid`) of an activityparty. */
const PARTY_COLUMN = ActivityPartyTable.lookups.partyContact.column;

/**
 * Contacts among the parties of the row's party-list columns (EntityCollection of activityparty,
 * or a plain array of references). A party whose participation type is given counts only as Customer.
 */
export function customerContactsOf(entity: Entity | undefined): string[] {
  const ids = new Set<string>();
  for (const value of Object.values(entity?.attributes ?? {})) {
    const refs =
      value instanceof EntityCollection
        ? value.entities
            .filter((party) => {
              const type = numberOf(party, ActivityPartyTable.columns.participationType);
              return type == null || type === ParticipationType.Customer;
            })
            .flatMap((party) => partiesOf([party.attributes[PARTY_COLUMN]]))
        : partiesOf(value);
    for (const ref of refs) if (ref.logicalName === ContactTable.logicalName) ids.add(ref.id.toLowerCase());
  }
  return [...ids];
}
