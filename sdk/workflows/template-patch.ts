/**
 * The write sequence of a template patch and of a restore, with rollback. Dataverse refuses to
 * update the xaml of an activated definition (0x80045002), so an activated definition is put to
 * Draft, written and activated again; any failure after the backup puts the original back. A
 * journal written before the first write (change-journal.ts) lets the next workflow command finish
 * or undo a sequence whose process died half-way (recover-change.ts).
 */
import { dirname } from 'node:path';
import { WorkflowState, type WorkflowRecord } from '../entities/workflow';
import { readBackup, writeBackup, type WorkflowBackup } from './backup-file';
import { removeJournal, writeJournal, type ChangeJournal } from './change-journal';
import { WorkflowPatchError } from './errors';
import { patchEmailStep, type TemplatePatch } from './xaml/patch-email-step';
import { readEmailStep, type EmailStepView } from './xaml/read-email-step';

/** Options of a template patch. */
export interface PatchTemplateOptions {
  /** Directory the backup JSON is written to before the first change. */
  backupDir: string;
  /** Compute and report the change; write nothing (not even the backup). */
  dryRun?: boolean;
  /** Told each step as it starts (for a CLI's progress lines). */
  onStep?: (step: string) => void;
}

/** What a template patch did. */
export interface PatchResult {
  status: 'updated' | 'unchanged' | 'dry-run';
  workflowId: string;
  /** The backup written before the change (status 'updated' only). */
  backupFile?: string;
  before: EmailStepView;
  after: EmailStepView;
}

/** The definition operations the sequence needs. */
export interface DefinitionWriter {
  /**
   * The environment written to: its URL (for messages) and its organization id, recorded in the
   * change journal so that recovery never applies a journal to another environment (a solution
   * keeps a workflow's id across dev, test and production).
   */
  environment?(): Promise<{ url: string; organizationId: string }>;
  read(id: string): Promise<WorkflowRecord>;
  writeXaml(id: string, xaml: string): Promise<void>;
  activate(id: string): Promise<void>;
  deactivate(id: string): Promise<void>;
}

const VIEW_FIELDS: (keyof EmailStepView)[] = ['from', 'to', 'cc', 'bcc', 'subject', 'body'];

/** One template patch: what to write, and the clock the backup is stamped with. */
export interface TemplatePatchJob extends PatchTemplateOptions {
  patch: TemplatePatch;
  /** Clock for the backup's `takenAt`. */
  now: () => Date;
}

/** Plans and applies a template patch to `definition` (which must carry its xaml). */
export async function patchTemplate(
  writer: DefinitionWriter,
  definition: WorkflowRecord,
  job: TemplatePatchJob,
): Promise<PatchResult> {
  const { patch } = job;
  const onStep = job.onStep ?? (() => undefined);
  onStep(`read definition "${definition.name}" (${definition.id})`);
  const plan = patchEmailStep(definition.xaml ?? '', patch);
  const base = { workflowId: definition.id, before: plan.before, after: plan.after };
  if (job.dryRun) {
    onStep('dry run: nothing written');
    return { status: 'dry-run', ...base };
  }
  if (!plan.changed) {
    onStep('the e-mail step already reads as requested: nothing written');
    return { status: 'unchanged', ...base };
  }
  const backup: WorkflowBackup = {
    workflowId: definition.id,
    name: definition.name,
    statecode: definition.state,
    statuscode: definition.status,
    xaml: definition.xaml ?? '',
    takenAt: job.now().toISOString(),
  };
  onStep(`write backup to ${job.backupDir}`);
  const backupFile = await writeBackup(job.backupDir, backup);
  await applyDefinition(writer, {
    original: backup,
    xaml: plan.xaml,
    onStep,
    backupFile,
    journal: { dir: job.backupDir, operation: 'patch-template', now: job.now },
    verify: (readBack) => {
      const view = readEmailStep(readBack.xaml ?? '', { redeemUrl: patch.redeemUrl });
      const different = VIEW_FIELDS.filter((field) => view[field] !== plan.after[field]);
      return different.length
        ? `the definition read back differs from the plan in: ${different.join(', ')}`
        : undefined;
    },
  });
  return { status: 'updated', backupFile, ...base };
}

/** Options of {@link restoreBackup}. */
export interface RestoreOptions {
  /** Told each step as it starts (for a CLI's progress lines). */
  onStep?: (step: string) => void;
  /** Clock for the journal; default `() => new Date()`. */
  now?: () => Date;
}

/** Restores a definition from a backup file: its xaml, then its state (journal next to the backup). */
export async function restoreBackup(
  writer: DefinitionWriter,
  backupFile: string,
  options: RestoreOptions = {},
): Promise<void> {
  const onStep = options.onStep ?? (() => undefined);
  onStep(`read backup ${backupFile}`);
  const backup = await readBackup(backupFile);
  onStep(`read definition ${backup.workflowId}`);
  const current = await writer.read(backup.workflowId);
  const original: WorkflowBackup = {
    workflowId: current.id || backup.workflowId,
    name: current.name || backup.name,
    statecode: current.state,
    statuscode: current.status,
    xaml: current.xaml ?? '',
    takenAt: backup.takenAt,
  };
  await applyDefinition(writer, {
    original,
    xaml: backup.xaml,
    onStep,
    backupFile,
    journal: { dir: dirname(backupFile), operation: 'restore', now: options.now ?? (() => new Date()) },
    targetState: backup.statecode,
    verify: (readBack) =>
      sameDefinition(readBack.xaml, backup.xaml) ? undefined : 'the xaml read back is not the backed-up xaml',
  });
}

