import { writeFile } from 'fs/promises';
import { join } from 'path';
import nock from 'nock';
import { InvalidArgumentError } from '../../sdk/errors';
import { patchEmailStep } from '../../sdk/workflows/xaml/patch-email-step';
import { answerWhoAmI, API, ORG, WORKFLOW_ID, newService, tempDir, workflowRow } from './service-helpers';
import { seededXaml } from './xaml-helpers';

const patchedXaml = patchEmailStep(seededXaml, {
  subject: 'Your code',
  body: '<p>Use {code} at {redeemUrl}</p>',
  redeemUrl: 'https://p.example.com/r?c={code}',
}).xaml;
const record = `${API}/workflows(${WORKFLOW_ID})`;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => answerWhoAmI());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('WorkflowService.restore', () => {
  it('deactivates, puts the backed-up xaml back and restores the activated state', async () => {
    const dir = await tempDir();
    const file = join(dir, 'backup.json');
    await writeFile(
      file,
      JSON.stringify({
        workflowId: WORKFLOW_ID,
        name: 'Send Invitation',
        statecode: 1,
        statuscode: 2,
        xaml: seededXaml,
        takenAt: '2026-11-21T09:00:00.000Z',
      }),
    );
    const scope = nock(ORG)
      .get(record)
      .query(true)
      .reply(200, workflowRow(patchedXaml, 1))
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(204)
      .patch(record, { xaml: seededXaml })
      .reply(204)
      .patch(record, { statecode: 1, statuscode: 2 })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(seededXaml, 1));
    await newService().restore(file);
    scope.done();
  });

  it('refuses a file that is not a workflow backup, naming the bad field', async () => {
    const dir = await tempDir();
    const file = join(dir, 'backup.json');
    await writeFile(file, JSON.stringify({ workflowId: 'nope' }));
    await expect(newService().restore(file)).rejects.toThrow(/"workflowId" should be a GUID/);
  });

  it('refuses a missing backup file as a bad backupFile argument, before any request', async () => {
    const file = join(await tempDir(), 'missing.json');
    const error = await newService()
      .restore(file)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'backupFile', message: expect.stringMatching(/ENOENT/) });
  });
});
