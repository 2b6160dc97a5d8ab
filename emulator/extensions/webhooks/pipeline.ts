/**
 * Webhook dispatch of registered steps, the emulator's event pipeline: synchronous steps run inside
 * the write and can veto it; asynchronous steps run after the commit, one at a time, each recorded
 * as a system job. Which steps run is sdk/webhooks' step selection, as for the plug-in pipeline.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks
 */
import {
  AsyncOperationType,
  MessageName,
  StepMode,
  StepStage,
  SystemUserTable,
} from '../../../sdk/entities/index';
import { selectSteps, serializeRemoteExecutionContext } from '../../../sdk/webhooks/index';
import type { EmulatorOperations, EmulatorPipeline, OperationEvent } from '../../contracts';
import { PipelineAbortError } from '../../contracts';
import { completeAsyncOperation, startAsyncOperation } from '../async-operations';
import { deliverWebhook, type DeliveryOptions } from './delivery';
import { buildExecutionContext, type OrganizationInfo } from './execution-context';
import { StepRegistrations, type WebhookStep } from './registrations';

/** Options for {@link WebhookPipeline}. */
export interface WebhookPipelineOptions extends DeliveryOptions {
  /** The organization named in contexts; ids default to fixed emulator values. */
  organization?: Partial<OrganizationInfo>;
  /** Value of `x-ms-dynamics-organization` (the org's host name); read when a webhook is sent. */
  organizationHost?: () => string;
  /** Depth above which a step is refused as a loop; Dataverse uses 8. */
  maxDepth?: number;
  /** Clock for contexts and system jobs; default `new Date()`. */
  now?: () => Date;
  /** Told about an async delivery that could not even be recorded; default: a line on stderr. */
  onAsyncError?: (error: unknown) => void;
}

/** Payloads above this size lose the properties Dataverse drops (and say so in a header). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

const DROPPED_WHEN_TOO_LARGE = ['ParentContext', 'InputParameters', 'PreEntityImages', 'PostEntityImages'];

/**
 * The JSON body; over 256 KB, without ParentContext, InputParameters and the images, as Dataverse sends it.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks#request-body
 */
export function payload(json: Record<string, unknown>): { body: string; trimmed: boolean } {
  const body = JSON.stringify(json);
  if (Buffer.byteLength(body) <= MAX_PAYLOAD_BYTES) return { body, trimmed: false };
  const rest = Object.fromEntries(
    Object.entries(json).filter(([key]) => !DROPPED_WHEN_TOO_LARGE.includes(key)),
  );
  return { body: JSON.stringify(rest), trimmed: true };
}

function reportAsyncError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `Dataverse emulator: an asynchronous step could not be recorded as a system job: ${message}\n`,
  );
}

/** The emulator's fixed organization identity (WhoAmI answers the same ids when the core uses these). */
export const DEFAULT_ORGANIZATION: OrganizationInfo = {
  organizationId: '00000000-0000-0000-0000-0000000e0001',
  organizationName: 'emulator',
  businessUnitId: '00000000-0000-0000-0000-0000000e0002',
};

/**
 * Webhook dispatch for the core's event pipeline: registered `sdkmessageprocessingstep` rows whose
 * handler is a webhook `serviceendpoint`. Sync steps run inside the write and can veto it; async
 * steps are queued after the commit, run one at a time, and each is recorded as a system job.
 */
export class WebhookPipeline implements EmulatorPipeline {
  private readonly organization: OrganizationInfo;
  private readonly now: () => Date;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly registrations: StepRegistrations;

  constructor(
    private readonly ops: EmulatorOperations,
    private readonly options: WebhookPipelineOptions = {},
  ) {
    this.organization = { ...DEFAULT_ORGANIZATION, ...options.organization };
    this.registrations = new StepRegistrations(ops);
    this.now = options.now ?? (() => new Date());
  }

