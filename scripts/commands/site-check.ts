/**
 * `portal-invite site check`: is a Power Pages site invitation-only? Shows each registration
 * setting (its stored value, or Microsoft's default when the site has none), the verdict, and
 * when it is not invitation-only exactly what lets people in without a code. `--fix` writes the
 * settings that close it (`--dry-run` shows them first). Exits 1 while the site is not
 * invitation-only, so a script can check it.
 */
import type { Command } from 'commander';
import {
  describeSite,
  displayValue,
  REGISTRATION_SETTING_KEYS,
  SiteRegistrationService,
  type InvitationOnlyResult,
  type SettingWrite,
  type SiteRegistration,
} from '../../sdk/sites/index';
import { action, examples } from '../command';
import { CliError } from '../errors';
import { table } from '../output';

/** Options of `site check`. */
export interface SiteCheckOptions {
  /** The site: name or id; default the environment's only site. */
  site?: string;
  /** Write the settings that make the site invitation-only. */
  fix?: boolean;
  /** With --fix: show the writes without making them. */
  dryRun?: boolean;
}

const VERDICT_TEXT = {
  'invitation-only': 'invitation-only: nobody can register without an invitation code',
  open: 'NOT invitation-only: people can register without a code',
  closed: 'NOT invitation-only: closed, nobody can register, not even with a code',
} as const;

/** A site's settings, verdict, reasons and warnings as text. */
export function describeRegistration(reg: SiteRegistration): string {
  const rows = REGISTRATION_SETTING_KEYS.map((k) => [reg.settings[k].name, displayValue(reg.settings[k])]);
  const lines = [
    `Site: ${describeSite(reg.site)}`,
    '',
    table(['SETTING', 'VALUE'], rows).trimEnd(),
    '',
    `Verdict: ${VERDICT_TEXT[reg.check.verdict]}`,
    ...reg.check.reasons.map((r) => `  - ${r}`),
  ];
  if (reg.check.warnings.length) lines.push('', 'Warnings:', ...reg.check.warnings.map((w) => `  - ${w}`));
  return lines.join('\n') + '\n';
}

/** The writes of a fix as a table. */
export function describeWrites(writes: readonly SettingWrite[]): string {
  return table(
    ['SETTING', 'NOW', 'WRITE', 'ROW'],
    writes.map((w) => [w.name, w.from, w.to, `${w.action} ${w.rowId}`]),
  );
}

function describeFix(result: InvitationOnlyResult, dryRun: boolean): string {
  const head = describeRegistration(result.before);
  if (result.writes.length === 0)
    return `${head}\nNothing to write: the settings are already stored as invitation-only wants them.\n`;
  if (dryRun)
    return `${head}\nWould write (--dry-run; nothing was written):\n${describeWrites(result.writes)}`;
  const after = result.after ? `\nAfter the fix:\n${describeRegistration(result.after)}` : '';
  return `${head}\nWrote ${result.writes.length} setting${result.writes.length === 1 ? '' : 's'}:\n${describeWrites(result.writes)}${after}`;
}

/** Registers `site check` under the `sites` group (also reachable as `site check`). */
export function registerSiteCheck(group: Command): void {
  group
    .command('check')
    .description(
      'say whether a site is invitation-only and what lets people in without a code; --fix closes it',
    )
    .option('--site <name|id>', 'the site (default: the environment’s only site)')
    .option('--fix', 'write the settings that make the site invitation-only')
    .option('--dry-run', 'with --fix: show the writes without making them')
    .addHelpText(
      'after',
      '\nReads Authentication/Registration/Enabled, InvitationEnabled, OpenRegistrationEnabled,\n' +
        'RequiresInvitation, LocalLoginEnabled and ExternalLoginEnabled (adx_sitesetting for a standard-model\n' +
        'site, mspp_sitesetting for an enhanced one); a setting the site lacks has Microsoft’s default.\n' +
        '--fix stores OpenRegistrationEnabled false and RequiresInvitation, InvitationEnabled and\n' +
        'Registration/Enabled true in one change set. Exits 1 while the site is not invitation-only.\n' +
        examples([
          ['portal-invite site check', 'check the environment’s only site'],
          ['portal-invite site check --site "Fabrikam Partners" --json', 'one of several sites, as JSON'],
          [
            'portal-invite site check --site "Contoso Partner Portal" --fix --dry-run',
            'show what --fix would write',
          ],
          ['portal-invite site check --site "Contoso Partner Portal" --fix', 'make it invitation-only'],
        ]),
    )
    .action(
      action<SiteCheckOptions>(async (ctx, options) => {
        if (options.dryRun && !options.fix)
          ctx.out.warn('--dry-run only changes --fix; checking without writing.');
        const service = new SiteRegistrationService(ctx.client);
        let reg: SiteRegistration;
        if (options.fix) {
          const result = await service.makeInvitationOnly(options.site, { dryRun: options.dryRun });
          ctx.out.data(result, () => describeFix(result, options.dryRun === true));
          if (options.dryRun) return;
          reg = result.after ?? result.before;
        } else {
          reg = await service.check(options.site);
          ctx.out.data(reg, () => describeRegistration(reg));
        }
        if (!reg.check.invitationOnly) {
          const site = reg.site.name || reg.site.id;
          throw new CliError(
            `Site ${describeSite(reg.site)} is not invitation-only (${reg.check.verdict}; the reasons are in the output).`,
            options.fix
              ? 'The fix wrote the registration settings; what remains is a sign-in method (LocalLoginEnabled or ExternalLoginEnabled), which is yours to choose.'
              : `Run \`portal-invite site check --site "${site}" --fix\` to make it invitation-only (add --dry-run to see the writes first).`,
          );
        }
      }),
    );
}
