import { readdir, readFile } from 'fs/promises';
import nock from 'nock';
import { WorkflowPatchError } from '../../sdk/workflows/errors';
import { patchEmailStep, type TemplatePatch } from '../../sdk/workflows/xaml/patch-email-step';
import { answerWhoAmI, API, ORG, WORKFLOW_ID, newService, tempDir, workflowRow } from './service-helpers';
import { seededXaml } from './xaml-helpers';

const patch: TemplatePatch = {
  subject: 'Your code',
  body: '<p>Use {code} at {redeemUrl}</p>',
  redeemUrl: 'https://p.example.com/r?c={code}',
};
const patchedXaml = patchEmailStep(seededXaml, patch).xaml;
const record = `${API}/workflows(${WORKFLOW_ID})`;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => answerWhoAmI());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** `GET <set>` or `PATCH <columns>` for each request the scope answers, in order. */
function requestsTo(scope: nock.Scope): string[] {
  const sent: string[] = [];
  scope.on('request', (request: { method: string; path: string }, _interceptor: unknown, body: string) => {
    const path = request.path.split('?')[0].replace(`${API}/`, '').replace(WORKFLOW_ID, 'id');
    sent.push(
      request.method === 'GET'
        ? `GET ${path}`
        : `${request.method} ${Object.keys(JSON.parse(body)).join(',')}`,
    );
  });
  return sent;
}

function definitionScope(xaml: string, statecode = 1) {
  return nock(ORG)
    .get(`${API}/workflows`)
    .query(true)
    .reply(200, { value: [workflowRow(xaml, statecode)] });
}

