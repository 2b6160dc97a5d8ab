/**
 * The first, offline pass over a bulk CSV, before any state is written or request made: the
 * header must name the columns (a wrong header is refused with nothing left behind, so the
 * corrected run starts cleanly), there must be at least one data row, and counting the rows gives
 * the progress bar its true total from the start.
 */
import { UsageError } from '../errors';
import { readBulkRows, type BulkDefaults } from './csv-rows';

/** What the scan found. */
export interface CsvScan {
  /** Data rows (the header not counted). */
  rows: number;
  /** Rows that are invalid as they stand (reported as failed by the job). */
  invalid: number;
  /** Columns the job ignores. */
  unknownColumns: string[];
}

/**
 * Reads the whole CSV once.
 * @throws UsageError for a header without email/contactid, or a file without data rows
 */
export async function scanCsv(file: string, defaults: BulkDefaults, now?: () => number): Promise<CsvScan> {
  const scan: CsvScan = { rows: 0, invalid: 0, unknownColumns: [] };
  let header = false;
  for await (const row of readBulkRows(file, defaults, {
    now,
    onHeader: () => (header = true),
    onUnknownColumns: (columns) => (scan.unknownColumns = columns),
  })) {
    scan.rows += 1;
    if (!row.input) scan.invalid += 1;
  }
  if (scan.rows === 0) {
    throw new UsageError(
      header ? `${file} has a header but no data rows.` : `${file} is empty.`,
      'Add one row per invitee under a header line, e.g.:\n  email,roles,account,expires\n  ada@example.com,Partners,Contoso,30d',
    );
  }
  return scan;
}
