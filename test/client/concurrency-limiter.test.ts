import { ConcurrencyLimiter } from '../../sdk/client/pipeline/concurrency-limiter';

describe('ConcurrencyLimiter', () => {
  it('holds a caller back while the limit is reached and lets it in on release', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    let second = false;
    const waiting = limiter.acquire().then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    release();
    await waiting;
    expect(second).toBe(true);
  });

  it('lets waiters in when the limit is raised', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await limiter.acquire();
    const waiting = limiter.acquire();
    limiter.setLimit(2);
    await expect(waiting).resolves.toBeInstanceOf(Function);
    expect(limiter.inFlight).toBe(2);
  });

  it('frees a slot only once however often release is called', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const release = await limiter.acquire();
    await limiter.acquire();
    release();
    release();
    expect(limiter.inFlight).toBe(1);
  });

  it('rejects a waiter whose signal aborts and forgets it', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal, () => new Error('aborted'));
    controller.abort();
    await expect(waiting).rejects.toThrow('aborted');
    limiter.setLimit(5);
    expect(limiter.inFlight).toBe(1);
  });
});
