import nock from 'nock';
import { mkdtemp } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import { WorkflowService } from '../../sdk/workflows/workflow-service';

/** Host the nock scopes answer for. */
export const ORG = 'https://contoso.crm.dynamics.com';
/** Web API root path. */
export const API = '/api/data/v9.2';
/** The seeded Send Invitation id. */
export const WORKFLOW_ID = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
/** A fixed clock for backup names. */
export const NOW = new Date('2026-11-21T09:00:00.000Z');

/** A service over a client that never retries, with a fixed clock. */
export function newService(): WorkflowService {
  const client = new DataverseClient({
    url: ORG,
    credential: new StaticTokenCredential('test-token'),
    maxAttempts: 1,
    sleep: async () => undefined,
  });
  return new WorkflowService(client, { now: () => NOW });
}

/** A workflow row as the Web API returns it. */
export function workflowRow(
  xaml: string,
  statecode = 1,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    '@odata.etag': 'W/"1"',
    workflowid: WORKFLOW_ID,
    name: 'Send Invitation',
    primaryentity: 'adx_invitation',
    category: 0,
    type: 1,
    mode: 0,
    ondemand: true,
    statecode,
    statuscode: statecode === 1 ? 2 : 1,
    xaml,
    ...extra,
  };
}

/** A fresh empty directory for backups. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'wf-backup-'));
}

/** The organization the nock environment answers WhoAmI with. */
export const ORGANIZATION_ID = '0b5c6f1e-8d2a-4c3b-9e7f-1a2b3c4d5e6f';

/**
 * Answers WhoAmI (which a workflow change asks once, to record its environment in the journal)
 * for as long as the test runs, on a scope of its own, so the request lists and `scope.done()` of
 * the definition's scope stay about the definition.
 */
export function answerWhoAmI(organizationId = ORGANIZATION_ID): nock.Scope {
  return nock(ORG).persist().get(`${API}/WhoAmI()`).reply(200, {
    UserId: '00000000-0000-4000-8000-0000000000aa',
    BusinessUnitId: '00000000-0000-4000-8000-0000000000bb',
    OrganizationId: organizationId,
  });
}
