import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  invitationIdFor,
  openJob,
  rowInvitationId,
  stateFileFor,
  uuidV5,
  type JobState,
} from '../../../scripts/bulk/job-state';
import { contactKey, IdentityCounter, rowIdentity } from '../../../scripts/bulk/row-identity';

describe('uuidV5', () => {
  it('matches the RFC 9562 example for the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives each row of a job its own stable id', () => {
    const job = '0f9c1b1e-3a52-4c1d-9a3e-5d1f7b0c2e11';
    expect(rowInvitationId(job, 1)).toBe(rowInvitationId(job, 1));
    expect(rowInvitationId(job, 1)).not.toBe(rowInvitationId(job, 2));
  });
});

describe('openJob', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-state-'));
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'email\na@example.com\n');
    return { csv, results: join(dir, 'out.csv') };
  };

  it('writes a state file with a new job id next to the results', async () => {
    const { csv, results } = setup();
    const { state, resumed } = await openJob(csv, results, false);
    expect(resumed).toBe(false);
    expect(JSON.parse(readFileSync(stateFileFor(results), 'utf8')).jobId).toBe(state.jobId);
  });

  it('resumes with the same job id', async () => {
    const { csv, results } = setup();
    const first = await openJob(csv, results, false);
    const second = await openJob(csv, results, true);
    expect(second.state.jobId).toBe(first.state.jobId);
    expect(second.resumed).toBe(true);
  });

  it('says when the CSV changed since the job started', async () => {
    const { csv, results } = setup();
    await openJob(csv, results, false);
    writeFileSync(csv, 'email\nb@example.com\n');
    expect((await openJob(csv, results, true)).csvChanged).toBe(true);
  });

  it('refuses --resume when there is no state file', async () => {
    const { csv, results } = setup();
    await expect(openJob(csv, results, true)).rejects.toMatchObject({ exitCode: 2 });
    expect(existsSync(stateFileFor(results))).toBe(false);
  });

  it('refuses to start a new job over an existing one, which could duplicate invitations', async () => {
    const { csv, results } = setup();
    await openJob(csv, results, false);
    await expect(openJob(csv, results, false)).rejects.toMatchObject({
      hint: expect.stringMatching(/Add --resume/),
    });
  });
});

describe('invitationIdFor', () => {
  const base = { jobId: '0f9c1b1e-3a52-4c1d-9a3e-5d1f7b0c2e11', csv: 'in.csv', csvSha256: '', startedAt: '' };
  const v2: JobState = { ...base, version: 2 };

  it('gives a version-2 row the same id wherever it sits in the file', () => {
    expect(invitationIdFor(v2, { row: 2, identity: 'erin#1' })).toBe(
      invitationIdFor(v2, { row: 1, identity: 'erin#1' }),
    );
  });

  it('gives a version-3 row the id of its contact, whatever else the row says', () => {
    const v3: JobState = { ...base, version: 3 };
    expect(invitationIdFor(v3, { row: 7, identity: 'a#2', key: 'contact:erin@example.com' })).toBe(
      invitationIdFor(v3, { row: 1, identity: 'b#1', key: 'contact:erin@example.com' }),
    );
  });

  it('keeps row-number ids for a state file written before versioning', () => {
    expect(invitationIdFor(base, { row: 2, identity: 'erin#1' })).toBe(rowInvitationId(base.jobId, 2));
  });
});

describe('openJob versions', () => {
  it('starts new jobs at version 3 (ids by contact)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-state-'));
    writeFileSync(join(dir, 'in.csv'), 'email\n');
    const { state } = await openJob(join(dir, 'in.csv'), join(dir, 'out.csv'), false);
    expect(state.version).toBe(3);
  });

  it('refuses a state file from an unknown future version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-state-'));
    writeFileSync(join(dir, 'in.csv'), 'email\n');
    writeFileSync(
      stateFileFor(join(dir, 'out.csv')),
      JSON.stringify({ version: 9, jobId: '0f9c1b1e-3a52-4c1d-9a3e-5d1f7b0c2e11' }),
    );
    await expect(openJob(join(dir, 'in.csv'), join(dir, 'out.csv'), true)).rejects.toMatchObject({
      exitCode: 2,
    });
  });
});

describe('contactKey', () => {
  it('is the same for the same address in another case', () => {
    expect(contactKey({ type: 'single', contact: 'Erin@Example.com' })).toBe(
      contactKey({ type: 'single', contact: 'erin@example.com', webRoles: ['Partners'] }),
    );
  });

  it('tells apart the same contact on different sites when the CSV names sites', () => {
    const input = { type: 'single' as const, contact: 'erin@example.com' };
    expect(contactKey(input, 'Partners portal')).not.toBe(contactKey(input, 'Customer portal'));
  });
});

describe('rowIdentity', () => {
  it('ignores the case of the e-mail address and the order of the roles', () => {
    expect(rowIdentity({ type: 'single', contact: 'Erin@Example.com', webRoles: ['B', 'a'] })).toBe(
      rowIdentity({ type: 'single', contact: 'erin@example.com', webRoles: ['A', 'b'] }),
    );
  });

  it('tells apart invitations granting different roles', () => {
    expect(rowIdentity({ type: 'single', contact: 'e@example.com', webRoles: ['a'] })).not.toBe(
      rowIdentity({ type: 'single', contact: 'e@example.com', webRoles: ['b'] }),
    );
  });

  it('numbers repeats of one identity', () => {
    const counter = new IdentityCounter();
    expect([counter.next('x'), counter.next('y'), counter.next('x')]).toEqual(['x#1', 'y#1', 'x#2']);
  });
});
