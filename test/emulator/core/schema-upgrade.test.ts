import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../emulator/store/store';

describe('schema upgrade', () => {
  it('adds the columns metadata gained to a table an older emulator created', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-schema-'));
    const file = path.join(dir, 'old.db');
    try {
      const old = new Database(file);
      old.prepare('CREATE TABLE "solution" ("solutionid" TEXT PRIMARY KEY, "uniquename" TEXT)').run();
      old.prepare(`INSERT INTO "solution" VALUES ('s1', 'Old')`).run();
      old.close();
      const db = openDatabase(file);
      const columns = (db.prepare('PRAGMA table_info("solution")').all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns).toEqual(expect.arrayContaining(['publisherid', 'publisherid__type', 'friendlyname']));
      expect(db.prepare('SELECT "uniquename" FROM "solution"').get()).toEqual({ uniquename: 'Old' });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