describe('WorkflowService.patchTemplate', () => {
  it('backs up, deactivates, writes, reactivates and verifies an activated definition', async () => {
    const backupDir = await tempDir();
    const steps: string[] = [];
    const scope = definitionScope(seededXaml)
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(204)
      .patch(record, { xaml: patchedXaml })
      .reply(204)
      .patch(record, { statecode: 1, statuscode: 2 })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(patchedXaml, 1));
    const result = await newService().patchTemplate('Send Invitation', patch, {
      backupDir,
      onStep: (s) => steps.push(s),
    });
    scope.done();
    expect([result.status, result.after.subject]).toEqual(['updated', 'Your code']);
    expect(steps.slice(-4)).toEqual(['deactivate', 'update xaml', 'activate', 'verify']);
  });

  it('writes a backup holding the original xaml and state', async () => {
    const backupDir = await tempDir();
    definitionScope(seededXaml)
      .patch(record)
      .times(3)
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(patchedXaml, 1));
    const result = await newService().patchTemplate('Send Invitation', patch, { backupDir });
    const backup = JSON.parse(await readFile(result.backupFile!, 'utf8'));
    expect(backup).toEqual({
      workflowId: WORKFLOW_ID,
      name: 'Send Invitation',
      statecode: 1,
      statuscode: 2,
      xaml: seededXaml,
      takenAt: '2026-11-21T09:00:00.000Z',
    });
  });

  it('does not deactivate or reactivate a Draft definition', async () => {
    const backupDir = await tempDir();
    const scope = definitionScope(seededXaml, 0)
      .patch(record, { xaml: patchedXaml })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(patchedXaml, 0));
    await expect(newService().patchTemplate('Send Invitation', patch, { backupDir })).resolves.toMatchObject({
      status: 'updated',
    });
    scope.done();
  });

  it('reports unchanged and writes nothing when the step already reads as requested', async () => {
    const backupDir = await tempDir();
    const scope = definitionScope(patchedXaml);
    const result = await newService().patchTemplate('Send Invitation', patch, { backupDir });
    scope.done();
    expect([result.status, result.backupFile, await readdir(backupDir)]).toEqual([
      'unchanged',
      undefined,
      [],
    ]);
  });

  it('writes nothing at all in a dry run, not even the backup', async () => {
    const backupDir = await tempDir();
    const scope = definitionScope(seededXaml);
    const result = await newService().patchTemplate('Send Invitation', patch, { backupDir, dryRun: true });
    scope.done();
    expect([result.status, result.after.body, await readdir(backupDir)]).toEqual([
      'dry-run',
      '<p>Use {code} at {redeemUrl}</p>',
      [],
    ]);
  });

  it('rolls back to the active original when the xaml write fails after deactivation', async () => {
    const backupDir = await tempDir();
    const scope = definitionScope(seededXaml)
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(204)
      .patch(record, { xaml: patchedXaml })
      .reply(400, { error: { code: '0x80045040', message: 'The workflow cannot be updated.' } })
      .get(record)
      .query(true)
      .reply(200, workflowRow(seededXaml, 0))
      .patch(record, { statecode: 1, statuscode: 2 })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(seededXaml, 1));
    const error: WorkflowPatchError = await newService()
      .patchTemplate('Send Invitation', patch, { backupDir })
      .catch((e) => e);
    scope.done();
    expect(error).toBeInstanceOf(WorkflowPatchError);
    expect([error.step, error.rolledBack, error.backupFile?.startsWith(backupDir)]).toEqual([
      'update xaml',
      true,
      true,
    ]);
    expect(error.message).toMatch(/failed at "update xaml".*restored.*Backup: /s);
  });

  it('puts the original xaml back when verification finds a different definition', async () => {
    const backupDir = await tempDir();
    const scope = definitionScope(seededXaml)
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(204)
      .patch(record, { xaml: patchedXaml })
      .reply(204)
      .patch(record, { statecode: 1, statuscode: 2 })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(seededXaml, 1))
      .get(record)
      .query(true)
      .reply(200, workflowRow(patchedXaml, 1))
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(204)
      .patch(record, { xaml: seededXaml })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(seededXaml, 0))
      .patch(record, { statecode: 1, statuscode: 2 })
      .reply(204)
      .get(record)
      .query(true)
      .reply(200, workflowRow(seededXaml, 1));
    const error: WorkflowPatchError = await newService()
      .patchTemplate('Send Invitation', patch, { backupDir })
      .catch((e) => e);
    scope.done();
    expect([error.step, error.rolledBack]).toEqual(['verify', true]);
  });

  it('says the rollback failed and how to restore when it cannot put the original back', async () => {
    const backupDir = await tempDir();
    const unavailable = { error: { code: '0x80040216', message: 'Unavailable.' } };
    // Every rollback request gets an answer: an unmatched request makes nock raise an error that,
    // once earlier test files have stacked their nock copies on the worker's http module, escapes
    // as an unhandled 'error' event and fails whichever test is running.
    const scope = definitionScope(seededXaml)
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(204)
      .patch(record, { xaml: patchedXaml })
      .reply(500, { error: { code: '0x80040216', message: 'Unexpected error.' } })
      .get(record)
      .query(true)
      .reply(503, unavailable)
      .patch(record, { statecode: 0, statuscode: 1 })
      .reply(503, unavailable)
      .patch(record, { xaml: seededXaml })
      .reply(503, unavailable)
      .get(record)
      .query(true)
      .reply(503, unavailable);
    const sent = requestsTo(scope);
    const error: WorkflowPatchError = await newService()
      .patchTemplate('Send Invitation', patch, { backupDir })
      .catch((e) => e);
    scope.done();
    expect(sent).toEqual([
      'GET workflows',
      'PATCH statecode,statuscode',
      'PATCH xaml',
      'GET workflows(id)',
      'PATCH statecode,statuscode',
      'PATCH xaml',
      'GET workflows(id)',
    ]);
    expect([error.rolledBack, error.message]).toEqual([
      false,
      expect.stringContaining('workflow restore --backup'),
    ]);
  });

  it('fails before any write when the template is invalid', async () => {
    const backupDir = await tempDir();
    const scope = definitionScope(seededXaml);
    await expect(
      newService().patchTemplate('Send Invitation', { subject: 'x', body: '{nope}' }, { backupDir }),
    ).rejects.toThrow(/Unknown placeholder/);
    scope.done();
    expect(await readdir(backupDir)).toEqual([]);
  });
});