/** A definition change: what to write, how to check it, and what to put back if it fails. */
interface DefinitionChange {
  /** The definition as it was (xaml and state), restored on failure. */
  original: WorkflowBackup;
  xaml: string;
  /** The state to leave the definition in; default the original's. */
  targetState?: WorkflowState;
  onStep: (step: string) => void;
  /** What is wrong with the definition read back, or undefined when it is as intended. */
  verify: (readBack: WorkflowRecord) => string | undefined;
  /** The backup file, named in the error. */
  backupFile: string;
  /** Where and as what the change journals itself before its first write. */
  journal: { dir: string; operation: ChangeJournal['operation']; now: () => Date };
}

/**
 * Journals the change, deactivates (if active), writes `xaml`, reactivates (if `targetState` is
 * Activated) and checks the read-back, then removes the journal; on failure restores `original`
 * (removing the journal once that is verified) and throws WorkflowPatchError.
 */
async function applyDefinition(writer: DefinitionWriter, change: DefinitionChange): Promise<void> {
  const { original, xaml, onStep, verify, backupFile, journal } = change;
  const targetState = change.targetState ?? original.statecode;
  const id = original.workflowId;
  const environment = await writer.environment?.();
  const journalFile = await writeJournal(journal.dir, {
    operation: journal.operation,
    workflowId: id,
    name: original.name,
    backupFile,
    original: { xaml: original.xaml, statecode: original.statecode, statuscode: original.statuscode },
    target: { xaml, statecode: targetState },
    startedAt: journal.now().toISOString(),
    ...(environment ? { environment: environment.url, organizationId: environment.organizationId } : {}),
  });
  const wasActive = original.statecode === WorkflowState.Activated;
  let step = '';
  const run = async (name: string, action: () => Promise<void>) => {
    step = name;
    onStep(name);
    await action();
  };
  let failure: { reason: string; cause?: unknown } | undefined;
  try {
    if (wasActive) await run('deactivate', () => writer.deactivate(id));
    await run('update xaml', () => writer.writeXaml(id, xaml));
    if (targetState === WorkflowState.Activated) await run('activate', () => writer.activate(id));
    await run('verify', async () => {
      const readBack = await writer.read(id);
      const mismatch =
        readBack.state !== targetState
          ? `the state read back is ${readBack.state}, expected ${targetState}`
          : verify(readBack);
      if (mismatch) failure = { reason: mismatch };
    });
  } catch (error) {
    failure = { reason: error instanceof Error ? error.message : String(error), cause: error };
  }
  if (!failure) {
    await removeJournal(journalFile);
    return;
  }
  onStep('roll back');
  const rolledBack = await rollBack(writer, original);
  if (rolledBack) await removeJournal(journalFile);
  throw new WorkflowPatchError(
    `Changing workflow "${original.name}" (${id}) failed at "${step}": ${failure.reason}. ` +
      (rolledBack
        ? 'The original definition and state were restored.'
        : `Rolling back failed too; the next "portal-invite workflow" command finishes the rollback from the journal ${journalFile}, or restore it with "portal-invite workflow restore --backup ${backupFile}".`) +
      ` Backup: ${backupFile}`,
    { step, rolledBack, backupFile, cause: failure.cause },
  );
}
/** Puts the original xaml and state back, then checks by reading; true when verified. */
export async function rollBack(
  writer: DefinitionWriter,
  original: Pick<WorkflowBackup, 'workflowId' | 'xaml' | 'statecode'>,
): Promise<boolean> {
  const id = original.workflowId;
  const attempt = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch {
      // The read-back below decides whether the rollback worked.
    }
  };
  const read = () => writer.read(id).catch(() => undefined);
  let current = await read();
  if (!sameDefinition(current?.xaml, original.xaml)) {
    if (current?.state !== WorkflowState.Draft) await attempt(() => writer.deactivate(id));
    await attempt(() => writer.writeXaml(id, original.xaml));
    current = await read();
  }
  if (current && current.state !== original.statecode) {
    await attempt(() =>
      original.statecode === WorkflowState.Activated ? writer.activate(id) : writer.deactivate(id),
    );
    current = await read();
  }
  return !!current && sameDefinition(current.xaml, original.xaml) && current.state === original.statecode;
}

/**
 * True when two definitions are the same text apart from the class name, which Dataverse rewrites
 * to `XrmWorkflow<workflowid>` on activation.
 */
export function sameDefinition(a: string | undefined, b: string | undefined): boolean {
  const normalise = (xaml: string | undefined) =>
    (xaml ?? '').replace(/XrmWorkflow[0-9a-f]{32}/gi, 'XrmWorkflow');
  return a !== undefined && normalise(a) === normalise(b);
}
