/**
 * What `invite bulk` prints when a run ends: the counts (data, on stdout), a short table of the
 * rows that need attention (failed, skipped, duplicate: diagnostics, on stderr), and the command
 * that resumes the job.
 */
import type { BulkSummary } from './bulk-job';
import { fields, table } from '../output';
import { PROBLEM_STATUSES, type ResultLine } from './results-file';

/** Rows shown in the table of problems; the rest are in the results file. */
export const PROBLEM_ROWS_SHOWN = 10;

/** The summary as label/value lines. */
export function describeSummary(summary: BulkSummary): string {
  return fields([
    ['Rows', summary.total],
    ['New invitations', summary.newInvitations],
    ['Already existed', summary.exists],
    ['Sent now', summary.sent],
    ['Sent before', summary.alreadySent],
    ['Not sent (skipped)', summary.skipped],
    ['Created, not sent', summary.created],
    ['Duplicates', summary.duplicates],
    ['Failed', summary.failed],
    ['Not processed', summary.notProcessed],
    ['Results', summary.results],
  ]);
}

/** The lines of rows that failed, were skipped or duplicated, in row order. */
export function problemLines(lines: Iterable<ResultLine>): ResultLine[] {
  return [...lines].filter((l) => PROBLEM_STATUSES.includes(l.status)).sort((a, b) => a.row - b.row);
}

/** A short table of problem rows, or '' when there are none. */
export function problemTable(problems: ResultLine[], resultsFile: string, max = PROBLEM_ROWS_SHOWN): string {
  if (problems.length === 0) return '';
  const shown = problems.slice(0, max);
  const text = table(
    ['ROW', 'EMAIL', 'STATUS', 'REASON'],
    shown.map((l) => [String(l.row), l.email, l.status, shorten(l.reason ?? '', 110)]),
  );
  const more = problems.length > max ? `... and ${problems.length - max} more in ${resultsFile}\n` : '';
  return `Rows that need attention (${problems.length}):\n${text}${more}`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * The command line that continues the job: the arguments as given, plus `--resume`, quoted for a
 * POSIX shell where needed.
 */
export function resumeCommand(args: readonly string[]): string {
  const withResume = args.includes('--resume') ? [...args] : [...args, '--resume'];
  return ['portal-invite', ...withResume].map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
