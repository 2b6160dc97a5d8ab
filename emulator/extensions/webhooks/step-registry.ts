import type { EmulatorOperations, OperationEvent, StoredRow } from '../../contracts';
import { ServiceEndpointCodes, StepCodes } from '../dataverse-codes';
import { lookupId } from './sdk-messages';

/** Where and how a step's webhook is called. */
export interface WebhookEndpoint {
  id: string;
  name: string;
  url: string;
  /** serviceendpoint.authtype: 4 WebhookKey, 5 HttpHeader, 6 HttpQueryString. */
  authType: number;
  /** The key, or the `<settings>` XML; a secret, never logged. */
  authValue: string;
}

/** An image the step asked for (sdkmessageprocessingstepimage). */
export interface StepImage {
  /** Key in Pre/PostEntityImages. */
  alias: string;
  /** 0 pre, 1 post, 2 both. */
  imageType: number;
  /** Columns to include; empty = all. */
  attributes: string[];
}

/** A registered, enabled webhook step that matches an operation. */
export interface ResolvedStep {
  id: string;
  name: string;
  stage: number;
  mode: number;
  rank: number;
  endpoint: WebhookEndpoint;
  images: StepImage[];
}

function csv(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== '')
    : [];
}

/** Reads the step images when the core has that table; a core without it simply gives none. */
function imagesOf(ops: EmulatorOperations, stepId: string): StepImage[] {
  let rows: StoredRow[];
  try {
    rows = ops.find('sdkmessageprocessingstepimage');
  } catch {
    return [];
  }
  return rows
    .filter((row) => lookupId(row.values.sdkmessageprocessingstepid) === stepId.toLowerCase())
    .map((row) => {
      const imageType = typeof row.values.imagetype === 'number' ? row.values.imagetype : StepCodes.imagePre;
      const alias = row.values.entityalias ?? row.values.name;
      return {
        alias:
          typeof alias === 'string' && alias !== ''
            ? alias
            : imageType === StepCodes.imagePost
              ? 'PostImage'
              : 'PreImage',
        imageType,
        attributes: csv(row.values.attributes),
      };
    });
}

function endpointOf(ops: EmulatorOperations, step: StoredRow): WebhookEndpoint | undefined {
  const handler = step.values.eventhandler;
  const id = lookupId(handler);
  if (!id) return undefined;
  const row = ops.retrieve('serviceendpoint', id);
  if (
    !row ||
    row.values.contract !== ServiceEndpointCodes.contractWebhook ||
    typeof row.values.url !== 'string'
  ) {
    return undefined;
  }
  return {
    id: row.id,
    name: String(row.values.name ?? ''),
    url: row.values.url,
    authType:
      typeof row.values.authtype === 'number' ? row.values.authtype : ServiceEndpointCodes.authWebhookKey,
    authValue: typeof row.values.authvalue === 'string' ? row.values.authvalue : '',
  };
}

/** All enabled step rows (the pipeline reads them once per operation). */
export function enabledStepRows(ops: EmulatorOperations): StoredRow[] {
  return ops.find('sdkmessageprocessingstep', { statecode: StepCodes.stateEnabled });
}

/** Columns an Update changed, for `filteringattributes`. */
function changedColumns(event: OperationEvent): Set<string> {
  return new Set(Object.keys(event.target ?? {}).map((c) => c.toLowerCase()));
}

/** A step registered for a message, table, stage and mode, before its filtering attributes are applied. */
export interface CandidateStep extends ResolvedStep {
  /** Update only: the step runs when one of these columns is in the Target (empty = always). */
  filteringAttributes: string[];
}

/**
 * The enabled webhook steps registered for this message, table, stage and mode, in rank order.
 * A step without a filter applies to every table. Depends only on the registration tables, so
 * the result can be kept while they do not change (see step-cache.ts).
 */
export function candidateSteps(
  ops: EmulatorOperations,
  messageName: string,
  entityName: string,
  stage: number,
  mode: number,
  enabledSteps: StoredRow[] = enabledStepRows(ops),
): CandidateStep[] {
  // Most writes have no step at all: look at the (few) steps first, the messages and filters only then.
  const candidates = enabledSteps.filter((row) => row.values.stage === stage && row.values.mode === mode);
  if (candidates.length === 0) return [];
  const message = ops.find('sdkmessage', { name: messageName })[0];
  if (!message) return [];
  const tableOfFilter = (filterId: string) =>
    ops.retrieve('sdkmessagefilter', filterId)?.values.primaryobjecttypecode;
  const steps: CandidateStep[] = [];
  for (const row of candidates) {
    const v = row.values;
    if (lookupId(v.sdkmessageid) !== message.id.toLowerCase()) continue;
    const filterId = lookupId(v.sdkmessagefilterid);
    if (filterId) {
      const table = tableOfFilter(filterId);
      if (table !== entityName && table !== 'none') continue;
    }
    const endpoint = endpointOf(ops, row);
    if (!endpoint) continue;
    steps.push({
      id: row.id,
      name: String(v.name ?? ''),
      stage,
      mode,
      rank: typeof v.rank === 'number' ? v.rank : 1,
      endpoint,
      images: imagesOf(ops, row.id),
      filteringAttributes: csv(v.filteringattributes),
    });
  }
  return steps.sort((a, b) => a.rank - b.rank);
}

/** The candidates that apply to this event: an Update step with filtering attributes needs one of them changed. */
export function applyFiltering(event: OperationEvent, candidates: CandidateStep[]): ResolvedStep[] {
  const changed = event.message === 'Update' ? changedColumns(event) : undefined;
  const steps: ResolvedStep[] = [];
  for (const { filteringAttributes, ...step } of candidates) {
    if (changed && filteringAttributes.length > 0 && !filteringAttributes.some((c) => changed.has(c)))
      continue;
    steps.push(step);
  }
  return steps;
}

/**
 * The enabled webhook steps registered for this message, table, stage and mode, in rank order.
 * A step without a filter applies to every table; an Update step with filtering attributes runs
 * only when one of them is in the Target.
 */
export function findSteps(
  ops: EmulatorOperations,
  event: OperationEvent,
  stage: number,
  mode: number,
  enabledSteps: StoredRow[] = enabledStepRows(ops),
): ResolvedStep[] {
  return applyFiltering(
    event,
    candidateSteps(ops, event.message, event.entityName, stage, mode, enabledSteps),
  );
}
