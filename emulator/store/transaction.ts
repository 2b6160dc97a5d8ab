/**
 * Write transactions that may await: an async mutex admits one write transaction at a time and
 * wraps it in explicit BEGIN IMMEDIATE / COMMIT / ROLLBACK, so a pipeline step can await an HTTP
 * call (a sync webhook) while the transaction is open. A nested call joins the open transaction
 * under a SAVEPOINT, so a failed inner operation undoes only itself. Reads never take the mutex.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

interface OpenTransaction {
  afterCommit: Array<() => void>;
  /** Correlation ids of the operations running in it (a callback carrying one may join). */
  correlationIds: Set<string>;
}

/** Serialises write transactions over one SQLite connection. */
export class TransactionManager {
  private tail: Promise<void> = Promise.resolve();
  private readonly scope = new AsyncLocalStorage<OpenTransaction>();
  private open: OpenTransaction | undefined;
  private savepoints = 0;

  /** `onRollback` is told after every rollback, whole or to a savepoint (caches may be stale). */
  constructor(
    private readonly db: Database.Database,
    private readonly onRollback: () => void = () => undefined,
  ) {}

  /** Whether the current async context runs inside a write transaction. */
  get active(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /**
   * Runs `fn` in a write transaction. Inside one already, or with `joinOpen` while one is open
   * (a callback from a sync webhook of that transaction), it joins under a savepoint instead
   * of waiting, which would deadlock.
   */
  async run<T>(
    fn: () => Promise<T>,
    options: { joinOpen?: boolean; correlationId?: string } = {},
  ): Promise<T> {
    const current = this.scope.getStore() ?? (options.joinOpen ? this.open : undefined);
    if (current) {
      if (options.correlationId) current.correlationIds.add(options.correlationId);
      return this.nested(current, fn);
    }
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const tx: OpenTransaction = {
      afterCommit: [],
      correlationIds: new Set(options.correlationId ? [options.correlationId] : []),
    };
    this.open = tx;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await this.scope.run(tx, fn);
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.onRollback();
        throw error;
      }
      this.open = undefined;
      for (const callback of tx.afterCommit) callback();
      return result;
    } finally {
      this.open = undefined;
      release();
    }
  }

  /** Whether any write transaction is open (in any async context). */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /**
   * Runs `fn` as part of the open transaction, if one is open (a sync step's callback request),
   * so its writes join that transaction instead of waiting for it; otherwise just runs `fn`.
   */
  joinOpen<T>(fn: () => Promise<T>): Promise<T> {
    return this.open && !this.scope.getStore() ? this.scope.run(this.open, fn) : fn();
  }

  /**
   * Whether a request is a callback from a sync step of the open write transaction: it says so
   * with a depth above 1, or carries the correlation id of an operation in that transaction.
   */
  isCallback(depth: number, correlationId: string | undefined): boolean {
    if (!this.open) return false;
    return depth > 1 || (correlationId !== undefined && this.open.correlationIds.has(correlationId));
  }

  /** Registers work to run once the outermost transaction has committed (dropped on rollback). */
  afterCommit(callback: () => void): void {
    const tx = this.scope.getStore();
    if (tx) tx.afterCommit.push(callback);
    else callback();
  }

  private async nested<T>(tx: OpenTransaction, fn: () => Promise<T>): Promise<T> {
    const name = `sp_${++this.savepoints}`;
    const mark = tx.afterCommit.length;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await this.scope.run(tx, fn);
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (this.db.inTransaction) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
        this.onRollback();
      }
      tx.afterCommit.length = mark;
      throw error;
    }
  }
}
