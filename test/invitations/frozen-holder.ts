/**
 * A `DataverseApi` that stops at a chosen call, as a process does when it dies or stalls there:
 * from that moment no call it makes settles or is sent, until (for a stall) it is thawed.
 * "after" stops once Dataverse has run the call, before the caller sees the answer; "before" stops
 * without sending it.
 */
import type { DataverseApi } from '../../sdk/client/api';

/** Which call to stop at: its method name and first argument (an entity set or action name). */
export interface StopAt {
  method: keyof DataverseApi;
  /** e.g. `contacts`, `adx_inviteredemptions`, `ExecuteWorkflow`; any when omitted. */
  target?: string;
  /** The n-th matching call (1 = the first). Default 1. */
  nth?: number;
  when: 'before' | 'after';
}

/** The wrapped client and its controls. */
export interface FrozenHolder {
  api: DataverseApi;
  /** Resolves once the stop point was reached. */
  stopped: Promise<void>;
  /** Lets a stalled holder go on (its held answer is delivered). */
  thaw(): void;
}

/** Wraps `client` so that it stops at `stop`. */
export function freezeAt(client: DataverseApi, stop: StopAt): FrozenHolder {
  let seen = 0;
  let frozen = false;
  let reached!: () => void;
  const stopped = new Promise<void>((resolve) => (reached = resolve));
  let release!: () => void;
  const thawed = new Promise<void>((resolve) => (release = resolve));
  const gate = async () => {
    if (frozen) await thawed;
  };
  const matches = (method: string, args: unknown[]) =>
    method === stop.method &&
    (stop.target === undefined || args[0] === stop.target) &&
    ++seen === (stop.nth ?? 1);

  const api = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'entityUrl' || property === 'list') return value;
      return async (...args: unknown[]) => {
        await gate();
        const hit = matches(String(property), args);
        if (hit && stop.when === 'before') {
          frozen = true;
          reached();
          await thawed;
        }
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (hit && stop.when === 'after') {
          frozen = true;
          reached();
        }
        await gate();
        return result;
      };
    },
  });
  return { api, stopped, thaw: () => release() };
}
