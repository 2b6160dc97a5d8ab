/**
 * The bulk results file: one CSV line per input row (row, email, status, invitation id, reason),
 * written as rows finish so an interrupted run still leaves a record, and read back on --resume.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

/** What happened to a row. */
export type RowStatus = 'created' | 'exists' | 'sent' | 'failed';

/** One line of the results file. */
export interface ResultLine {
  row: number;
  email: string;
  status: RowStatus;
  invitationId?: string;
  reason?: string;
}

/** The results file's columns, in order. */
export const RESULT_COLUMNS = ['row', 'email', 'status', 'invitation_id', 'reason'];

/** Appends result lines to a results file (replacing any previous content). */
export class ResultsWriter {
  private readonly stringifier = stringify({ header: true, columns: RESULT_COLUMNS });
  private readonly done: Promise<unknown>;

  constructor(readonly file: string) {
    const out = createWriteStream(file);
    this.stringifier.pipe(out);
    this.done = once(out, 'finish');
  }

  /** Writes one line. */
  write(line: ResultLine): void {
    this.stringifier.write([line.row, line.email, line.status, line.invitationId ?? '', line.reason ?? '']);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    this.stringifier.end();
    await this.done;
  }
}

/** Reads a results file into a map by row number; an absent file gives an empty map. */
export async function readResults(file: string): Promise<Map<number, ResultLine>> {
  const lines = new Map<number, ResultLine>();
  const stream = createReadStream(file);
  const ready = once(stream, 'open').then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (!(await ready)) return lines;
  for await (const record of stream.pipe(parse({ columns: true, skip_empty_lines: true })) as AsyncIterable<
    Record<string, string>
  >) {
    const row = Number(record.row);
    if (!Number.isInteger(row)) continue;
    lines.set(row, {
      row,
      email: record.email ?? '',
      status: record.status as RowStatus,
      invitationId: record.invitation_id || undefined,
      reason: record.reason || undefined,
    });
  }
  return lines;
}

/** Rewrites a results file in row order (rows finish out of order: bad rows first, then chunk by chunk). */
export async function sortResultsFile(file: string): Promise<void> {
  const lines = await readResults(file);
  const writer = new ResultsWriter(file);
  for (const row of [...lines.keys()].sort((a, b) => a - b)) writer.write(lines.get(row)!);
  await writer.close();
}
