/**
 * The core's data operations (emulator/contracts `EmulatorOperations`): validate, run the
 * synchronous pipeline stages 10 and 20, write, run stage 40, all inside one write transaction,
 * then hand the event to `afterCommit`. Every HTTP write and every extension write comes here.
 */
import { randomUUID } from 'node:crypto';
import { MessageName, StepStage, SystemUserTable, StandardColumns } from '../sdk/entities/index';
import type {
  ColumnValues,
  EmulatorOperations,
  EmulatorPipeline,
  LookupValue,
  OperationContext,
  OperationEvent,
  StoredRow,
} from './contracts';
import { DataverseFault, ErrorCodes, notFound } from './errors';
import { applyLinks, planLinks } from './links';
import { manyToManyByName } from './metadata';
import type { TableMeta } from './metadata';
import { findRows, mustTable, Store } from './store/store';
import { assertWritable } from './store/views';
import type { TransactionManager } from './store/transaction';
import { createdValues, isGuid, updatedValues, validateValues } from './validation';

/** The caller as a lookup value: who created, changed or (by default) owns a row. */
function caller(ctx: OperationContext): LookupValue {
  return { logicalName: SystemUserTable.logicalName, id: ctx.userId };
}

/** A pipeline that does nothing (no extensions). */
export const EMPTY_PIPELINE: EmulatorPipeline = {
  runSync: async () => undefined,
  afterCommit: () => undefined,
};

/** `EmulatorOperations` over the store, plus disassociate for the HTTP layer. */
export class CoreOperations implements EmulatorOperations {
  private pipeline: EmulatorPipeline = EMPTY_PIPELINE;

