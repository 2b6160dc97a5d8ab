/**
 * The `npm start` walkthrough: invite a seeded contact with the seeded account and two web roles,
 * send it (print the e-mail), redeem it, then show what the redemption handler changed, polling
 * (bounded, {@link waitFor}) for what the workflow and the webhook step do asynchronously.
 */
import type { DataverseClient } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { AccountTable, ContactTable, WebRoleTable } from '../../sdk/entities/index';
import { InvitationService } from '../../sdk/invitations/index';
import { CliError } from '../errors';
import { indent, type Output } from '../output';
import { findInvitationEmail } from './invitation-email';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** The seeded rows the demo uses. */
export interface DemoSeed {
  contactId: string;
  accountId: string;
  /** Two web roles to grant. */
  webRoleIds: [string, string];
}

/** What the demo did, for a summary (and for tests). */
export interface DemoResult {
  invitationId: string;
  code: string;
  emailSubject: string;
  accountName?: string;
  webRoles: string[];
  invitationStatus: string;
}

/** Runs the walkthrough, printing each step on `out`. */
export async function runDemo(
  client: DataverseClient,
  seed: DemoSeed,
  out: Output,
  wait: WaitForOptions = {},
): Promise<DemoResult> {
  const service = new InvitationService(client, { handlers: 'server' });
  const contact = await client.retrieve<WebApiRecord>(ContactTable.entitySet, seed.contactId, {
    select: [ContactTable.columns.fullName, ContactTable.columns.email],
  });
  const who = `${contact[ContactTable.columns.fullName] as string} <${contact[ContactTable.columns.email] as string}>`;

  await resetContact(client, seed, out);

  out.info(`\n1. Invite ${who} to the seeded account with two web roles`);
  const invitation = await service.create({
    type: 'single',
    contact: seed.contactId,
    account: seed.accountId,
    webRoles: seed.webRoleIds,
    name: `Demo invitation ${new Date().toISOString()}`,
    expiresOn: new Date(Date.now() + 30 * 86_400_000),
  });
  out.info(`   invitation ${invitation.id}, code ${invitation.code}`);

  out.info(`\n2. Send it (runs the ${SEND_INVITATION_WORKFLOW_NAME} workflow)`);
  const [sent] = await service.send(invitation.id);
  if (sent.status !== 'sent') {
    throw new CliError(
      `The demo invitation was not sent: ${sent.reason ?? sent.status}.`,
      'Check the Send Invitation workflow with `portal-invite workflow show`, or delete the demo database for a fresh start.',
    );
  }
  const email = await waitFor(
    'the invitation e-mail',
    () => findInvitationEmail(client, invitation.id),
    wait,
  );
  out.info(`   To:      ${email.to.join(', ')}`);
  out.info(`   Subject: ${email.subject}`);
  out.info(`   Body:\n${indent(email.body, '     ')}`);

  out.info(`\n3. Redeem the code as ${who}`);
  const redemption = await service.redeem(invitation.code as string, { contactId: seed.contactId });
  out.info(`   redemption ${redemption.redemptionId}; invitation is now ${redemption.status}`);

  out.info('\n4. The redeem handler runs asynchronously; waiting for it...');
  const applied = await waitFor(
    'the redemption handler to assign the account and web roles',
    async () => {
      const state = await readContactState(client, seed.contactId);
      const done =
        state.accountId === seed.accountId &&
        seed.webRoleIds.every((id) => state.webRoles.some((r) => r.id === id));
      return done ? state : undefined;
    },
    wait,
  );
  const after = (await service.findByCode(invitation.code as string)) ?? { status: redemption.status };
  out.info(`   account:    ${applied.accountName ?? applied.accountId}`);
  out.info(`   web roles:  ${applied.webRoles.map((r) => r.name).join(', ')}`);
  out.info(`   invitation: ${after.status}`);
  return {
    invitationId: invitation.id,
    code: invitation.code as string,
    emailSubject: email.subject,
    accountName: applied.accountName,
    webRoles: applied.webRoles.map((r) => r.name),
    invitationStatus: after.status,
  };
}

/** Takes the demo's account and roles away from the contact, so each run shows the handler adding them. */
async function resetContact(client: DataverseClient, seed: DemoSeed, out: Output): Promise<void> {
  const state = await readContactState(client, seed.contactId);
  if (state.accountId) {
    await client.disassociate(
      ContactTable.entitySet,
      seed.contactId,
      ContactTable.lookups.parentCustomerAccount.navigation,
    );
  }
  for (const role of state.webRoles.filter((r) => seed.webRoleIds.includes(r.id))) {
    await client.disassociate(ContactTable.entitySet, seed.contactId, ContactTable.relationships.webRoles, {
      entitySet: WebRoleTable.entitySet,
      id: role.id,
    });
  }
  if (state.accountId || state.webRoles.length > 0) out.info('(reset the demo contact from an earlier run)');
}

interface ContactState {
  accountId?: string;
  accountName?: string;
  webRoles: { id: string; name: string }[];
}

async function readContactState(client: DataverseClient, contactId: string): Promise<ContactState> {
  const lookup = ContactTable.lookups.parentCustomerAccount;
  const row = await client.retrieve<WebApiRecord>(ContactTable.entitySet, contactId, {
    select: [ContactTable.columns.id, lookup.valueField],
    annotations: true,
  });
  const target = row[`${lookup.valueField}@Microsoft.Dynamics.CRM.lookuplogicalname`];
  const accountId =
    target === undefined || target === AccountTable.logicalName
      ? (row[lookup.valueField] as string | undefined)
      : undefined;
  const accountName = accountId
    ? ((row[`${lookup.valueField}@OData.Community.Display.V1.FormattedValue`] as string | undefined) ??
      ((
        await client.retrieve<WebApiRecord>(AccountTable.entitySet, accountId, {
          select: [AccountTable.primaryName],
        })
      )[AccountTable.primaryName] as string))
    : undefined;
  const webRoles: { id: string; name: string }[] = [];
  const roles = client.list<WebApiRecord>(
    `${ContactTable.entitySet}(${contactId})/${ContactTable.relationships.webRoles}`,
    {
      select: [WebRoleTable.primaryId, WebRoleTable.primaryName],
    },
  );
  for await (const role of roles) {
    webRoles.push({
      id: role[WebRoleTable.primaryId] as string,
      name: role[WebRoleTable.primaryName] as string,
    });
  }
  return { accountId: accountId ?? undefined, accountName, webRoles };
}

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this long; default 15000. */
  timeoutMs?: number;
  /** Time between checks; default 200. */
  intervalMs?: number;
  /** Waits between checks (injected by tests); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock (injected by tests); default Date.now. */
  now?: () => number;
}

/**
 * Calls `check` until it returns something other than undefined, and returns that.
 * @throws CliError naming `what` when the time is up
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: WaitForOptions = {},
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (now() >= deadline) {
      throw new CliError(
        `Gave up waiting after ${timeoutMs} ms for ${what}.`,
        'The webhook host may not have received the step: run again with --verbose to see its messages.',
      );
    }
    await sleep(options.intervalMs ?? 200);
  }
}
