/**
 * Waiting for a system job (asyncoperation), e.g. the one ImportSolutionAsync starts.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/asyncoperation
 */
import type { DataverseClient } from '../../sdk/client/index';
import type { WebApiRecord } from '../../sdk/client/types';
import { AsyncOperationState, AsyncOperationStatus, AsyncOperationTable } from '../../sdk/entities/index';

/** Options of {@link waitForAsyncOperation}. */
export interface WaitOptions {
  /** Time between polls; default 2000. */
  intervalMs?: number;
  /** Give up after this long; default 30 minutes. */
  timeoutMs?: number;
  /** Told each poll's status code. */
  onPoll?: (status: number, elapsedMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The job's final outcome. */
export interface AsyncOutcome {
  succeeded: boolean;
  status: number;
  message?: string;
}

/** Polls the job until it completes (or the timeout passes, which throws). */
export async function waitForAsyncOperation(
  client: DataverseClient,
  id: string,
  options: WaitOptions = {},
): Promise<AsyncOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  const c = AsyncOperationTable.columns;
  for (;;) {
    const row = await client.retrieve<WebApiRecord>(AsyncOperationTable.entitySet, id, {
      select: [c.state, c.status, c.message, c.friendlyMessage],
    });
    const status = Number(row[c.status]);
    options.onPoll?.(status, now() - started);
    if (Number(row[c.state]) === AsyncOperationState.Completed) {
      const message = (row[c.friendlyMessage] ?? row[c.message]) as string | undefined;
      return { succeeded: status === AsyncOperationStatus.Succeeded, status, message: message || undefined };
    }
    if (now() - started > (options.timeoutMs ?? 30 * 60_000)) {
      throw new Error(`System job ${id} did not finish in time (last status ${status}).`);
    }
    await sleep(options.intervalMs ?? 2000);
  }
}
