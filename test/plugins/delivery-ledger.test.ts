import { DeliveryLedger, type DeliveryAnswer } from '../../plugins/host/delivery-ledger';

function deferred() {
  let resolve!: (answer: DeliveryAnswer) => void;
  const promise = new Promise<DeliveryAnswer>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DeliveryLedger', () => {
  it('makes a retry that arrives while the first delivery runs wait for its answer', async () => {
    const ledger = new DeliveryLedger();
    const first = deferred();
    const second = jest.fn(async () => ({ status: 200, body: 'second' }));
    const a = ledger.run('req-1', () => first.promise);
    const b = ledger.run('req-1', second);
    first.resolve({ status: 200, body: 'first' });
    expect(await a).toEqual({ status: 200, body: 'first', duplicate: false });
    expect(await b).toEqual({ status: 200, body: 'first', duplicate: true });
    expect(second).not.toHaveBeenCalled();
  });

  it('forgets a failed (5xx) answer so a retry runs again', async () => {
    const ledger = new DeliveryLedger();
    await ledger.run('req-1', async () => ({ status: 500, body: null }));
    const retry = await ledger.run('req-1', async () => ({ status: 200, body: null }));
    expect(retry).toEqual({ status: 200, body: null, duplicate: false });
  });

  it('forgets the least recently seen delivery beyond its capacity', async () => {
    const ledger = new DeliveryLedger({ capacity: 2 });
    const work = jest.fn(async () => ({ status: 200, body: null }));
    await ledger.run('a', work);
    await ledger.run('b', work);
    await ledger.run('a', work);
    await ledger.run('c', work);
    await ledger.run('b', work);
    expect(work).toHaveBeenCalledTimes(4);
    expect(ledger.size).toBe(2);
  });
});
