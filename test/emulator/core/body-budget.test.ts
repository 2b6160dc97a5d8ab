/**
 * The budget large request bodies share: a body waits, unread, until the ones before it have given
 * their bytes back, in the order they came.
 */
import { BodyBudget } from '../../../emulator/http/request-body';

/** Whether `promise` has settled by the time queued callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('BodyBudget', () => {
  it('grants bodies that fit together at once', async () => {
    const budget = new BodyBudget(100);
    expect(await settled(Promise.all([budget.acquire(60), budget.acquire(40)]))).toBe(true);
  });

  it('holds a body back until the bytes it needs are given back', async () => {
    const budget = new BodyBudget(100);
    const release = await budget.acquire(60);
    const second = budget.acquire(60);
    expect(await settled(second)).toBe(false);
    release();
    expect(await settled(second)).toBe(true);
  });

  it('serves waiting bodies in order, a small one not overtaking a large one', async () => {
    const budget = new BodyBudget(100);
    const release = await budget.acquire(100);
    const order: string[] = [];
    const large = budget.acquire(90).then((r) => (order.push('large'), r));
    const small = budget.acquire(10).then((r) => (order.push('small'), r));
    release();
    await Promise.all([large, small]);
    expect(order).toEqual(['large', 'small']);
  });

  it('counts a release once, however often it is called', async () => {
    const budget = new BodyBudget(100);
    const release = await budget.acquire(100);
    release();
    release();
    await budget.acquire(100);
    expect(await settled(budget.acquire(1))).toBe(false);
  });
});
