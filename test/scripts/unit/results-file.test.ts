import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults, ResultsWriter, sortResultsFile } from '../../../scripts/bulk/results-file';
import { tempDir } from '../helpers/temp-dir';

describe('results file', () => {
  const file = () => join(tempDir('results'), 'results.csv');

  it('writes a header and one CSV line per row, quoting as needed', async () => {
    const f = file();
    const writer = new ResultsWriter(f);
    writer.write({ row: 1, email: 'a@example.com', status: 'failed', reason: 'bad, very bad' });
    await writer.close();
    expect(readFileSync(f, 'utf8')).toBe(
      'row,email,status,invitation_id,reason\n1,a@example.com,failed,,"bad, very bad"\n',
    );
  });

  it('reads back what it wrote, by row', async () => {
    const f = file();
    const writer = new ResultsWriter(f);
    writer.write({ row: 2, email: 'b@example.com', status: 'sent', invitationId: 'id-2' });
    await writer.close();
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

  it('sorts the lines by row', async () => {
    const f = file();
    const writer = new ResultsWriter(f);
    writer.write({ row: 3, email: 'c@example.com', status: 'created' });
    writer.write({ row: 1, email: 'a@example.com', status: 'failed' });
    await writer.close();
    await sortResultsFile(f);
    expect([...(await readResults(f)).keys()]).toEqual([1, 3]);
  });
});
