import { openDatabase, Store } from '../../../emulator/store/store';
import { StatementCache } from '../../../emulator/store/statements';
import { TransactionManager } from '../../../emulator/store/transaction';
import { tableByLogicalName } from '../../../emulator/metadata';
import type { TableMeta } from '../../../emulator/metadata';
import { filterToSql } from '../../../emulator/odata/filter-sql';

const ID = '0e9a4b7e-6a43-4d8c-9d0a-000000000001';

function setup(): { store: Store; tx: TransactionManager; account: TableMeta; contact: TableMeta } {
  const db = openDatabase(':memory:');
  const store = new Store(db);
  const tx = new TransactionManager(db, () => store.rolledBack());
  return {
    store,
    tx,
    account: tableByLogicalName('account') as TableMeta,
    contact: tableByLogicalName('contact') as TableMeta,
  };
}

describe('StatementCache', () => {
  it('reuses a statement for the same SQL', () => {
    const cache = new StatementCache(openDatabase(':memory:'));
    expect(cache.get('SELECT 1')).toBe(cache.get('SELECT 1'));
  });

  it('drops the least recently used statement beyond its limit', () => {
    const cache = new StatementCache(openDatabase(':memory:'), 2);
    const one = cache.get('SELECT 1');
    const two = cache.get('SELECT 2');
    cache.get('SELECT 1');
    cache.get('SELECT 3');
    expect(cache.get('SELECT 1')).toBe(one);
    expect(cache.get('SELECT 2')).not.toBe(two);
  });
});

describe('Store.changeCount', () => {
  it('grows with each insert, update and delete of the table only', () => {
    const { store, account, contact } = setup();
    const counts = () => [store.changeCount('account'), store.changeCount('contact')];
    const start = counts();
    store.insert(account, ID, { name: 'A' });
    store.update(account, ID, { name: 'B' });
    store.delete(account, ID);
    expect(counts()).toEqual([start[0] + 3, start[1]]);
    expect(store.exists(contact, ID)).toBe(false);
  });

  it('grows when a transaction rolls back, since rows may have reverted', async () => {
    const { store, tx, account } = setup();
    const before = store.changeCount('contact');
    await tx
      .run(async () => {
        store.insert(account, ID, { name: 'A' });
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(store.changeCount('contact')).toBeGreaterThan(before);
    expect(store.exists(account, ID)).toBe(false);
  });
});

describe('indexes on looked-up columns', () => {
  const plan = (logicalName: string, filter: string): string => {
    const { store } = setup();
    const table = tableByLogicalName(logicalName) as TableMeta;
    const where = filterToSql(filter, table, 'a');
    const rows = store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT a.* FROM ${logicalName} a WHERE ${where.sql}`)
      .all(...where.params) as Array<{ detail: string }>;
    return rows.map((r) => r.detail).join('; ');
  };

  it('finds invitations by code through an index, case-insensitively', () => {
    expect(plan('adx_invitation', "adx_invitationcode eq 'X'")).toMatch(
      /USING INDEX ix_adx_invitation_adx_invitationcode_nocase/,
    );
  });

  it('finds contacts by a list of e-mail addresses through an index', () => {
    expect(plan('contact', "emailaddress1 eq 'a@x.org' or emailaddress1 eq 'b@x.org'")).toMatch(
      /USING INDEX ix_contact_emailaddress1_nocase/,
    );
  });
});
