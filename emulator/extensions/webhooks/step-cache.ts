/**
 * The registered steps per message, table, stage and mode, kept between operations: a bulk
 * create of thousands of rows would otherwise read the registration tables again for every row
 * and stage. The cache is dropped whenever one of those tables is written (or a write is rolled
 * back), which the core reports through `EmulatorOperations.changeCount`.
 */
import type { EmulatorOperations, OperationEvent } from '../../contracts';
import { applyFiltering, candidateSteps, enabledStepRows } from './step-registry';
import type { CandidateStep, ResolvedStep } from './step-registry';

/** The tables a step's registration is read from. */
export const REGISTRATION_TABLES = [
  'sdkmessageprocessingstep',
  'sdkmessageprocessingstepimage',
  'serviceendpoint',
  'sdkmessage',
  'sdkmessagefilter',
] as const;

/** Registered steps by message, table, stage and mode, valid while the registrations are unchanged. */
export class StepCache {
  private version = -1;
  private readonly entries = new Map<string, CandidateStep[]>();

  constructor(private readonly ops: EmulatorOperations) {}

  /**
   * The steps that apply to `event` at this stage and mode, or undefined when the operations
   * cannot tell whether registrations changed (then the caller reads them itself).
   */
  steps(event: OperationEvent, stage: number, mode: number): ResolvedStep[] | undefined {
    if (!this.ops.changeCount) return undefined;
    let version = 0;
    for (const table of REGISTRATION_TABLES) version += this.ops.changeCount(table);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const key = `${event.message}|${event.entityName}|${stage}|${mode}`;
    let candidates = this.entries.get(key);
    if (!candidates) {
      candidates = candidateSteps(
        this.ops,
        event.message,
        event.entityName,
        stage,
        mode,
        enabledStepRows(this.ops),
      );
      this.entries.set(key, candidates);
    }
    return applyFiltering(event, candidates);
  }
}
