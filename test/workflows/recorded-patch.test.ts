/**
 * The exact request sequence of WorkflowService.patchTemplate, replayed from recordings made against
 * the emulator (record again with NOCK_BACK_MODE=record npx jest test/workflows/recorded-patch).
 * Request bodies are matched, so the inputs are fixed: template, sender, redeem URL and clock. nock
 * matches a request against any recorded one, not the next one, so each test also compares the
 * order of the requests sent with the expected sequence.
 */
import { SEED } from '../../emulator/core';
import { startEmulator } from '../../emulator/index';
import { transportOf } from '../../sdk/client/internal';
import type { PipelineRequest } from '../../sdk/client/pipeline/policy';
import { WorkflowPatchError } from '../../sdk/workflows/errors';
import { WorkflowService } from '../../sdk/workflows/workflow-service';
import type { TemplatePatch } from '../../sdk/workflows/xaml/patch-email-step';
import { withFixture } from '../support/fixtures';
import { testClient } from '../support/test-client';
import { NOW, tempDir } from './service-helpers';

const patch: TemplatePatch = {
  subject: 'Your invitation to the partner portal',
  body: '<p>Hello {contact.fullname}</p><p><a href="{redeemUrl}">Accept</a> or use code {code}.</p>',
  from: { logicalName: 'systemuser', id: SEED.systemUserId, name: 'Portal Mailer' },
  redeemUrl: 'https://portal.example.com/register?invitation={code}',
};
const RECORD = `workflows(${SEED.sendInvitationWorkflowId})`;
const FIND = 'GET workflows';
/** Asked once before the journal is written, so the journal names its environment. */
const WHO = 'GET WhoAmI()';
const READ = `GET ${RECORD}`;
const DEACTIVATE = `PATCH ${RECORD} statecode=0 statuscode=1`;
const WRITE_XAML = `PATCH ${RECORD} xaml`;
const ACTIVATE = `PATCH ${RECORD} statecode=1 statuscode=2`;

const startServer = () => startEmulator({ port: 0, db: ':memory:', seed: true });

async function startServerFailingXamlWrites() {
  const emulator = await startServer();
  emulator.faults.add({
    method: 'PATCH',
    path: /workflows\(/,
    bodyIncludes: 'xaml',
    times: 1,
    status: 500,
    code: '0x80040216',
    message: 'Injected failure while saving the workflow.',
  });
  return emulator;
}

/** `METHOD path` and, for a PATCH, its columns (values too, except the xaml), one per request sent. */
function describeRequest(request: PipelineRequest): string {
  const path = request.url.replace(/^.*\/api\/data\/v[\d.]+\//, '').split('?')[0];
  const method = request.method;
  if (method !== 'PATCH') return `${method} ${path}`;
  const body = (typeof request.body === 'string' ? JSON.parse(request.body) : request.body) as Record<
    string,
    unknown
  >;
  const columns = Object.entries(body).map(([key, value]) =>
    key === 'xaml' ? key : `${key}=${String(value)}`,
  );
  return `${method} ${path} ${columns.join(' ')}`;
}

/** Runs patchTemplate through a client that lists the requests it sends. */
async function patchRecording(url: string) {
  const { client } = testClient(url);
  const requests: string[] = [];
  transportOf(client).use({
    name: 'recorder',
    sendRequest: (request, next) => {
      requests.push(describeRequest(request));
      return next(request);
    },
  });
  const service = new WorkflowService(client, { now: () => NOW });
  const outcome = await service
    .patchTemplate('Send Invitation', patch, { backupDir: await tempDir() })
    .catch((error: unknown) => error);
  return { outcome, requests };
}

describe('recorded patchTemplate on the seeded Send Invitation', () => {
  it('finds the definition, deactivates, writes the xaml, activates and reads back, in that order', async () => {
    const { outcome, requests } = await withFixture('workflows/patch-template', patchRecording, {
      startServer,
    });
    expect(requests).toEqual([FIND, WHO, DEACTIVATE, WRITE_XAML, ACTIVATE, READ]);
    expect(outcome).toMatchObject({ status: 'updated', after: { subject: patch.subject, body: patch.body } });
  });

  it('after a refused xaml write, reads the definition and activates the untouched original again', async () => {
    const { outcome, requests } = await withFixture('workflows/patch-template-rollback', patchRecording, {
      startServer: startServerFailingXamlWrites,
    });
    expect(requests).toEqual([FIND, WHO, DEACTIVATE, WRITE_XAML, READ, ACTIVATE, READ]);
    expect(outcome).toBeInstanceOf(WorkflowPatchError);
    expect([(outcome as WorkflowPatchError).step, (outcome as WorkflowPatchError).rolledBack]).toEqual([
      'update xaml',
      true,
    ]);
  });
});
