import nock from 'nock';
import { DataverseError } from '../../sdk/client/errors';
import { WorkflowDefinitionError } from '../../sdk/workflows/errors';
import { API, ORG, WORKFLOW_ID, newService, workflowRow } from './service-helpers';
import { seededXaml } from './xaml-helpers';

const definitionFilter = "name eq 'Send Invitation' and type eq 1 and category eq 0";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('WorkflowService.findDefinition', () => {
  it('returns the single classic definition with its xaml', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query((q) => q.$filter === definitionFilter && String(q.$select).includes('xaml'))
      .reply(200, { value: [workflowRow(seededXaml)] });
    const found = await newService().findDefinition();
    expect([found.id, found.state, found.xaml === seededXaml]).toEqual([WORKFLOW_ID, 1, true]);
    scope.done();
  });

  it('lists same-named workflows of other kinds when no definition matches', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query((q) => q.$filter === definitionFilter)
      .reply(200, { value: [] })
      .get(`${API}/workflows`)
      .query((q) => q.$filter === "name eq 'Send Invitation'")
      .reply(200, {
        value: [workflowRow('', 1, { workflowid: 'aaaaaaaa-0000-4000-8000-000000000002', type: 2 })],
      });
    await expect(newService().findDefinition()).rejects.toThrow(
      /aaaaaaaa-0000-4000-8000-000000000002 \(type 2/,
    );
    scope.done();
  });

  it('refuses when several definitions share the name', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query(true)
      .reply(200, {
        value: [
          workflowRow(seededXaml),
          workflowRow(seededXaml, 0, { workflowid: 'bbbbbbbb-0000-4000-8000-000000000003' }),
        ],
      });
    await expect(newService().findDefinition()).rejects.toBeInstanceOf(WorkflowDefinitionError);
    scope.done();
  });

  it('escapes quotes in the name', async () => {
    const scope = nock(ORG)
      .get(`${API}/workflows`)
      .query((q) => q.$filter === "name eq 'Bob''s flow' and type eq 1 and category eq 0")
      .reply(200, { value: [workflowRow(seededXaml)] });
    await newService().findDefinition("Bob's flow");
    scope.done();
  });
});

describe('WorkflowService state and execution', () => {
  it('activates with statecode 1 / statuscode 2', async () => {
    const scope = nock(ORG)
      .patch(`${API}/workflows(${WORKFLOW_ID})`, { statecode: 1, statuscode: 2 })
      .reply(204);
    await newService().activate(WORKFLOW_ID);
    scope.done();
  });

  it('deactivates with statecode 0 / statuscode 1', async () => {
    const scope = nock(ORG)
      .patch(`${API}/workflows(${WORKFLOW_ID})`, { statecode: 0, statuscode: 1 })
      .reply(204);
    await newService().deactivate(WORKFLOW_ID);
    scope.done();
  });

  it('executes on a record and returns the system job id', async () => {
    const scope = nock(ORG)
      .post(`${API}/workflows(${WORKFLOW_ID})/Microsoft.Dynamics.CRM.ExecuteWorkflow`, {
        EntityId: '11111111-1111-1111-1111-111111111111',
      })
      .reply(200, { '@odata.context': 'x', Id: '99999999-9999-4999-8999-999999999999' });
    await expect(newService().execute(WORKFLOW_ID, '11111111-1111-1111-1111-111111111111')).resolves.toBe(
      '99999999-9999-4999-8999-999999999999',
    );
    scope.done();
  });

  it('fails with a DataverseError when the answer carries no system job id', async () => {
    const scope = nock(ORG)
      .post(`${API}/workflows(${WORKFLOW_ID})/Microsoft.Dynamics.CRM.ExecuteWorkflow`)
      .reply(200, { '@odata.context': 'x' });
    const error = await newService()
      .execute(WORKFLOW_ID, '11111111-1111-1111-1111-111111111111')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataverseError);
    expect((error as Error).message).toMatch(/without the system job id \(Id\)/);
    scope.done();
  });
});
