/**
 * Maps a Web API request body to the canonical shape the operations take: plain columns pass
 * through, `<nav>@odata.bind` becomes a `LookupValue` (or N:N/1:N links to make after the write),
 * and activity-party deep inserts become the party-list columns (`to`, `from`, `customers`...).
 */
import { ActivityPartyTable } from '../../sdk/entities/index';
import type { ColumnValues, LookupValue } from '../contracts';
import { badRequest, ErrorCodes } from '../errors';
import { columnOf, isLookup, navigationOf } from '../metadata';
import type { TableMeta } from '../metadata';
import { parseEntityReference } from './references';
import type { ContentIdResolver } from './references';

const PARTICIPATION = ActivityPartyTable.columns.participationType;
/** The party's own lookup, bound per table: `partyid_contact@odata.bind`, `partyid_account@odata.bind`... */
const PARTY = ActivityPartyTable.lookups.partyContact.column;
const PARTY_BIND = new RegExp(`^${PARTY}_\\w+@odata\\.bind$`);
/** Keys that would reach an object's prototype rather than name a column. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A Web API body in canonical form. */
export interface MappedBody {
  values: ColumnValues;
  /** N:N links to create after the row exists (`<nav>@odata.bind: [...]` on create). */
  associations: Array<{ relationship: string; related: LookupValue[] }>;
  /** 1:N children whose lookup should point at the row (`<nav>@odata.bind: [...]`). */
  children: Array<{ table: string; lookup: string; id: string }>;
}

/** Converts a parsed JSON body for `table`. */
export function mapBody(table: TableMeta, body: unknown, resolve?: ContentIdResolver): MappedBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.', ErrorCodes.InvalidPayload);
  }
  const out: MappedBody = { values: {}, associations: [], children: [] };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (PROTOTYPE_KEYS.has(key)) {
      // JSON.parse keeps "__proto__" as a plain key; assigning it would replace the prototype of
      // the values, whose inherited fields would then pass for columns the caller never sent.
      throw badRequest(
        `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type.`,
        ErrorCodes.InvalidPayload,
      );
    }
    if (key.endsWith('@odata.bind')) {
      bind(table, key.slice(0, -'@odata.bind'.length), value, out, resolve);
    } else if (key.startsWith('@') || key.includes('@')) {
      continue;
    } else if (table.activity && key === table.activity.partiesNavigation) {
      Object.assign(out.values, partiesFromDeepInsert(table, value, resolve));
    } else if (table.activity?.parties.some((p) => p.name === key)) {
      out.values[key] = partyList(value, resolve);
    } else {
      const column = columnOf(table, key);
      if (column && isLookup(column)) {
        const nav = Object.values(column.navigation ?? {})[0];
        throw badRequest(
          `'${key}' is a lookup; set it with '${nav}@odata.bind': '/<entityset>(<id>)'.`,
          ErrorCodes.InvalidPayload,
        );
      }
      if (!column && typeof value === 'object' && value !== null && navigationOf(table, key)) {
        throw badRequest(
          `Deep insert through '${key}' is not supported by the emulator; create the related row first and bind it.`,
          ErrorCodes.InvalidPayload,
        );
      }
      out.values[key] = value;
    }
  }
  return out;
}

function bind(
  table: TableMeta,
  navigation: string,
  value: unknown,
  out: MappedBody,
  resolve?: ContentIdResolver,
): void {
  const nav = navigationOf(table, navigation);
  if (!nav) {
    throw badRequest(
      `An undeclared property '${navigation}' which only has property annotations in the payload but no property value was found in the payload. Navigation property names are case-sensitive.`,
      ErrorCodes.InvalidPayload,
    );
  }
  if (nav.kind === 'lookup') {
    if (value === null) {
      out.values[nav.column.name] = null;
      return;
    }
    const ref = parseEntityReference(value, resolve);
    if (ref.table.logicalName !== nav.target) {
      throw badRequest(
        `'${navigation}' refers to ${nav.target}, not ${ref.table.logicalName}.`,
        ErrorCodes.InvalidPayload,
      );
    }
    out.values[nav.column.name] = { logicalName: nav.target, id: ref.id };
    return;
  }
  if (!Array.isArray(value))
    throw badRequest(
      `'${navigation}@odata.bind' is collection-valued; send an array of references.`,
      ErrorCodes.InvalidPayload,
    );
  const refs = value.map((v) => parseEntityReference(v, resolve));
  for (const ref of refs) {
    if (ref.table.logicalName !== nav.target)
      throw badRequest(
        `'${navigation}' relates to ${nav.target}, not ${ref.table.logicalName}.`,
        ErrorCodes.InvalidPayload,
      );
  }
  if (nav.kind === 'manyToMany') {
    out.associations.push({
      relationship: nav.relationship.schemaName,
      related: refs.map((r) => ({ logicalName: nav.target, id: r.id })),
    });
  } else {
    for (const ref of refs)
      out.children.push({ table: nav.target, lookup: nav.relationship.lookup, id: ref.id });
  }
}

function partiesFromDeepInsert(table: TableMeta, value: unknown, resolve?: ContentIdResolver): ColumnValues {
  if (!Array.isArray(value))
    throw badRequest(
      `'${table.activity?.partiesNavigation}' must be an array of activity parties.`,
      ErrorCodes.InvalidPayload,
    );
  const lists: Record<string, LookupValue[]> = {};
  for (const party of value as Array<Record<string, unknown>>) {
    const type = party[PARTICIPATION];
    const list = table.activity?.parties.find((p) => p.participationType === type);
    if (!list)
      throw badRequest(
        `${PARTICIPATION} ${String(type)} is not valid for ${table.logicalName}.`,
        ErrorCodes.InvalidArgument,
      );
    (lists[list.name] ??= []).push(partyRef(party, resolve));
  }
  return lists;
}

function partyList(value: unknown, resolve?: ContentIdResolver): LookupValue[] {
  if (!Array.isArray(value)) throw badRequest('A party list must be an array.', ErrorCodes.InvalidPayload);
  return value.map((v) =>
    typeof v === 'string' ? toLookup(v, resolve) : partyRef(v as Record<string, unknown>, resolve),
  );
}

function partyRef(party: Record<string, unknown>, resolve?: ContentIdResolver): LookupValue {
  const key = Object.keys(party).find((k) => PARTY_BIND.test(k));
  if (!key)
    throw badRequest(`An activity party needs '${PARTY}_<table>@odata.bind'.`, ErrorCodes.InvalidPayload);
  return toLookup(party[key], resolve);
}

function toLookup(value: unknown, resolve?: ContentIdResolver): LookupValue {
  const ref = parseEntityReference(value, resolve);
  return { logicalName: ref.table.logicalName, id: ref.id };
}
