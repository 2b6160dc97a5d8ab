/**
 * The emulator with everything wired: the core (HTTP, OData, SQLite) plus the extensions —
 * ExecuteWorkflow, solution import/export, webhook dispatch of registered steps, and optional
 * service-protection limits.
 */
import type { EmulatorExtensions, OperationContext } from './contracts';
import { SEED, startEmulatorCore, type EmulatorCore, type EmulatorCoreOptions } from './core';
import { createLimitsGate, type LimitsOptions } from './extensions/limits';
import { createSolutionActions } from './extensions/solutions';
import { WebhookPipeline, type WebhookPipelineOptions } from './extensions/webhooks/pipeline';
import { ensureSdkMessages } from './extensions/webhooks/sdk-messages';
import { createWorkflowActions } from './extensions/workflows';
import { checkLimits, checkWebhookOptions } from './options';
import { evaluateWorkflow } from '../sdk/workflows/xaml/evaluate';

export type { LimitsOptions } from './extensions/limits';
export { EmulatorStartError } from './options';
export { SEED } from './core';
export { EMULATOR_DATA_MODELS, type EmulatorDataModel } from './metadata';
export type { EmulatorCore, EmulatorCoreOptions, FaultInjector, FaultRule } from './core';

/** Options for {@link startEmulator}: the core's, plus the extensions'. */
export interface EmulatorOptions extends EmulatorCoreOptions {
  /** Service-protection limits: `true` for Dataverse's defaults, an object to override them; off by default. */
  limits?: boolean | Partial<LimitsOptions>;
  /** Webhook delivery settings (timeout, depth guard, clock). */
  webhooks?: Omit<WebhookPipelineOptions, 'organizationHost'>;
}

/** A running emulator. */
export interface Emulator extends EmulatorCore {
  /** Resolves once every queued asynchronous webhook step has been delivered and recorded. */
  whenIdle(): Promise<void>;
}

/**
 * Starts the emulator with all extensions. `close()` first lets queued async steps finish.
 * @throws InvalidArgumentError for an option that cannot work; EmulatorStartError when the
 * database cannot be opened or the port cannot be listened on; ConfigurationError when the seed's
 * sources are missing.
 * @example
 * const emulator = await startEmulator({ db: ':memory:', seed: true, port: 0 });
 * // ... point a DataverseClient at emulator.url ...
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  let pipeline: WebhookPipeline | undefined;
  let host = '127.0.0.1';
  const { limits, webhooks, extensions: extra, ...coreOptions } = options;
  checkLimits(limits);
  checkWebhookOptions(webhooks);
  const extensions: EmulatorExtensions = {
    ...extra,
    actions: {
      ...createWorkflowActions({
        evaluate: (xaml, primary, loader) =>
          evaluateWorkflow(xaml, primary, { loader, now: coreOptions.now }),
        now: coreOptions.now,
      }),
      ...createSolutionActions(),
      ...extra?.actions,
    },
    pipeline: (ops) => {
      pipeline = new WebhookPipeline(ops, {
        organization: { organizationId: SEED.organizationId, businessUnitId: SEED.businessUnitId },
        now: coreOptions.now,
        ...webhooks,
        organizationHost: () => host,
      });
      return pipeline;
    },
    gate: extra?.gate ?? createLimitsGate(limits),
  };
  const core = await startEmulatorCore({ ...coreOptions, extensions });
  host = new URL(core.url).host;
  const setup: OperationContext = {
    userId: SEED.systemUserId,
    correlationId: '00000000-0000-0000-0000-000000000000',
    requestId: '00000000-0000-0000-0000-000000000000',
    depth: 1,
  };
  await ensureSdkMessages(core.ops, setup);
  const whenIdle = () => pipeline?.whenIdle() ?? Promise.resolve();
  const closeCore = core.close.bind(core);
  return Object.assign(core, {
    whenIdle,
    close: async () => {
      await whenIdle();
      await closeCore();
    },
  });
}
