import { Writable } from 'node:stream';
import { createProgress, describeRemaining, estimateRemainingMs } from '../../../scripts/bulk/progress';
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
  it('prints a line every N rows, out of the total counted before the job', () => {
    const { out, lines } = output(false);
    const progress = createProgress(out, { everyRows: 2, everyMs: 60_000, now: () => 0 });
    progress.setTotal(5);
    for (let i = 0; i < 5; i++) progress.increment();
    expect(lines).toEqual([
      'progress: 2/5 rows, estimating time left',
      'progress: 4/5 rows, estimating time left',
    ]);
  });

  it('prints a line when a row finishes some seconds after the last line, with the time left', () => {
    const { out, lines } = output(false);
    let now = 0;
    const progress = createProgress(out, { everyRows: 100, everyMs: 5000, now: () => now });
    progress.setTotal(3);
    progress.increment();
    now = 6000;
    progress.increment();
    expect(lines).toEqual(['progress: 2/3 rows, about 3 s left']);
  });

  it('prints nothing with --json', () => {
    const { out, lines } = output(true);
    const progress = createProgress(out, { everyRows: 1, now: () => 0 });
    progress.setTotal(2);
    progress.increment();
    expect(lines).toEqual([]);
  });
});

describe('time left', () => {
  it('waits for some rows and seconds before estimating', () => {
    expect(estimateRemainingMs(0, 100, 10_000)).toBeUndefined();
    expect(estimateRemainingMs(50, 100, 1000)).toBeUndefined();
  });

  it("follows the run's average rate, so one slow chunk does not swing it", () => {
    // 100 rows in 60 s, then a chunk of 100 rows took 60 s more: still 1 row in 0.6 s on average.
    expect(estimateRemainingMs(100, 1900, 60_000)).toBe(1_140_000);
    expect(estimateRemainingMs(200, 1800, 120_000)).toBe(1_080_000);
  });

  it('reads as minutes or seconds', () => {
    expect([describeRemaining(1_140_000), describeRemaining(40_000), describeRemaining(undefined)]).toEqual([
      'about 19 min left',
      'about 40 s left',
      'estimating time left',
    ]);
  });
});