  constructor(
    private readonly store: Store,
    private readonly tx: TransactionManager,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Installs the pipeline (built from the extensions once these operations exist). */
  setPipeline(pipeline: EmulatorPipeline): void {
    this.pipeline = pipeline;
  }

  async create(
    entityName: string,
    values: ColumnValues,
    ctx: OperationContext,
    id?: string,
  ): Promise<StoredRow> {
    const table = mustTable(entityName);
    assertWritable(table);
    return this.write(ctx, async () => {
      const given = id ?? values[table.primaryId];
      if (given !== undefined && given !== null && !isGuid(given)) {
        throw new DataverseFault(
          400,
          ErrorCodes.InvalidPayload,
          `'${String(given)}' is not a valid id for ${entityName}; use a GUID.`,
        );
      }
      const rowId = (typeof given === 'string' ? given : randomUUID()).toLowerCase();
      if (this.store.exists(table, rowId)) {
        throw new DataverseFault(
          412,
          ErrorCodes.DuplicateRecord,
          `A record with matching key values already exists (${entityName} ${rowId}).`,
        );
      }
      const event: OperationEvent = {
        message: MessageName.Create,
        entityName,
        id: rowId,
        target: validateValues(this.store, table, values),
        context: ctx,
      };
      await this.stage(StepStage.PreValidation, event);
      await this.stage(StepStage.PreOperation, event);
      const target = validateValues(this.store, table, event.target ?? {});
      const full = createdValues(table, target, caller(ctx), this.timestamp());
      full[StandardColumns.versionNumber] = this.store.nextVersion();
      this.store.insert(table, rowId, full);
      return this.finish(event, table, rowId);
    });
  }

  async update(
    entityName: string,
    id: string,
    values: ColumnValues,
    ctx: OperationContext,
  ): Promise<StoredRow> {
    const table = mustTable(entityName);
    assertWritable(table);
    return this.write(ctx, async () => {
      const existing = this.mustGet(table, id);
      const event: OperationEvent = {
        message: MessageName.Update,
        entityName,
        id: existing.id,
        target: validateValues(this.store, table, values, existing.values),
        preImage: existing.values,
        context: ctx,
      };
      await this.stage(StepStage.PreValidation, event);
      await this.stage(StepStage.PreOperation, event);
      const changes = validateValues(this.store, table, event.target ?? {}, existing.values);
      Object.assign(changes, updatedValues(table, existing.values, changes, caller(ctx), this.timestamp()));
      changes[StandardColumns.versionNumber] = this.store.nextVersion();
      this.store.update(table, existing.id, changes);
      return this.finish(event, table, existing.id);
    });
  }

  async delete(entityName: string, id: string, ctx: OperationContext): Promise<void> {
    const table = mustTable(entityName);
    assertWritable(table);
    await this.write(ctx, async () => {
      const existing = this.mustGet(table, id);
      const event: OperationEvent = {
        message: MessageName.Delete,
        entityName,
        id: existing.id,
        preImage: existing.values,
        context: ctx,
      };
      await this.stage(StepStage.PreValidation, event);
      await this.stage(StepStage.PreOperation, event);
      this.store.delete(table, existing.id);
      await this.stage(StepStage.PostOperation, event);
      this.scheduleAfterCommit(event);
    });
  }

  async associate(
    relationship: string,
    entityName: string,
    id: string,
    related: LookupValue[],
    ctx: OperationContext,
  ): Promise<void> {
    await this.linkOperation(MessageName.Associate, relationship, entityName, id, related, ctx);
  }

  /** Removes N:N links (the Disassociate message). */
  async disassociate(
    relationship: string,
    entityName: string,
    id: string,
    related: LookupValue[],
    ctx: OperationContext,
  ): Promise<void> {
    await this.linkOperation(MessageName.Disassociate, relationship, entityName, id, related, ctx);
  }

  retrieve(entityName: string, id: string): StoredRow | undefined {
    if (!isGuid(id)) return undefined;
    return this.store.get(entityName, id);
  }

  find(entityName: string, equals: ColumnValues = {}): StoredRow[] {
    return findRows(this.store, entityName, equals);
  }

  related(relationship: string, entityName: string, id: string): string[] {
    const rel = manyToManyByName(relationship);
    if (!rel)
      throw new DataverseFault(
        404,
        ErrorCodes.ResourceNotFound,
        `Unknown N:N relationship '${relationship}'.`,
      );
    return this.store.linked(rel, entityName, id);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.run(fn);
  }

  changeCount = (entityName: string): number => this.store.changeCount(entityName);

  private async linkOperation(
    message: typeof MessageName.Associate | typeof MessageName.Disassociate,
    relationship: string,
    entityName: string,
    id: string,
    related: LookupValue[],
    ctx: OperationContext,
  ): Promise<void> {
    await this.write(ctx, async () => {
      const plan = planLinks(this.store, relationship, entityName, id, related);
      const event: OperationEvent = {
        message,
        entityName,
        id: plan.id,
        relationship,
        relatedEntities: plan.refs,
        context: ctx,
      };
      await this.stage(StepStage.PreValidation, event);
      await this.stage(StepStage.PreOperation, event);
      applyLinks(this.store, plan, entityName, message === MessageName.Associate);
      await this.stage(StepStage.PostOperation, event);
      this.scheduleAfterCommit(event);
    });
  }

  private async finish(event: OperationEvent, table: TableMeta, id: string): Promise<StoredRow> {
    const row = this.mustGet(table, id);
    event.postImage = row.values;
    const changes = this.store.changeCount(table.logicalName);
    await this.stage(StepStage.PostOperation, event);
    this.scheduleAfterCommit(event);
    // Read again only when a PostOperation step wrote to the table; the event keeps its own copy.
    if (this.store.changeCount(table.logicalName) !== changes) return this.mustGet(table, id);
    return { ...row, values: { ...row.values } };
  }

  /** A write transaction that records the caller's correlation id (callbacks carrying it may join). */
  private write<T>(ctx: OperationContext, fn: () => Promise<T>): Promise<T> {
    return this.tx.run(fn, { correlationId: ctx.correlationId });
  }

  private async stage(stage: StepStage, event: OperationEvent): Promise<void> {
    if (!event.context.bypassCustomLogic) await this.pipeline.runSync(stage, event);
  }

  private scheduleAfterCommit(event: OperationEvent): void {
    if (!event.context.bypassCustomLogic) this.tx.afterCommit(() => this.pipeline.afterCommit(event));
  }

  private mustGet(table: TableMeta, id: string): StoredRow {
    const row = isGuid(id) ? this.store.get(table.logicalName, id) : undefined;
    if (!row) throw notFound(table.logicalName, id);
    return row;
  }

  private timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }
}
