import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readResults, ResultsFile } from '../../../scripts/bulk/results-file';
import { tempDir } from '../helpers/temp-dir';

describe('results file', () => {
  const file = () => join(tempDir('results'), 'results.csv');

  it('writes a header and one CSV line per row, in row order, quoting as needed', async () => {
    const f = file();
    const results = new ResultsFile(f);
    results.set({ row: 2, email: 'b@example.com', status: 'created' });
    results.set({ row: 1, email: 'a@example.com', status: 'failed', reason: 'bad, very bad' });
    await results.save();
    expect(readFileSync(f, 'utf8')).toBe(
      'row,email,status,invitation_id,reason\n1,a@example.com,failed,,"bad, very bad"\n2,b@example.com,created,,\n',
    );
  });

  it('reads back what it wrote, by row', async () => {
    const f = file();
    const results = new ResultsFile(f);
    results.set({ row: 2, email: 'b@example.com', status: 'sent', invitationId: 'id-2' });
    await results.save();
    expect((await readResults(f)).get(2)).toEqual({
      row: 2,
      email: 'b@example.com',
      status: 'sent',
      invitationId: 'id-2',
      reason: undefined,
    });
  });

  it('reads a missing file as empty', async () => {
    expect((await readResults(file())).size).toBe(0);
  });

  it('starts from the lines already in the file instead of emptying it', async () => {
    const f = file();
    writeFileSync(f, 'row,email,status,invitation_id,reason\n1,a@example.com,sent,id-1,\n');
    const results = await ResultsFile.open(f);
    results.set({ row: 2, email: 'b@example.com', status: 'created' });
    await results.save();
    expect([...(await readResults(f)).values()].map((l) => `${l.row}:${l.status}`)).toEqual([
      '1:sent',
      '2:created',
    ]);
  });

  it('replaces the file in one step, leaving no temporary file behind', async () => {
    const f = file();
    const results = new ResultsFile(f);
    results.set({ row: 1, email: 'a@example.com', status: 'created' });
    await results.save();
    results.saveSync();
    expect(readdirSync(dirname(f))).toEqual(['results.csv']);
  });

  it('keeps only the rows the CSV still has', async () => {
    const f = file();
    const results = new ResultsFile(f);
    results.set({ row: 1, email: 'a@example.com', status: 'created' });
    results.set({ row: 5, email: 'e@example.com', status: 'created' });
    results.keepRows(3);
    await results.save();
    expect([...(await readResults(f)).keys()]).toEqual([1]);
  });
});
