import { Writable } from 'node:stream';
import { createProgress } from '../../../scripts/bulk/progress';
import { Output } from '../../../scripts/output';

function output(json: boolean): { out: Output; lines: string[] } {
  const lines: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8').trimEnd());
      done();
    },
  });
  return { out: new Output({ json, verbose: false, stderr, stdout: new Writable() }), lines };
}

describe('bulk progress when stderr is not a terminal', () => {
  it('prints a line every N rows', () => {
    const { out, lines } = output(false);
    const progress = createProgress(out, { everyRows: 2, everyMs: 60_000, now: () => 0 });
    progress.setTotal(5);
    for (let i = 0; i < 5; i++) progress.increment();
    expect(lines).toEqual([
      'progress: 2 row(s) done of 5 read so far',
      'progress: 4 row(s) done of 5 read so far',
    ]);
  });

  it('prints a line when a row finishes some seconds after the last line', () => {
    const { out, lines } = output(false);
    let now = 0;
    const progress = createProgress(out, { everyRows: 100, everyMs: 5000, now: () => now });
    progress.setTotal(3);
    progress.increment();
    now = 6000;
    progress.increment();
    expect(lines).toEqual(['progress: 2 row(s) done of 3 read so far']);
  });

  it('prints nothing with --json', () => {
    const { out, lines } = output(true);
    const progress = createProgress(out, { everyRows: 1, now: () => 0 });
    progress.setTotal(2);
    progress.increment();
    expect(lines).toEqual([]);
  });
});
