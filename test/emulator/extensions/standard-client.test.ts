import { DynamicsWebApi } from 'dynamics-web-api';
import { SEED } from '../../../emulator/core';
import { startEmulator, type Emulator } from '../../../emulator/index';

/** The extensions' actions called through DynamicsWebApi, a Dataverse client nobody here wrote. */
let emulator: Emulator;
let api: DynamicsWebApi;

beforeEach(async () => {
  emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
  api = new DynamicsWebApi({
    serverUrl: `${emulator.url}/`,
    dataApi: { version: '9.2' },
    onTokenRefresh: async () => 'test-token',
  });
});
afterEach(() => emulator.close());

describe('a standard Dataverse client', () => {
  it('runs ExecuteWorkflow as a bound action and reads the system job it returns', async () => {
    const invitation: { adx_invitationid: string } = await api.create({
      collection: 'adx_invitations',
      data: {
        adx_name: 'Std client',
        adx_type: 756150000,
        'adx_inviteContact@odata.bind': `/contacts(${SEED.contacts.bob})`,
      },
      returnRepresentation: true,
    });
    const response = await api.callAction<{ Id: string }>({
      collection: 'workflows',
      key: SEED.sendInvitationWorkflowId,
      actionName: 'Microsoft.Dynamics.CRM.ExecuteWorkflow',
      action: { EntityId: invitation.adx_invitationid },
    });
    const job = await api.retrieve<{ statuscode: number }>({
      collection: 'asyncoperations',
      key: response.Id,
      select: ['statuscode'],
    });
    expect(job.statuscode).toBe(30);
  });

  it('exports a solution with ExportSolution as an unbound action', async () => {
    await api.create({
      collection: 'solutions',
      data: { uniquename: 'Std', friendlyname: 'Standard', version: '1.0.0.0' },
    });
    const response = await api.callAction<{ ExportSolutionFile: string }>({
      actionName: 'ExportSolution',
      action: { SolutionName: 'Std', Managed: false },
    });
    expect(Buffer.from(response.ExportSolutionFile, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});
