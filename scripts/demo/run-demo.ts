/**
 * The `npm start` walkthrough: list the sites of both data models, invite a seeded contact to the
 * enhanced-model site with the seeded account and two of that site's web roles (by name), send it
 * (print the e-mail), redeem it, then show what the redemption handler changed, polling (bounded,
 * {@link waitFor}) for what the workflow and the webhook step do asynchronously.
 */
import type { DataverseClient } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { ContactTable } from '../../sdk/entities/index';
import { InvitationService } from '../../sdk/invitations/index';
import { DATA_MODEL_NAMES, dataModelLabel, SiteService, type Site } from '../../sdk/sites/index';
import { siteTable } from '../commands/sites-list';
import { CliError } from '../errors';
import { indent, type Output } from '../output';
import { readContactState, resetContact } from './contact-state';
import { findInvitationEmail } from './invitation-email';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/workflow';

/** The seeded rows the demo uses. */
export interface DemoSeed {
  contactId: string;
  accountId: string;
  /** The site to invite to (id); the other seeded site is used when a database from before lacks it. */
  siteId: string;
  /** The site used instead when `siteId` is not in the environment. */
  fallbackSiteId: string;
  /** Two web roles of the site to grant, by name. */
  webRoles: [string, string];
}

/** What the demo did, for a summary (and for tests). */
export interface DemoResult {
  invitationId: string;
  code: string;
  site: string;
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

  out.info('\n1. The Power Pages sites of the environment (portal-invite sites list)');
  const sites = await new SiteService(client).list();
  out.info(indent(siteTable(sites).trimEnd(), '   '));
  const site = pickSite(sites, seed, out);

  out.info(`\n2. Invite ${who} to ${site.name} with the seeded account and two of its web roles`);
  const invitation = await service.create({
    type: 'single',
    contact: seed.contactId,
    account: seed.accountId,
    site: site.id,
    webRoles: seed.webRoles,
    name: `Demo invitation ${new Date().toISOString()}`,
    expiresOn: new Date(Date.now() + 30 * 86_400_000),
  });
  const roleIds = invitation.webRoles.map((r) => r.id);
  out.info(`   invitation ${invitation.id}, code ${invitation.code}`);
  out.info(
    `   site lookup ${DATA_MODEL_NAMES[site.dataModel].invitationSite.column}; web roles ${invitation.webRoles
      .map((r) => r.name)
      .join(', ')} through ${DATA_MODEL_NAMES[site.dataModel].invitationRoles}`,
  );
  await resetContact(client, { ...seed, model: site.dataModel, roleIds }, out);

  out.info(`\n3. Send it (runs the ${SEND_INVITATION_WORKFLOW_NAME} workflow)`);
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

  out.info(`\n4. Redeem the code as ${who}`);
  const redemption = await service.redeem(invitation.code as string, { contactId: seed.contactId });
  out.info(`   redemption ${redemption.redemptionId}; invitation is now ${redemption.status}`);

  out.info('\n5. The redeem handler runs asynchronously; waiting for it...');
  const applied = await waitFor(
    'the redemption handler to assign the account and web roles',
    async () => {
      const state = await readContactState(client, seed.contactId, site.dataModel);
      const done =
        state.accountId === seed.accountId && roleIds.every((id) => state.webRoles.some((r) => r.id === id));
      return done ? state : undefined;
    },
    wait,
  );
  const after = (await service.findByCode(invitation.code as string)) ?? { status: redemption.status };
  out.info(`   account:    ${applied.accountName ?? applied.accountId}`);
  out.info(
    `   web roles:  ${applied.webRoles.map((r) => r.name).join(', ')} (${dataModelLabel(site.dataModel)}, ${DATA_MODEL_NAMES[site.dataModel].contactRoles})`,
  );
  out.info(`   invitation: ${after.status}`);
  return {
    invitationId: invitation.id,
    code: invitation.code as string,
    site: site.name,
    emailSubject: email.subject,
    accountName: applied.accountName,
    webRoles: applied.webRoles.map((r) => r.name),
    invitationStatus: after.status,
  };
}

/** The site to invite to: the seed's, or the fallback when a database from an earlier version lacks it. */
function pickSite(sites: Site[], seed: DemoSeed, out: Output): Site {
  const wanted = sites.find((s) => s.id === seed.siteId);
  if (wanted) return wanted;
  const fallback = sites.find((s) => s.id === seed.fallbackSiteId);
  if (!fallback) {
    throw new CliError(
      'The demo database has neither seeded site.',
      'Delete the demo database (.data/dataverse.sqlite) for a fresh start.',
    );
  }
  out.info(
    `   (this database predates the enhanced-model site; using ${fallback.name}. Delete it for a fresh start.)`,
  );
  return fallback;
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
