/**
 * Party lists of activities (email to/from/cc/bcc, redemption customers) stored as activityparty
 * rows, read back into the canonical `LookupValue[]` columns.
 */
import { randomUUID } from 'node:crypto';
import type { LookupValue } from '../contracts';
import type { TableMeta } from '../metadata';
import type { Store } from './store';

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
        `SELECT "partyid", "partyid__type", "participationtypemask" FROM "activityparty" WHERE "activityid" = ? ORDER BY rowid`,
      )
      .all(activityId.toLowerCase()) as Array<{
      partyid: string | null;
      partyid__type: string | null;
      participationtypemask: number;
    }>;
    for (const row of rows) {
      const list = byType.get(row.participationtypemask);
      if (list && row.partyid)
        lists[list].push({ logicalName: row.partyid__type ?? 'contact', id: row.partyid });
    }
    return lists;
  }

  /** Replaces the lists present in `values` (absent lists are left alone). */
  write(table: TableMeta, activityId: string, values: Record<string, unknown>): void {
    const key = activityId.toLowerCase();
    for (const party of table.activity?.parties ?? []) {
      if (!(party.name in values)) continue;
      this.store
        .prepare(`DELETE FROM "activityparty" WHERE "activityid" = ? AND "participationtypemask" = ?`)
        .run(key, party.participationType);
      const refs = (values[party.name] ?? []) as LookupValue[];
      for (const ref of refs) this.add(table.logicalName, key, party.participationType, ref);
    }
  }

  /** Adds one party row; `addressused` is the party's e-mail address as Dataverse fills it. */
  add(activityType: string, activityId: string, participationType: number, ref: LookupValue): void {
    const version = this.store.nextVersion();
    this.store
      .prepare(
        `INSERT INTO "activityparty" ("activitypartyid", "activityid", "activityid__type", "partyid", "partyid__type", "participationtypemask", "addressused", "versionnumber") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
    this.store.prepare(`DELETE FROM "activityparty" WHERE "activityid" = ?`).run(activityId.toLowerCase());
  }

  private address(ref: LookupValue): string | null {
    const column = ref.logicalName === 'systemuser' ? 'internalemailaddress' : 'emailaddress1';
    if (!['contact', 'account', 'systemuser'].includes(ref.logicalName)) return null;
    const row = this.store
      .prepare(`SELECT "${column}" AS a FROM "${ref.logicalName}" WHERE "${ref.logicalName}id" = ?`)
      .get(ref.id.toLowerCase()) as { a: string | null } | undefined;
    return row?.a ?? null;
  }
}
