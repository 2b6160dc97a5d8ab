/**
 * Everything a command prints. Where: data on stdout (JSON with `--json`, readable text otherwise),
 * diagnostics and progress on stderr, so `portal-invite ... --json | jq` always sees clean JSON.
 * How: aligned tables and label/value lines, and the way invitations read on a terminal.
 */
import type { Writable } from 'node:stream';
import type { InvitationRecord } from '../sdk/entities/index';
import type { Site, SiteWebRole } from '../sdk/sites/index';

/** Options for {@link Output}. */
export interface OutputOptions {
  /** Print data as JSON instead of text. */
  json: boolean;
  /** Print debug messages and stack traces. */
  verbose: boolean;
  /** Defaults to process.stdout. */
  stdout?: Writable & { isTTY?: boolean };
  /** Defaults to process.stderr. */
  stderr?: Writable & { isTTY?: boolean };
}

/** The one writer every command uses. */
export class Output {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.verbose = options.verbose;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
  }

  /** Whether a live progress bar makes sense: stderr is a terminal and output is not JSON. */
  get interactive(): boolean {
    return !this.json && this.stderr.isTTY === true;
  }

  /** Writes the command's result: `value` as JSON, or the text `human` renders. */
  data(value: unknown, human: () => string): void {
    if (this.json) this.stdout.write(JSON.stringify(value, null, 2) + '\n');
    else this.stdout.write(withNewline(human()));
  }

  /** A diagnostic line on stderr (steps, notes). */
  info(message: string): void {
    this.stderr.write(withNewline(message));
  }

  /** A warning on stderr. */
  warn(message: string): void {
    this.stderr.write(withNewline(`warning: ${message}`));
  }

  /** A debug line on stderr, only with --verbose. */
  debug(message: string): void {
    if (this.verbose) this.stderr.write(withNewline(`debug: ${message}`));
  }
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

/** Formats rows as an aligned text table (for list commands). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** Formats label/value pairs, one per line, with the labels aligned. */
export function fields(pairs: [string, string | number | undefined][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return (
    pairs
      .map(([k, v]) => `${(k + ':').padEnd(width + 1)} ${v === undefined || v === '' ? '-' : v}`)
      .join('\n') + '\n'
  );
}

/** The name of an enum member by value (works for TS enums and `as const` objects); the value if unknown. */
export function enumName(enumObject: object, value: unknown): string {
  const entry = Object.entries(enumObject).find(([key, v]) => v === value && Number.isNaN(Number(key)));
  return entry ? entry[0] : String(value);
}

/** Indents every line of `text`. */
export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** A date as an ISO string, or '' when absent. */
export function isoDate(value: Date | string | undefined | null): string {
  if (!value) return '';
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** An invitation as label/value lines. */
export function describeInvitation(
  invitation: InvitationRecord & {
    webRoleIds?: string[];
    inviteContactIds?: string[];
    site?: Site;
    webRoles?: SiteWebRole[];
  },
): string {
  return fields([
    ['Invitation', `${invitation.name} (${invitation.id})`],
    ['Type', invitation.type],
    ['Status', invitation.status],
    ['Code', invitation.code],
    ['Expires', isoDate(invitation.expiresOn)],
    [
      'Redemptions',
      `${invitation.redemptions}${invitation.maximumRedemptions ? ` of ${invitation.maximumRedemptions}` : ''}`,
    ],
    ['Invited', invitation.inviteContactIds?.join(', ') ?? invitation.inviteContactId],
    ['Account', invitation.accountId],
    [
      'Site',
      invitation.site && `${invitation.site.name} (${invitation.site.dataModel}, ${invitation.site.id})`,
    ],
    [
      'Web roles',
      invitation.webRoles?.length
        ? invitation.webRoles.map((r) => `${r.name} (${r.id})`).join(', ')
        : invitation.webRoleIds?.join(', '),
    ],
  ]);
}

/** Invitations as a table (codes left out: they are the invitees' secrets; use --json to see them). */
export function invitationTable(
  invitations: (Omit<InvitationRecord, 'status'> & { status: string })[],
): string {
  return table(
    ['ID', 'NAME', 'TYPE', 'STATUS', 'REDEEMED', 'EXPIRES'],
    invitations.map((i) => [
      i.id,
      i.name,
      i.type,
      i.status,
      `${i.redemptions}${i.maximumRedemptions ? `/${i.maximumRedemptions}` : ''}`,
      isoDate(i.expiresOn),
    ]),
  );
}

/** One send result per line. */
export function describeSendResults(results: { id: string; status: string; reason?: string }[]): string {
  return results.map((r) => `${r.id}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`).join('\n') + '\n';
}