  /** Runs the sync steps of a stage in rank order; a refusal throws `PipelineAbortError` with the handler's message. */
  async runSync(stage: StepStage, event: OperationEvent): Promise<void> {
    if (event.context.bypassCustomLogic) return;
    const steps = this.stepsFor(event, stage, StepMode.Synchronous);
    if (steps.length === 0) return;
    this.guardDepth(event);
    for (const step of steps) {
      // A sync step's OperationId is the request's id, as a real org's payload shows.
      const result = await this.send(step, stage, event, event.context.requestId);
      if (!result.ok) throw new PipelineAbortError(result.message);
    }
  }

  /** Queues the async PostOperation steps of a committed operation. */
  afterCommit(event: OperationEvent): void {
    if (event.context.bypassCustomLogic) return;
    const steps = this.stepsFor(event, StepStage.PostOperation, StepMode.Asynchronous);
    for (const step of steps) {
      this.pending += 1;
      this.tail = this.tail
        .then(() => this.runAsync(step, event))
        .catch((error: unknown) => (this.options.onAsyncError ?? reportAsyncError)(error))
        .finally(() => this.settle());
    }
  }

  /** Resolves once every queued async step has been delivered and recorded. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private stepsFor(event: OperationEvent, stage: number, mode: number): WebhookStep[] {
    return selectSteps(this.registrations.current(event), {
      message: event.message,
      entity: event.entityName,
      stage,
      mode,
      changed: event.message === MessageName.Update ? Object.keys(event.target ?? {}) : undefined,
    });
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private guardDepth(event: OperationEvent): void {
    const maxDepth = this.options.maxDepth ?? 8;
    if (event.context.depth > maxDepth) {
      throw new PipelineAbortError(
        `This operation was stopped because it was triggered ${event.context.depth} levels deep (more than ${maxDepth}), which indicates an infinite loop. Check the registered steps for a handler that triggers itself.`,
      );
    }
  }

  private async runAsync(step: WebhookStep, event: OperationEvent): Promise<void> {
    const jobId = await startAsyncOperation(
      this.ops,
      event.context,
      {
        name: step.name,
        operationType: AsyncOperationType.SystemEvent,
        regarding: { logicalName: event.entityName, id: event.id },
        stepId: step.id,
      },
      this.now,
    );
    let outcome: { succeeded: true } | { succeeded: false; message: string };
    if (event.context.depth > (this.options.maxDepth ?? 8)) {
      outcome = {
        succeeded: false,
        message: `Stopped at depth ${event.context.depth}: the steps trigger each other in a loop.`,
      };
    } else {
      const result = await this.send(step, StepStage.PostOperation, event, jobId);
      outcome = result.ok ? { succeeded: true } : { succeeded: false, message: result.message };
    }
    await completeAsyncOperation(this.ops, event.context, jobId, outcome, this.now);
  }

  private entraObjectIdOf(userId: string): string | undefined {
    const value = this.ops.retrieve(SystemUserTable.logicalName, userId)?.values[
      SystemUserTable.columns.azureActiveDirectoryObjectId
    ];
    return typeof value === 'string' ? value : undefined;
  }

  private send(step: WebhookStep, stage: number, event: OperationEvent, operationId: string) {
    const context = buildExecutionContext(event, {
      step,
      stage,
      operationId,
      organization: this.organization,
      now: this.now(),
      entraObjectIdOf: (userId) => this.entraObjectIdOf(userId),
    });
    const headers = {
      'x-ms-dynamics-organization':
        this.options.organizationHost?.() ?? `${this.organization.organizationName}.localhost`,
      'x-ms-dynamics-entity-name': event.entityName,
      'x-ms-dynamics-request-name': event.message,
      'x-ms-correlation-request-id': event.context.correlationId,
    };
    const { body, trimmed } = payload(serializeRemoteExecutionContext(context));
    return deliverWebhook(
      step.endpoint,
      body,
      trimmed ? { ...headers, 'x-ms-dynamics-msg-size-exceeded': 'true' } : headers,
      this.options,
    );
  }
}
