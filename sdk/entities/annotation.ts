/**
 * annotation: a note attached to a row (here, to an invitation), as the Timeline of the row shows
 * it. The product writes one to record what an administrator's command changed and why.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/annotation
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/annotation
 */
import type { WebApiRecord } from '../client/types';
import { InvitationTable } from './adx-invitation';
import { lookup, type TableDefinition } from './table';
import { bindLookup, readDate, readLookupId, readString, stripBraces } from './web-api-values';

/** annotation's names. */
export const AnnotationTable = {
  logicalName: 'annotation',
  entitySet: 'annotations',
  primaryId: 'annotationid',
  primaryName: 'subject',
  columns: {
    id: 'annotationid',
    subject: 'subject',
    /** The note's text. */
    noteText: 'notetext',
    createdOn: 'createdon',
  },
  lookups: {
    /**
     * The row the note is attached to (`objectid`, one navigation property per table it may point
     * at: `objectid_<table>`). Unverified navigation name, see `UNVERIFIED_FACTS`.
     */
    invitation: lookup('objectid', 'objectid_adx_invitation', 'adx_invitation'),
    owner: lookup('ownerid', 'ownerid', 'systemuser'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/** A note as the services read it. */
export interface AnnotationRecord {
  id: string;
  subject?: string;
  noteText?: string;
  /** The invitation it is attached to, when it is. */
  invitationId?: string;
  createdOn?: Date;
}

const { columns: c, lookups: l } = AnnotationTable;

/** `$select` for {@link toAnnotationRecord}. */
export const annotationSelect: string[] = [c.id, c.subject, c.noteText, c.createdOn, l.invitation.valueField];

/** Reads a Web API row of annotations. */
export function toAnnotationRecord(row: WebApiRecord): AnnotationRecord {
  const invitationId = readLookupId(row, l.invitation);
  return {
    id: stripBraces(readString(row, c.id) ?? ''),
    subject: readString(row, c.subject),
    noteText: readString(row, c.noteText),
    invitationId: invitationId ? stripBraces(invitationId) : undefined,
    createdOn: readDate(row, c.createdOn),
  };
}

/** Fields accepted by {@link annotationToWebApi}. */
export interface AnnotationFields {
  /** Client-chosen annotationid (create only). */
  id?: string;
  /** The title (at most 500 characters in Dataverse). */
  subject?: string;
  noteText?: string;
  /** Attaches the note to this invitation (create only). */
  invitationId?: string;
}

/** Builds a create body: a note attached to an invitation. */
export function annotationToWebApi(fields: AnnotationFields): WebApiRecord {
  const body: WebApiRecord = {};
  if (fields.id !== undefined) body[c.id] = stripBraces(fields.id);
  if (fields.subject !== undefined) body[c.subject] = fields.subject;
  if (fields.noteText !== undefined) body[c.noteText] = fields.noteText;
  if (fields.invitationId !== undefined)
    Object.assign(body, bindLookup(l.invitation.navigation, InvitationTable.entitySet, fields.invitationId));
  return body;
}
