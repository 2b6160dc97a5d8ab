/**
 * `portal-invite workflow patch-template`: rewrite the Send Invitation e-mail (subject, body, sender,
 * redeem link) safely: backup, deactivate, patch, activate, roll back on failure. The subject, body
 * and redeem URL are checked before anything is read from or written to Dataverse: an unknown
 * placeholder or `{redeemUrl}` without `--redeem-url` is a mistake on the command line (exit 2).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SEND_INVITATION_WORKFLOW_NAME } from '../../sdk/entities/index';
import {
  WorkflowService,
  type EmailStepView,
  type PatchResult,
  type TemplatePatch,
} from '../../sdk/workflows/index';
import { action, examples } from '../command';
import { UsageError } from '../errors';
import { resolveSender } from '../lookups';
import { checkTemplatePlaceholders, confirmColumns } from '../template-placeholders';
import { backupDirOption, deferStopSignals, recoverInterruptedChanges } from '../workflow-safety';

/** Options of `workflow patch-template`. */
export interface WorkflowPatchTemplateOptions {
  /** New subject (placeholders such as {code} allowed). */
  subject: string;
  /** File holding the new HTML body. */
  bodyFile: string;
  /** Sender: systemuser id or e-mail, or queue:<id>. */
  from?: string;
  /** Registration link template; `{code}` is replaced by the invitation code. */
  redeemUrl?: string;
  /** Show what would change; write nothing. */
  dryRun?: boolean;
  /** Where the backup of the current definition goes. */
  backupDir: string;
  /** Workflow name; default {@link SEND_INVITATION_WORKFLOW_NAME}. */
  name: string;
}

/** Registers `workflow patch-template` under the `workflow` group. */
export function registerWorkflowPatchTemplate(group: Command): void {
  group
    .command('patch-template')
    .description(
      "rewrite the e-mail step's subject, body, sender and redeem link (backup, deactivate, patch, activate)",
    )
    .requiredOption('--subject <text>', 'new subject')
    .requiredOption('--body-file <file.html>', 'file with the new HTML body')
    .option('--from <sender>', 'sender: a systemuser id or e-mail address, or queue:<queue id>')
    .option('--redeem-url <url>', 'registration link; {code} becomes the invitation code')
    .option('--dry-run', 'show the e-mail before and after; change nothing')
    .addOption(backupDirOption())
    .option('--name <name>', 'workflow (definition) name', SEND_INVITATION_WORKFLOW_NAME)
    .addHelpText(
      'after',
      '\nPlaceholders in --subject and the body: {code} (the invitation code), {redeemUrl} (--redeem-url\n' +
        'with the code filled in: the bare URL inside a tag such as <a href="{redeemUrl}">, a link in\n' +
        'text), {redeemLink} (always a link), {expiry}, {contact.fullname}, {contact.<column>},\n' +
        '{invitation.name}, {invitation.<column>}. Steps: backup, deactivate, update, activate, verify;\n' +
        'on failure the original definition and state are put back.\n' +
        examples([
          [
            'portal-invite workflow patch-template --subject "Your invitation" --body-file invite.html \\\n' +
              '      --redeem-url "https://portal.example.com/register?invitation={code}" --dry-run',
            'preview the change',
          ],
          [
            'portal-invite workflow patch-template --subject "Your invitation" --body-file invite.html --from noreply@contoso.com',
            'apply it, sent from a user',
          ],
          ['portal-invite workflow restore --backup .backups/<file>', 'undo it later'],
        ]),
    )
    .action(
      action<WorkflowPatchTemplateOptions>(async (ctx, options) => {
        if (options.redeemUrl !== undefined) checkRedeemUrl(options.redeemUrl);
        const body = await readFile(options.bodyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
          const why = error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message);
          throw new UsageError(`Cannot read --body-file ${options.bodyFile}: ${why}.`);
        });
        const toConfirm = checkTemplatePlaceholders(
          [
            { label: '--subject', text: options.subject },
            { label: `--body-file ${options.bodyFile}`, text: body },
          ],
          options.redeemUrl,
        );
        await confirmColumns(ctx.client, toConfirm);
        const service = new WorkflowService(ctx.client);
        await recoverInterruptedChanges(ctx, service, [options.backupDir], options.dryRun === true);
        const patch: TemplatePatch = { subject: options.subject, body };
        if (options.from) patch.from = await resolveSender(ctx.client, options.from);
        if (options.redeemUrl) patch.redeemUrl = options.redeemUrl;

        const signals = deferStopSignals(ctx);
        let result: PatchResult;
        try {
          result = await service.patchTemplate(options.name, patch, {
            backupDir: options.backupDir,
            dryRun: options.dryRun === true,
            onStep: (step) => ctx.out.info(`- ${step}`),
          });
        } finally {
          signals.release();
        }
        ctx.out.data(result, () => describeResult(result));
        signals.throwIfReceived();
      }),
    );
}

function checkRedeemUrl(url: string): void {
  if (!url.includes('{code}')) {
    throw new UsageError(
      `--redeem-url "${url}" has no {code} placeholder.`,
      'Put {code} where the invitation code goes, e.g. https://portal.example.com/register?invitation={code}',
    );
  }
  try {
    new URL(url.replace('{code}', 'x'));
  } catch {
    throw new UsageError(`--redeem-url "${url}" is not a URL.`);
  }
}

const FIELDS: [keyof EmailStepView, string][] = [
  ['from', 'From'],
  ['to', 'To'],
  ['subject', 'Subject'],
  ['body', 'Body'],
];

/** Text for the result: "already up to date", the backup location, or the before/after of a dry run. */
export function describeResult(result: PatchResult): string {
  if (result.status === 'unchanged') return 'The e-mail step is already up to date; nothing was written.\n';
  const lines: string[] = [];
  if (result.status === 'dry-run')
    lines.push('Dry run: nothing was written. The e-mail step would change like this:', '');
  else lines.push(`Updated the e-mail step of workflow ${result.workflowId}; it is activated again.`, '');
  for (const [key, label] of FIELDS) {
    const before = result.before[key];
    const after = result.after[key];
    if (before === after) {
      lines.push(`${label}: (unchanged) ${oneLine(before)}`);
    } else {
      lines.push(`${label}:`, `  before: ${oneLine(before)}`, `  after:  ${oneLine(after)}`);
    }
  }
  if (result.backupFile) lines.push('', `Backup: ${result.backupFile}`);
  return lines.join('\n') + '\n';
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat || '(empty)';
}
