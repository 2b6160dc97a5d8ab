/**
 * The journal of a redemption's apply claim, kept in the adx_inviteredemption activity's
 * `description` (a real activitypointer column every activity table has): who holds the claim,
 * how many claims were taken, and how far the redemption workflow got. It is one line, marked, at
 * the end of the description; whatever else the description holds is kept as it was.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/activitypointer
 */

/** Start of the description line holding the journal. */
export const CLAIM_JOURNAL_MARKER = 'portal-invitations apply: ';

/** How far the redemption workflow got under the claims taken so far. */
export type WorkflowProgress =
  /**
   * ExecuteWorkflow was (about to be) sent and its answer was not recorded: a job may exist. Jobs
   * created from `after` (server time, ISO-8601) on are looked for before the workflow is started again.
   */
  | { startingAfter: string }
  /** ExecuteWorkflow answered with this system job: the workflow runs, never start it again. */
  | { jobId: string };

/** What the journal records. */
export interface ClaimJournal {
  /** The holder of the latest claim (a random id per application). */
  holder: string;
  /** Claims taken so far: 1 for the first holder, more after a takeover or a retry. */
  claims: number;
  /**
   * The holder's write counter: it makes the description of every write unique, so a holder whose
   * write was replayed after a lost answer recognises its own write in the row.
   */
  seq: number;
  /** The redemption workflow's progress; absent until it is about to start. */
  workflow?: WorkflowProgress;
}

/** A description split into the journal and the rest. */
export interface DecodedDescription {
  journal: ClaimJournal | undefined;
  /** The description without the journal line ('' when there was nothing else). */
  rest: string;
}

function isWorkflowProgress(value: unknown): value is WorkflowProgress {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.startingAfter === 'string' || typeof v.jobId === 'string';
}

function parseJournal(text: string): ClaimJournal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.holder !== 'string' || typeof v.claims !== 'number' || typeof v.seq !== 'number')
    return undefined;
  const journal: ClaimJournal = { holder: v.holder, claims: v.claims, seq: v.seq };
  if (isWorkflowProgress(v.workflow)) {
    const w = v.workflow as Record<string, unknown>;
    journal.workflow =
      typeof w.jobId === 'string' ? { jobId: w.jobId } : { startingAfter: String(w.startingAfter) };
  }
  return journal;
}

/**
 * Reads the journal from a description. A description without one (never claimed, or written by
 * someone else) has none; a damaged journal line is treated as absent and kept in `rest`.
 */
export function decodeDescription(description: string | undefined): DecodedDescription {
  const lines = (description ?? '').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith(CLAIM_JOURNAL_MARKER)) continue;
    const journal = parseJournal(lines[i].slice(CLAIM_JOURNAL_MARKER.length));
    if (!journal) break;
    const rest = lines.filter((_, j) => j !== i).join('\n');
    return { journal, rest };
  }
  return { journal: undefined, rest: description ?? '' };
}

/** The description holding `journal` on its last line, after `rest`. */
export function encodeDescription(rest: string, journal: ClaimJournal): string {
  const line = `${CLAIM_JOURNAL_MARKER}${JSON.stringify(journal)}`;
  const kept = rest.replace(/\s+$/, '');
  return kept === '' ? line : `${kept}\n${line}`;
}

/** The workflow's job id when the journal recorded one. */
export function recordedJobId(journal: ClaimJournal | undefined): string | undefined {
  const w = journal?.workflow;
  return w && 'jobId' in w ? w.jobId : undefined;
}

/** When the journal says ExecuteWorkflow may have run without its answer recorded: jobs from then on. */
export function workflowInDoubtSince(journal: ClaimJournal | undefined): Date | undefined {
  const w = journal?.workflow;
  if (!w || !('startingAfter' in w)) return undefined;
  const at = new Date(w.startingAfter);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
