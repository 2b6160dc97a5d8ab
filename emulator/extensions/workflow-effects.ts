/**
 * What a workflow run writes: the interpreter's effects (sdk/workflows/xaml) checked against the
 * data first, so a recipient without an address fails the run before anything is written, then
 * written through the core so registered steps see them.
 */
import {
  ActivityState,
  EmailStatus,
  EmailTable,
  ParticipationType,
  StandardColumns,
} from '../../sdk/entities/index';
import type { WorkflowEffect } from '../../sdk/workflows/xaml/evaluate';
import {
  isLookupValue,
  type ColumnValues,
  type EmulatorOperations,
  type LookupValue,
  type OperationContext,
} from '../contracts';
import { PARTY_ADDRESS_COLUMNS, tableByLogicalName } from '../metadata/index';

const emailParties = tableByLogicalName(EmailTable.logicalName)?.activity?.parties ?? [];
/** The e-mail's party lists (from, to, cc, bcc). */
const PARTY_FIELDS = emailParties.map((p) => p.name);
/** The party list that must hold a deliverable recipient. */
const RECIPIENTS = emailParties.find((p) => p.participationType === ParticipationType.ToRecipient)?.name;

/** Thrown when an effect cannot be applied; the message becomes the failed job's message. */
export class WorkflowRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowRunError';
  }
}

/** A validated effect, ready to write. */
type PlannedEffect =
  | { kind: 'emailActivity'; entityName: string; values: ColumnValues; send: boolean }
  | { kind: 'create'; entityName: string; values: ColumnValues }
  | { kind: 'update'; entityName: string; id: string; values: ColumnValues };

function partiesOf(value: unknown): LookupValue[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isLookupValue);
}

function describe(ops: EmulatorOperations, party: LookupValue): string {
  const row = ops.retrieve(party.logicalName, party.id)?.values ?? {};
  const primaryName = tableByLogicalName(party.logicalName)?.primaryName;
  const name = (primaryName ? row[primaryName] : undefined) ?? party.name;
  return name ? `${party.logicalName} '${String(name)}' (${party.id})` : `${party.logicalName} ${party.id}`;
}

/**
 * Checks each party now, so a missing recipient address fails before anything is written. The core
 * stores the party lists as activityparty rows and fills `addressused` from the same columns.
 */
function planEmail(
  ops: EmulatorOperations,
  effect: Extract<WorkflowEffect, { kind: 'create' }>,
): PlannedEffect {
  const values: ColumnValues = { ...effect.values };
  let recipients = 0;
  for (const field of PARTY_FIELDS) {
    const parties = partiesOf(effect.values[field]);
    if (field in effect.values) values[field] = parties;
    for (const party of parties) {
      const row = ops.retrieve(party.logicalName, party.id);
      if (!row) {
        throw new WorkflowRunError(
          `The e-mail's '${field}' party ${party.logicalName} ${party.id} does not exist. Fix the record the workflow reads it from and run it again.`,
        );
      }
      const addressColumn = PARTY_ADDRESS_COLUMNS[party.logicalName];
      const raw = addressColumn ? row.values[addressColumn] : undefined;
      const address = typeof raw === 'string' && raw.trim() !== '' ? raw : null;
      if (field === RECIPIENTS && address === null) {
        throw new WorkflowRunError(
          `The e-mail cannot be delivered: ${describe(ops, party)} has no e-mail address` +
            (addressColumn ? ` (${addressColumn})` : '') +
            '. Add the address to the recipient and run the workflow again.',
        );
      }
      if (field === RECIPIENTS) recipients += 1;
    }
  }
  if (recipients === 0) {
    throw new WorkflowRunError(
      "The e-mail has no recipient (To is empty). Check the workflow's e-mail step.",
    );
  }
  values[StandardColumns.state] = ActivityState.Open;
  values[StandardColumns.status] = EmailStatus.Draft;
  return { kind: 'emailActivity', entityName: effect.entityName, values, send: effect.send };
}

/** Validates the interpreter's effects against the data and turns them into writes. */
export function planEffects(ops: EmulatorOperations, effects: WorkflowEffect[]): PlannedEffect[] {
  return effects.map((effect): PlannedEffect => {
    switch (effect.kind) {
      case 'create':
        return effect.entityName === EmailTable.logicalName
          ? planEmail(ops, effect)
          : { kind: 'create', entityName: effect.entityName, values: { ...effect.values } };
      case 'update':
        return {
          kind: 'update',
          entityName: effect.entity.logicalName,
          id: effect.entity.id,
          values: effect.values,
        };
      case 'setState':
        return {
          kind: 'update',
          entityName: effect.entity.logicalName,
          id: effect.entity.id,
          values: { [StandardColumns.state]: effect.state, [StandardColumns.status]: effect.status },
        };
    }
  });
}

/** Writes the planned effects through the core, so pipeline steps see them. Returns the created ids. */
export async function applyEffects(
  ops: EmulatorOperations,
  planned: PlannedEffect[],
  ctx: OperationContext,
): Promise<string[]> {
  const created: string[] = [];
  for (const effect of planned) {
    if (effect.kind === 'update') {
      await ops.update(effect.entityName, effect.id, effect.values, ctx);
      continue;
    }
    const row = await ops.create(effect.entityName, effect.values, ctx);
    created.push(row.id);
    if (effect.kind === 'emailActivity' && effect.send) {
      // Dataverse creates the message as a draft and SendEmail then completes it as Sent.
      await ops.update(
        effect.entityName,
        row.id,
        { [StandardColumns.state]: ActivityState.Completed, [StandardColumns.status]: EmailStatus.Sent },
        ctx,
      );
    }
  }
  return created;
}
