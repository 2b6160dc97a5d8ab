import { headerNumber, RateLimitHeaders, RequestPacer } from '../../sdk/client/pipeline/pacing';

const W = 10_000;
const remaining = (n: number) => ({ [RateLimitHeaders.burstRemaining]: String(n) });

describe('RequestPacer', () => {
  it('sends at once until a response has said what is left', () => {
    const pacer = new RequestPacer({ windowMs: W });
    expect([0, 1, 2].map((t) => pacer.reserve(t).at)).toEqual([0, 1, 2]);
  });

  it('holds the send over the limit until the first counted one has left the window', () => {
    const pacer = new RequestPacer({ windowMs: W, guardMs: 0 });
    const first = pacer.reserve(0);
    pacer.observe(first, remaining(2), 5); // limit 3: this one and 2 more
    pacer.observe(pacer.reserve(6), remaining(1), 8);
    pacer.observe(pacer.reserve(9), remaining(0), 12);
    expect(pacer.estimatedLimit).toBe(3);
    // Counted on arrival, at the latest when its response came back (5): free at 5 + W.
    expect(pacer.reserve(13).at).toBe(5 + W);
  });

  it('spaces the sends that queue behind a full window, one per leaving send', () => {
    const pacer = new RequestPacer({ windowMs: W, guardMs: 0 });
    const sends = [0, 100, 200].map((t) => pacer.reserve(t));
    sends.forEach((send, i) => pacer.observe(send, remaining(2 - i), send.at + 10));
    expect([pacer.reserve(300).at, pacer.reserve(300).at]).toEqual([10 + W, 110 + W]);
  });

  it('keeps the lowest recent estimate, not one from answers that counted a send still in transit', () => {
    const pacer = new RequestPacer({ windowMs: W, guardMs: 0 });
    pacer.observe(pacer.reserve(0), remaining(2), 1); // limit 3
    const b = pacer.reserve(2);
    const [c, d] = [pacer.reserve(3), pacer.reserve(4)];
    // c and d reach the server before b: their answers count b although the server has not yet.
    pacer.observe(c, remaining(1), 5);
    pacer.observe(d, remaining(0), 6);
    expect(pacer.estimatedLimit).toBe(3);
    expect(b.doneAt).toBeUndefined();
  });

  it('leaves out of an estimate the sends that left the window before the answer', () => {
    const pacer = new RequestPacer({ windowMs: W, guardMs: 0 });
    pacer.observe(pacer.reserve(0), remaining(1), 10);
    const late = pacer.reserve(W + 5); // the send at 0 leaves the server's window at W
    pacer.observe(late, remaining(1), W + 20);
    expect(pacer.estimatedLimit).toBe(2);
  });

  it('does not count an attempt the server refused with 429', () => {
    const pacer = new RequestPacer({ windowMs: W, guardMs: 0 });
    const a = pacer.reserve(0);
    pacer.observe(a, remaining(1), 1);
    const refused = pacer.reserve(2);
    pacer.observe(refused, remaining(0), 3);
    pacer.cancel(refused);
    expect(pacer.reserve(4).at).toBe(4);
  });

  it('waits for the oldest send to leave when the execution time left is used up', () => {
    const pacer = new RequestPacer({ windowMs: W, guardMs: 0 });
    const a = pacer.reserve(0);
    pacer.observe(a, { [RateLimitHeaders.timeRemaining]: '0.00' }, 50);
    expect(pacer.reserve(60).at).toBe(50 + W);
  });

  it('refuses a window that is not a positive number of milliseconds', () => {
    expect(() => new RequestPacer({ windowMs: 0 })).toThrow(/rateLimitWindowMs/);
  });
});

describe('headerNumber', () => {
  it('reads plain and thousands-separated numbers', () => {
    expect(headerNumber('5999')).toBe(5999);
    expect(headerNumber('1,199.88')).toBe(1199.88);
    expect(headerNumber('')).toBeUndefined();
    expect(headerNumber('soon')).toBeUndefined();
  });
});
