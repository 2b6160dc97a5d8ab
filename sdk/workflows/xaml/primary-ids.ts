/** Primary key columns of the tables the product knows, for reading a record's own id in a workflow. */
import { AccountTable } from '../../entities/account';
import { ActivityPartyTable } from '../../entities/activity-party';
import { ContactTable } from '../../entities/contact';
import { EmailTable } from '../../entities/email';
import { InvitationTable } from '../../entities/adx-invitation';
import { InviteRedemptionTable } from '../../entities/adx-inviteredemption';
import { SystemUserTable } from '../../entities/systemuser';
import { WebRoleTable } from '../../entities/adx-webrole';
import { WebsiteTable } from '../../entities/adx-website';
import { WorkflowTable } from '../../entities/workflow';

const KNOWN: Record<string, string> = Object.fromEntries(
  [
    AccountTable,
    ActivityPartyTable,
    ContactTable,
    EmailTable,
    InvitationTable,
    InviteRedemptionTable,
    SystemUserTable,
    WebRoleTable,
    WebsiteTable,
    WorkflowTable,
  ].map((table) => [table.logicalName, table.primaryId]),
);

/** The primary key column of a table: known tables from sdk/entities, otherwise `<logicalName>id`. */
export function primaryIdOf(logicalName: string): string {
  return KNOWN[logicalName] ?? `${logicalName}id`;
}
