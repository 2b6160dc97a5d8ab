/** email: the invitation message the Send Invitation workflow creates and sends. */
import type { WebApiRecord } from '../client/types';
import { lookup, type TableDefinition } from './table';
import { ActivityPartyTable, ParticipationType, readParties, type ActivityParty } from './activity-party';
import { SystemUserTable } from './systemuser';
import { readDate, readEtag, readLookupId, readLookupTarget, readNumber, readString } from './web-api-values';

/** email's names. */
export const EmailTable = {
  logicalName: 'email',
  entitySet: 'emails',
  primaryId: 'activityid',
  primaryName: 'subject',
  columns: {
    id: 'activityid',
    subject: 'subject',
    body: 'description',
    directionCode: 'directioncode',
    sender: 'sender',
    toRecipients: 'torecipients',
    state: 'statecode',
    status: 'statuscode',
    createdOn: 'createdon',
    sentOn: 'senton',
    priority: 'prioritycode',
    deliveryPriority: 'deliveryprioritycode',
    notifications: 'notifications',
  },
  lookups: {
    /** Regarding an invitation (navigation confirmed in Microsoft's email table reference). */
    regardingInvitation: lookup(
      'regardingobjectid',
      'regardingobjectid_adx_invitation_email',
      'adx_invitation',
    ),
    regardingContact: lookup('regardingobjectid', 'regardingobjectid_contact_email', 'contact'),
    regardingAccount: lookup('regardingobjectid', 'regardingobjectid_account_email', 'account'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {
    parties: 'email_activity_parties',
  },
} as const satisfies TableDefinition;

/**
 * The party-list columns of an e-mail. The Web API writes them as rows of `email_activity_parties`;
 * workflow XAML and the SDK's Entity (a webhook's Target) name them as columns.
 */
export const EmailPartyColumns = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  bcc: 'bcc',
} as const;

/** email statuscode. */
export enum EmailStatus {
  Draft = 1,
  Completed = 2,
  Sent = 3,
  Received = 4,
  Canceled = 5,
  PendingSend = 6,
  Sending = 7,
  Failed = 8,
}

/** email prioritycode and deliveryprioritycode. */
export enum EmailPriority {
  Low = 0,
  Normal = 1,
  High = 2,
}

/** email notifications: what went wrong while an incoming message was saved. */
export enum EmailNotifications {
  None = 0,
  /** Some attachments were blocked or of an invalid type and were not saved. */
  AttachmentsNotSaved = 1,
}

/** The tables an e-mail's sender (its `from` party) can be: a user or a queue. */
export const EmailSenderTables = {
  systemUser: SystemUserTable.logicalName,
  queue: ActivityPartyTable.lookups.partyQueue.target,
} as const;

/** One of {@link EmailSenderTables}' logical names. */
export type EmailSenderTable = (typeof EmailSenderTables)[keyof typeof EmailSenderTables];

/** The e-mail as the services use it. */
export interface EmailRecord {
  id: string;
  subject?: string;
  /** `description`: the HTML body. */
  body?: string;
  state?: number;
  status?: number;
  regardingId?: string;
  regardingType?: string;
  from: ActivityParty[];
  to: ActivityParty[];
  cc: ActivityParty[];
  bcc: ActivityParty[];
  createdOn?: Date;
  etag?: string;
}

const { columns: c, lookups: l, relationships: r } = EmailTable;

/** `$select` for everything {@link toEmailRecord} reads (expand `email_activity_parties` for parties). */
export const emailSelect: string[] = [
  c.id,
  c.subject,
  c.body,
  c.state,
  c.status,
  c.createdOn,
  l.regardingInvitation.valueField,
];

/** Reads a Web API row of emails; parties come from an expanded `email_activity_parties`. */
export function toEmailRecord(row: WebApiRecord): EmailRecord {
  const parties = readParties(row, r.parties);
  const of = (type: ParticipationType) => parties.filter((p) => p.participationType === type);
  return {
    id: readString(row, c.id) ?? '',
    subject: readString(row, c.subject),
    body: readString(row, c.body),
    state: readNumber(row, c.state),
    status: readNumber(row, c.status),
    regardingId: readLookupId(row, l.regardingInvitation),
    regardingType: readLookupTarget(row, l.regardingInvitation),
    from: of(ParticipationType.Sender),
    to: of(ParticipationType.ToRecipient),
    cc: of(ParticipationType.CC),
    bcc: of(ParticipationType.BCC),
    createdOn: readDate(row, c.createdOn),
    etag: readEtag(row),
  };
}
