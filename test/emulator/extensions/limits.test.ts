import { ServiceProtectionGate, createLimitsGate } from '../../../emulator/extensions/limits';

const USER = 'user-1';

describe('ServiceProtectionGate', () => {
  it('admits requests up to the request limit', () => {
    const gate = new ServiceProtectionGate({ maxRequests: 3, windowMs: 1000 });
    for (let i = 0; i < 3; i++) {
      expect(gate.admit(USER, i)).toBeNull();
      gate.release(USER, i, i);
    }
  });

  it('refuses the request over the limit with 0x80072322 and the seconds until the window frees one', () => {
    const gate = new ServiceProtectionGate({ maxRequests: 2, windowMs: 10_000 });
    gate.admit(USER, 0);
    gate.release(USER, 0, 0);
    gate.admit(USER, 1000);
    gate.release(USER, 1000, 1000);
    const refused = gate.admit(USER, 2000);
    expect(refused).toMatchObject({ code: '0x80072322', retryAfterSeconds: 8 });
    expect(refused?.message).toMatch(/limit of 2/);
  });

  it('admits again once the oldest request leaves the sliding window', () => {
    const gate = new ServiceProtectionGate({ maxRequests: 1, windowMs: 1000 });
    gate.admit(USER, 0);
    gate.release(USER, 0, 0);
    expect(gate.admit(USER, 999)).not.toBeNull();
    expect(gate.admit(USER, 1000)).toBeNull();
  });

  it('lets requests leave the window in arrival order when one was admitted after a later one', () => {
    const gate = new ServiceProtectionGate({ maxRequests: 2, windowMs: 1000 });
    gate.admit(USER, 500); // arrived at 500, body read first
    gate.admit(USER, 0); // arrived at 0, admitted after
    expect(gate.responseHeaders(USER, 1000)['x-ms-ratelimit-burst-remaining-xrm-requests']).toBe('1');
  });

  it('counts each user separately', () => {
    const gate = new ServiceProtectionGate({ maxRequests: 1 });
    gate.admit(USER, 0);
    expect(gate.admit('user-2', 0)).toBeNull();
  });

  it('refuses a request over the concurrency limit with 0x80072326 until one ends', () => {
    const gate = new ServiceProtectionGate({ maxConcurrent: 2 });
    gate.admit(USER, 0);
    gate.admit(USER, 0);
    expect(gate.admit(USER, 0)).toMatchObject({ code: '0x80072326', retryAfterSeconds: 1 });
    gate.release(USER, 0, 5);
    expect(gate.admit(USER, 5)).toBeNull();
  });

  it('refuses once the combined execution time in the window is used up, with 0x80072321', () => {
    const gate = new ServiceProtectionGate({ maxExecutionTimeMs: 3000, windowMs: 60_000 });
    gate.admit(USER, 0);
    gate.release(USER, 0, 2000);
    gate.admit(USER, 2000);
    gate.release(USER, 2000, 3500);
    const refused = gate.admit(USER, 4000);
    expect(refused).toMatchObject({ code: '0x80072321' });
    // The first execution (ended at 2 s) leaving the window brings the total back under the limit.
    expect(refused?.retryAfterSeconds).toBe(58);
  });

  it('uses the documented defaults', () => {
    const gate = new ServiceProtectionGate();
    expect(gate.limits).toMatchObject({
      maxRequests: 6000,
      maxConcurrent: 52,
      windowMs: 300_000,
      maxExecutionTimeMs: 1_200_000,
    });
  });

  it('reports its degree-of-parallelism hint', () => {
    expect(new ServiceProtectionGate({ dopHint: 7 }).dopHint()).toBe(7);
  });
});

describe('createLimitsGate', () => {
  it('is off unless asked for', () => {
    expect(createLimitsGate(undefined)).toBeUndefined();
    expect(createLimitsGate(false)).toBeUndefined();
  });

  it('takes overrides', () => {
    const gate = createLimitsGate({ maxRequests: 5 }) as ServiceProtectionGate;
    expect(gate.limits.maxRequests).toBe(5);
  });
});

describe('ServiceProtectionGate response headers', () => {
  it('tells what is left of the window: requests and combined execution time in seconds', () => {
    const gate = new ServiceProtectionGate({
      maxRequests: 10,
      maxExecutionTimeMs: 5000,
      windowMs: 60_000,
      dopHint: 4,
    });
    gate.admit(USER, 0);
    gate.release(USER, 0, 1500);
    gate.admit(USER, 2000);
    expect(gate.responseHeaders(USER, 2000)).toEqual({
      'x-ms-dop-hint': '4',
      'x-ms-ratelimit-burst-remaining-xrm-requests': '8',
      'x-ms-ratelimit-time-remaining-xrm-requests': '3.50',
    });
  });

  it("answers a refused request with Microsoft's message for the request limit", () => {
    const gate = new ServiceProtectionGate({ maxRequests: 1, windowMs: 300_000 });
    gate.admit(USER, 0);
    expect(gate.admit(USER, 1)?.message).toBe(
      'Number of requests exceeded the limit of 1 over time window of 300 seconds.',
    );
  });
});
