/**
 * Runs before every test file (jest `setupFilesAfterEnv`).
 *
 * Each test file loads its own copy of nock, but all copies patch the one `http`/`https` module
 * of the jest worker. A copy that stays installed after its file wraps every later copy: requests
 * then pass through a chain of stale mock sockets, and when the current copy refuses a request
 * ("No match for request") the error is re-emitted up that chain onto sockets whose listeners were
 * already removed, crashing the whole worker instead of failing the request. So when a file ends,
 * its copy takes itself off `http`/`https` (`nock.restore()`), leaving the next file's copy the
 * only one.
 *
 * Pending nock timers are not cancelled here: a request a test left in flight (e.g. the other half
 * of a `Promise.all` that already rejected) would then never settle and its client's timeout timer
 * would hold the run. A file whose `.delay()` replies are never consumed cancels them itself
 * (`nock.abortPendingRequests()` after each test, as test/client/abort-timeout.test.ts does).
 *
 * nock reads NOCK_BACK_MODE when it loads, and in `lockdown` (what CI sets) it bans every
 * connection; while a file runs, only loopback may then be reached (the emulator, the webhook
 * host), so CI still never touches a network.
 */
import nock from 'nock';

const lockdown = process.env.NOCK_BACK_MODE === 'lockdown';

function isLoopback(host: string): boolean {
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
}

if (lockdown) nock.enableNetConnect(isLoopback);
else nock.enableNetConnect();

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
