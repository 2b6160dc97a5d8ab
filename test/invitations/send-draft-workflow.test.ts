/**
 * Sending while Send Invitation is in Draft (a template change that died between deactivate and
 * activate, or a manual deactivation): nothing is sent, and the error names the definition and how
 * to bring it back, instead of saying that no such workflow exists.
 */
import { SEED, startEmulator, type Emulator } from '../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import { InvitationError, InvitationService } from '../../sdk/invitations/index';
import { WorkflowService } from '../../sdk/workflows/index';

let emulator: Emulator;
let client: DataverseClient;
beforeEach(async () => {
  emulator = await startEmulator({ port: 0, db: ':memory:', seed: true });
  client = new DataverseClient({ url: emulator.url, credential: new StaticTokenCredential('draft') });
});
afterEach(() => emulator.close());

test('send names the Draft definition and the commands that recover it, and sends nothing', async () => {
  const service = new InvitationService(client, { handlers: 'in-process' });
  const created = await service.create({ type: 'single', contact: 'alice.adams@example.com' });
  await new WorkflowService(client).deactivate(SEED.sendInvitationWorkflowId);

  const error = await service.send(created.id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvitationError);
  expect((error as InvitationError).reason).toBe('invalid');
  expect((error as Error).message).toContain(
    `so nothing can be sent: ${SEED.sendInvitationWorkflowId} is in Draft`,
  );
  expect((error as Error).message).toContain('`portal-invite workflow activate`');
  const jobs = await client.count('asyncoperations', { filter: `_regardingobjectid_value eq ${created.id}` });
  expect(jobs).toBe(0);

  await new WorkflowService(client).activate(SEED.sendInvitationWorkflowId);
  expect(await service.send(created.id)).toMatchObject([{ status: 'sent' }]);
});
