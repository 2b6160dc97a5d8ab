import { problemLines, problemTable, resumeCommand } from '../../../scripts/bulk/bulk-report';
import type { ResultLine } from '../../../scripts/bulk/results-file';

describe('resumeCommand', () => {
  it('repeats the command as given with --resume, quoting what the shell would split', () => {
    expect(resumeCommand(['invite', 'bulk', '--csv', 'my invitees.csv', '--send'])).toBe(
      "portal-invite invite bulk --csv 'my invitees.csv' --send --resume",
    );
  });

  it('does not add --resume twice', () => {
    expect(resumeCommand(['invite', 'bulk', '--csv', 'a.csv', '--resume'])).toBe(
      'portal-invite invite bulk --csv a.csv --resume',
    );
  });
});

describe('the table of rows that need attention', () => {
  const line = (row: number, status: ResultLine['status']): ResultLine => ({
    row,
    email: `r${row}@example.com`,
    status,
    reason: `reason ${row}`,
  });

  it('lists failed, skipped and duplicate rows in row order, not the rows done or not reached', () => {
    const lines = [
      line(3, 'duplicate'),
      line(1, 'sent'),
      line(2, 'failed'),
      line(4, 'not_processed'),
      line(5, 'skipped'),
    ];
    expect(problemLines(lines).map((l) => l.row)).toEqual([2, 3, 5]);
  });

  it('shows the first rows and says where the rest are', () => {
    const lines = Array.from({ length: 12 }, (_, i) => line(i + 1, 'failed'));
    const text = problemTable(problemLines(lines), 'results.csv', 10);
    expect(text).toContain('Rows that need attention (12):');
    expect(text).toContain('r10@example.com');
    expect(text).not.toContain('r11@example.com');
    expect(text).toContain('... and 2 more in results.csv');
  });

  it('is empty when nothing needs attention', () => {
    expect(problemTable([], 'results.csv')).toBe('');
  });
});
