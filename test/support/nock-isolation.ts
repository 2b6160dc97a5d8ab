/**
 * Runs before every test file (jest `setupFilesAfterEnv`).
 *
 * nock reads NOCK_BACK_MODE when it loads, and in `lockdown` (what CI sets) it bans every
 * connection. Each test file loads its own copy of nock, but all copies listen on the one `http`
 * module of the jest worker, and a copy left banning connections by an earlier file refuses the
 * later files' requests before their own copy can mock them or let them reach an in-process server
 * (the emulator, the webhook host). So: while a file runs, in lockdown only loopback may be
 * reached — CI still never touches a network; when the file ends, its copy is emptied and lets
 * everything through, leaving the decisions to the next file's copy.
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
});
