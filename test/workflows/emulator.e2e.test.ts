import { readFile } from 'fs/promises';
import { SEED } from '../../emulator/core';
import { startEmulator, type Emulator } from '../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import { invitationToWebApi, InvitationTable } from '../../sdk/entities/index';
import { WorkflowPatchError } from '../../sdk/workflows/errors';
import { WorkflowService } from '../../sdk/workflows/workflow-service';
import { readEmailStep } from '../../sdk/workflows/xaml/read-email-step';
import { tempDir } from './service-helpers';
import { seededXaml } from './xaml-helpers';

const patch = {
  subject: 'Welcome {contact.fullname}',
  body: '<p>Dear {contact.fullname},</p><p>Register here: {redeemUrl}</p>',
  redeemUrl: 'https://portal.example.com/register?invitation={code}',
};

let emulator: Emulator;
let client: DataverseClient;
let service: WorkflowService;

beforeEach(async () => {
  emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
  client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('test'),
    maxAttempts: 1,
  });
  service = new WorkflowService(client);
});
afterEach(async () => {
  await emulator.close();
});

async function newInvitation(code: string): Promise<string> {
  return client.create(
    InvitationTable.entitySet,
    invitationToWebApi({ name: 'E2E', type: 'single', code, inviteContactId: SEED.contacts.alice }),
  );
}

async function emailsAbout(invitationId: string) {
  const rows: Record<string, unknown>[] = [];
  for await (const row of client.list('emails', {
    select: ['subject', 'description'],
    filter: `_regardingobjectid_value eq ${invitationId}`,
  })) {
    rows.push(row);
  }
  return rows;
}

describe('WorkflowService against the emulator', () => {
  it('finds the seeded Send Invitation definition, activated, with the shipped XAML', async () => {
    const definition = await service.findDefinition();
    expect([definition.id, definition.state, definition.xaml === seededXaml]).toEqual([
      SEED.sendInvitationWorkflowId,
      1,
      true,
    ]);
  });

  it('patches the template so the next e-mail carries the new subject and a link with the code', async () => {
    const result = await service.patchTemplate('Send Invitation', patch, { backupDir: await tempDir() });
    const invitationId = await newInvitation('E2E-CODE-1');
    await service.execute(SEED.sendInvitationWorkflowId, invitationId);
    const [email] = await emailsAbout(invitationId);
    expect(result.status).toBe('updated');
    expect(email.subject).toBe('Welcome Alice Adams');
    expect(email.description).toContain('href="https://portal.example.com/register?invitation=E2E-CODE-1"');
  });

  it('reports unchanged on a second identical patch', async () => {
    const backupDir = await tempDir();
    await service.patchTemplate('Send Invitation', patch, { backupDir });
    const again = await service.patchTemplate('Send Invitation', patch, { backupDir });
    expect(again.status).toBe('unchanged');
  });

  it('restores the backed-up definition and its activated state', async () => {
    const result = await service.patchTemplate('Send Invitation', patch, { backupDir: await tempDir() });
    await service.restore(result.backupFile!);
    const definition = await service.findDefinition();
    expect([definition.state, readEmailStep(definition.xaml!).subject]).toEqual([
      1,
      "You're invited to our portal",
    ]);
    expect(JSON.parse(await readFile(result.backupFile!, 'utf8')).xaml).toBe(seededXaml);
  });

  it('rolls back to the original, activated definition when the xaml write is refused', async () => {
    emulator.faults.add({
      method: 'PATCH',
      path: /workflows\(/,
      bodyIncludes: '"xaml"',
      times: 1,
      status: 400,
      code: '0x80045040',
      message: 'The workflow XAML was not accepted.',
    });
    const error = await service
      .patchTemplate('Send Invitation', patch, { backupDir: await tempDir() })
      .catch((e: unknown) => e);
    const definition = await service.findDefinition();
    expect(error).toBeInstanceOf(WorkflowPatchError);
    expect([
      (error as WorkflowPatchError).rolledBack,
      definition.state,
      definition.xaml === seededXaml,
    ]).toEqual([true, 1, true]);
  });
});
