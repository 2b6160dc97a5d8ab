/**
 * Set-up for the exactly-once tests of applying a redemption: an in-process emulator behind a
 * recording proxy, an activated redemption workflow on contact, and a committed redemption of an
 * invitation that assigns an account, two web roles and that workflow — with counters of what
 * Dataverse received and holds (workflow jobs, role links, contact writes).
 */
import { startEmulator, type Emulator } from '../../emulator/index';
import { SEED } from '../../emulator/core';
import type { DataverseApi } from '../../sdk/client/api';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { InvitationService } from '../../sdk/invitations/service';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';

export { SEED };

/** A classic workflow with no steps: every run is one system job, nothing else. */
const EMPTY_WORKFLOW_XAML =
  '<Activity xmlns="http://schemas.microsoft.com/netfx/2009/xaml/activities" ' +
  'xmlns:mxswa="clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities;assembly=Microsoft.Xrm.Sdk.Workflow, Version=8.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35">' +
  '<mxswa:Workflow /></Activity>';

/** The redemption under test. */
export interface Redemption {
  redemptionId: string;
  invitationId: string;
  contactId: string;
  workflowId: string;
  roleIds: string[];
}

/** What Dataverse received and holds for the redemption. */
export interface Effects {
  /** System jobs of the redemption workflow on the contact (Dataverse state). */
  workflowJobs: number;
  /** ExecuteWorkflow requests that Dataverse answered with success. */
  executeWorkflowCalls: number;
  /** Per granted role: how many links the contact holds to it (Dataverse state). */
  roleLinks: Record<string, number>;
  /** Successful POSTs linking a role to the contact. */
  associateCalls: number;
  /** Successful PATCHes of the contact (the account is its only write). */
  contactWrites: number;
  /** The redemption activity's statecode (1 = Completed). */
  redemptionState: number;
}

/** A running emulator, the proxy in front of it and a client through the proxy. */
export interface ApplyHarness {
  emulator: Emulator;
  proxy: RecordingProxy;
  /** A new client (its own HTTP connections and throttle) through the proxy, as another process has. */
  newClient(): DataverseClient;
  /** A client straight to the emulator, for set-up and inspection (not counted). */
  direct: DataverseClient;
  redeem(contactId?: string): Promise<Redemption>;
  effects(r: Redemption): Promise<Effects>;
  close(): Promise<void>;
}

function client(url: string): DataverseClient {
  return new DataverseClient({ url, credential: new StaticTokenCredential('apply-test-token') });
}

async function createWorkflow(api: DataverseApi): Promise<string> {
  const id = await api.create('workflows', {
    name: 'Welcome partner',
    type: 1,
    category: 0,
    mode: 0,
    ondemand: true,
    primaryentity: 'contact',
    xaml: EMPTY_WORKFLOW_XAML,
  });
  await api.update('workflows', id, { statecode: 1, statuscode: 2 });
  return id;
}

/** Starts the emulator and proxy; `redeem()` then makes a committed, not yet applied redemption. */
export async function startApplyHarness(): Promise<ApplyHarness> {
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: true });
  const proxy = await startRecordingProxy(emulator.url);
  const direct = client(emulator.url);
  const workflowId = await createWorkflow(direct);
  const roleIds = [SEED.webRoles.partners, SEED.webRoles.administrators];
  return {
    emulator,
    proxy,
    direct,
    newClient: () => client(proxy.url),
    async redeem(contactId = SEED.contacts.bob) {
      const service = new InvitationService(direct, { handlers: 'server' });
      const invitation = await service.create({
        type: 'single',
        contact: contactId,
        account: SEED.accountId,
        webRoles: roleIds,
        redemptionWorkflow: workflowId,
      });
      const redeemed = await service.redeem(invitation.code!, { contactId });
      return { ...redeemed, workflowId, roleIds };
    },
    async effects(r) {
      const jobs = await direct.count('asyncoperations', {
        filter: `_regardingobjectid_value eq ${r.contactId} and _workflowactivationid_value eq ${r.workflowId}`,
      });
      const contact = await direct.retrieve<WebApiRecord>('contacts', r.contactId, {
        select: ['contactid'],
        expand: 'adx_webrole_contact($select=adx_webroleid)',
      });
      const held = (contact.adx_webrole_contact as WebApiRecord[]).map((role) => role.adx_webroleid);
      const activity = await direct.retrieve<WebApiRecord>('adx_inviteredemptions', r.redemptionId, {
        select: ['statecode'],
      });
      return {
        workflowJobs: jobs,
        executeWorkflowCalls: proxy.succeeded('POST', /Microsoft\.Dynamics\.CRM\.ExecuteWorkflow$/).length,
        roleLinks: Object.fromEntries(r.roleIds.map((id) => [id, held.filter((h) => h === id).length])),
        associateCalls: proxy.succeeded('POST', /\/adx_webrole_contact\/\$ref$/).length,
        contactWrites: proxy.succeeded('PATCH', new RegExp(`/contacts\\(${r.contactId}\\)`)).length,
        redemptionState: activity.statecode as number,
      };
    },
    async close() {
      await proxy.close();
      await emulator.close();
    },
  };
}

/** The effects of applying a redemption with a workflow, two roles and an account exactly once. */
export function appliedOnce(r: Redemption): Effects {
  return {
    workflowJobs: 1,
    executeWorkflowCalls: 1,
    roleLinks: Object.fromEntries(r.roleIds.map((id) => [id, 1])),
    associateCalls: r.roleIds.length,
    contactWrites: 1,
    redemptionState: 1,
  };
}
