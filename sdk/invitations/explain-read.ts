/**
 * The reads of `explain`, every one a GET (no `$batch`, which is a POST): the sites, the
 * invitation with exactly this code and everything it refers to (one request with `$expand`),
 * then together its redemption activities, its Send Invitation jobs, the contact asked about and
 * the registration settings of its site. The invitation is read first, so a redemption it shows
 * is always among the activities read after it.
 */
import type { DataverseApi } from '../client/api';
import { expandText } from '../client/query/expand';
import type { WebApiRecord } from '../client/types';
import {
  AccountTable,
  ContactTable,
  FORMATTED_VALUE_ANNOTATION,
  InvitationTable,
  invitationSelect,
  readExpandedIds,
  readExpandedRow,
  readExpandedRows,
  readNumber,
  readString,
  toInvitationRecord,
  toWorkflowRecord,
  WorkflowState,
  WorkflowTable,
  type InvitationRecord,
} from '../entities/index';
import {
  invitationSiteQuery,
  loadSiteDirectory,
  readInvitationSite,
  readSiteRegistration,
  type Site,
  type SiteDirectory,
  type SiteRegistration,
  type SiteWebRole,
} from '../sites/index';
import type { ContactSummary, RedemptionGrants, RedemptionRecord, SendJob } from './explain-types';
import { CONTACT_SELECT, nameContacts, readRedemptions, readWho, rows, summary } from './explain-people';
import { readSendJobs } from './explain-send-jobs';
import { normalizeGuid, quote } from './odata';

/** adx_invitationcode holds at most this many characters: a longer code matches nothing. */
export const MAX_CODE_LENGTH = 200;

const inv = InvitationTable.columns;
const { inviteContact, assignToAccount, redemptionWorkflow } = InvitationTable.lookups;
const { redeemedContacts, inviteContacts } = InvitationTable.relationships;
const contact = ContactTable.columns;

/** The invitation with everything `explain` needs from it. */
export interface ExplainedInvitation {
  record: InvitationRecord;
  /** statecode. */
  state: number;
  /** adx_expirydate exactly as returned, and its formatted value. */
  expiryStored?: string;
  expiryFormatted?: string;
  redeemedContacts: ContactSummary[];
  inviteContactIds: string[];
  /** The invited contact (adx_invitecontact) with its portal user name; undefined when it has none. */
  inviteContact?: ContactSummary & { username?: string };
  site?: Site;
  webRoles: SiteWebRole[];
  grants: RedemptionGrants;
}

/** Everything `explain` decides on. */
export interface ExplainFacts {
  code: string;
  directory: SiteDirectory;
  invitation?: ExplainedInvitation;
  /** Invitations whose code equals this one only without regard to letter case. */
  otherCase: number;
  /** Redemption activities, oldest first. */
  redemptions: RedemptionRecord[];
  /** Send Invitation jobs regarding the invitation, newest first. */
  sendJobs: SendJob[];
  /** The contact asked about and the contacts it matched (an id matches one; an e-mail any number). */
  who?: { ref: string; byEmail: boolean; matches: ContactSummary[] };
  /** The registration settings of the site(s) that could redeem the code. */
  sites: SiteRegistration[];
}

function invitationQuery(code: string, directory: SiteDirectory) {
  const site = invitationSiteQuery(directory);
  const expand = expandText({
    [redeemedContacts]: { select: CONTACT_SELECT },
    [inviteContacts]: { select: [contact.id] },
    [inviteContact.navigation]: { select: [...CONTACT_SELECT, contact.identityUsername] },
    [assignToAccount.navigation]: { select: [AccountTable.columns.id, AccountTable.columns.name] },
    [redemptionWorkflow.navigation]: {
      select: [WorkflowTable.columns.id, WorkflowTable.columns.name, WorkflowTable.columns.state],
    },
  });
  return {
    select: [...invitationSelect, ...site.select],
    filter: `${inv.code} eq ${quote(code)}`,
    expand: [expand, ...site.expand].join(','),
  };
}

function toExplained(directory: SiteDirectory, row: WebApiRecord): ExplainedInvitation {
  const record = toInvitationRecord(row);
  const invited = readExpandedRow(row, inviteContact.navigation);
  const account = readExpandedRow(row, assignToAccount.navigation);
  const workflow = readExpandedRow(row, redemptionWorkflow.navigation);
  const { site, webRoles } = readInvitationSite(directory, row);
  const grants: RedemptionGrants = { webRoles };
  if (record.accountId)
    grants.account = {
      id: normalizeGuid(record.accountId),
      ...(account && readString(account, AccountTable.columns.name)
        ? { name: readString(account, AccountTable.columns.name) }
        : {}),
    };
  if (record.redemptionWorkflowId) {
    const wf = workflow ? toWorkflowRecord(workflow) : undefined;
    grants.workflow = {
      id: normalizeGuid(record.redemptionWorkflowId),
      ...(wf?.name ? { name: wf.name } : {}),
      activated: wf?.state === WorkflowState.Activated,
    };
  }
  const explained: ExplainedInvitation = {
    record,
    state: readNumber(row, inv.state) ?? 0,
    expiryStored: readString(row, inv.expiryDate),
    expiryFormatted: readString(row, `${inv.expiryDate}${FORMATTED_VALUE_ANNOTATION}`),
    redeemedContacts: readExpandedRows(row, redeemedContacts).map(summary),
    inviteContactIds: readExpandedIds(row, inviteContacts, contact.id),
    webRoles,
    grants,
  };
  if (invited) {
    const username = readString(invited, contact.identityUsername);
    explained.inviteContact = { ...summary(invited), ...(username ? { username } : {}) };
  }
  if (site) explained.site = site;
  return explained;
}

/** Reads everything `explain` decides on; only GET requests. */
export async function readExplainFacts(
  client: DataverseApi,
  code: string,
  options: { who?: string; sendWorkflowName: string; signal?: AbortSignal },
): Promise<ExplainFacts> {
  const directory = await loadSiteDirectory(client, options.signal);
  const facts: ExplainFacts = { code, directory, otherCase: 0, redemptions: [], sendJobs: [], sites: [] };
  const whoRead = options.who !== undefined ? readWho(client, options.who) : Promise.resolve(undefined);
  if (code.length > MAX_CODE_LENGTH) {
    facts.who = await whoRead;
    return facts;
  }
  // Dataverse matches strings without case; a code is case-sensitive, so candidates are compared again.
  const candidates = (await rows(client, InvitationTable.entitySet, invitationQuery(code, directory))).filter(
    (row) => typeof readString(row, inv.code) === 'string',
  );
  const exact = candidates.filter((row) => readString(row, inv.code) === code);
  facts.otherCase = candidates.length - exact.length;
  const row = exact.find((r) => (readNumber(r, inv.state) ?? 0) === 0) ?? exact[0];
  if (!row) {
    facts.who = await whoRead;
    return facts;
  }
  facts.invitation = toExplained(directory, row);
  const id = facts.invitation.record.id;
  const site = facts.invitation.site;
  const known = site && directory.sites.some((s) => s.id === site.id && s.dataModel === site.dataModel);
  const siteList = site ? (known ? [site] : []) : directory.sites;
  const [redemptions, sendJobs, who, sites] = await Promise.all([
    readRedemptions(client, id),
    readSendJobs(client, id, options.sendWorkflowName),
    whoRead,
    Promise.all(siteList.map((s) => readSiteRegistration(client, s, options.signal))),
  ]);
  Object.assign(facts, { redemptions, sendJobs, who, sites });
  await nameContacts(client, facts);
  return facts;
}
