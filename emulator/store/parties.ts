/**
 * Party lists of activities (email to/from/cc/bcc, redemption customers) stored as activityparty
 * rows, read back into the canonical `LookupValue[]` columns.
 */
import { randomUUID } from 'node:crypto';
import { ActivityPartyTable, ContactTable, StandardColumns } from '../../sdk/entities/index';
import type { LookupValue } from '../contracts';
import { PARTY_ADDRESS_COLUMNS, tableByLogicalName } from '../metadata';
import type { TableMeta } from '../metadata';
import { ident, typeColumn } from './schema';
import type { Store } from './store';

const party = ActivityPartyTable.columns;
const PARTIES = ident(ActivityPartyTable.logicalName);
const ACTIVITY = ident(ActivityPartyTable.lookups.activity.column);
const PARTY = ActivityPartyTable.lookups.partyContact.column;
const TYPE = ident(party.participationType);

/** Reads and replaces the activityparty rows of an activity. */
export class PartyStore {
  constructor(private readonly store: Store) {}

  /** The party lists of an activity, one `LookupValue[]` per list column. */
  read(table: TableMeta, activityId: string): Record<string, LookupValue[]> {
    const lists: Record<string, LookupValue[]> = {};
    const byType = new Map<number, string>();
    for (const party of table.activity?.parties ?? []) {
      lists[party.name] = [];
      byType.set(party.participationType, party.name);
    }
    const rows = this.store
      .prepare(
        `SELECT ${ident(PARTY)} AS id, ${ident(typeColumn(PARTY))} AS target, ${TYPE} AS type FROM ${PARTIES} WHERE ${ACTIVITY} = ? ORDER BY rowid`,
      )
      .all(activityId.toLowerCase()) as Array<{ id: string | null; target: string | null; type: number }>;
    for (const row of rows) {
      const list = byType.get(row.type);
      if (list && row.id)
        lists[list].push({ logicalName: row.target ?? ContactTable.logicalName, id: row.id });
    }
    return lists;
  }

  /** Replaces the lists present in `values` (absent lists are left alone). */
  write(table: TableMeta, activityId: string, values: Record<string, unknown>): void {
    const key = activityId.toLowerCase();
    for (const party of table.activity?.parties ?? []) {
      if (!(party.name in values)) continue;
      this.store
        .prepare(`DELETE FROM ${PARTIES} WHERE ${ACTIVITY} = ? AND ${TYPE} = ?`)
        .run(key, party.participationType);
      const refs = (values[party.name] ?? []) as LookupValue[];
      for (const ref of refs) this.add(table.logicalName, key, party.participationType, ref);
    }
  }

  /** Adds one party row; its address is the party's e-mail address, as Dataverse fills it. */
  add(activityType: string, activityId: string, participationType: number, ref: LookupValue): void {
    const version = this.store.nextVersion();
    const activity = ActivityPartyTable.lookups.activity.column;
    const columns = [
      ActivityPartyTable.primaryId,
      activity,
      typeColumn(activity),
      PARTY,
      typeColumn(PARTY),
      party.participationType,
      party.addressUsed,
      StandardColumns.versionNumber,
    ];
    this.store
      .prepare(
        `INSERT INTO ${PARTIES} (${columns.map(ident).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(
        randomUUID(),
        activityId,
        activityType,
        ref.id.toLowerCase(),
        ref.logicalName,
        participationType,
        this.address(ref),
        version,
      );
  }

  /** Removes every party row of an activity. */
  removeAll(activityId: string): void {
    this.store.prepare(`DELETE FROM ${PARTIES} WHERE ${ACTIVITY} = ?`).run(activityId.toLowerCase());
  }

  private address(ref: LookupValue): string | null {
    const column = PARTY_ADDRESS_COLUMNS[ref.logicalName];
    const table = tableByLogicalName(ref.logicalName);
    if (!column || !table) return null;
    const row = this.store
      .prepare(
        `SELECT ${ident(column)} AS a FROM ${ident(table.logicalName)} WHERE ${ident(table.primaryId)} = ?`,
      )
      .get(ref.id.toLowerCase()) as { a: string | null } | undefined;
    return row?.a ?? null;
  }
}
