/**
 * Starts the emulator core: SQLite store, operations, the HTTP server on 127.0.0.1, the fault
 * injector, optional seed data, and whatever extensions (actions, pipeline, gate) it is given.
 */
import type { AddressInfo } from 'node:net';
import type { EmulatorExtensions, EmulatorOperations } from './contracts';
import { FaultList } from './faults';
import type { FaultInjector, FaultRule } from './faults';
import { API_ROOT, createApiServer } from './http/server';
import { checkDataModel, type EmulatorDataModel } from './metadata';
import { CoreOperations } from './operations';
import { checkCoreOptions, listenError, openError } from './options';
import { PortalInvitationsError } from '../sdk/errors';
import { SEED, seedStore } from './seed';
import { openDatabase, Store } from './store/store';
import { TransactionManager } from './store/transaction';

export { SEED } from './seed';
export type { FaultInjector, FaultRule } from './faults';

/** Options for {@link startEmulatorCore}. */
export interface EmulatorCoreOptions {
  /** Port to listen on; 0 (default) picks a free port. */
  port?: number;
  /** Only 127.0.0.1 is supported: the emulator never listens on other interfaces. */
  host?: '127.0.0.1';
  /** SQLite file path (WAL; committed rows survive a killed process) or `:memory:` (default). */
  db?: string;
  /** When set, only `Authorization: Bearer <token>` is accepted; otherwise any bearer token is. */
  token?: string;
  /** Write the sample portal (see `SEED`) when the store is empty. */
  seed?: boolean;
  /**
   * Which data model's tables the environment has: `both` (default; one site of each model when
   * seeded), `enhanced` (no adx_website / adx_webrole: their entity sets answer 404, as in an
   * environment whose sites all date from 2023 on) or `standard` (no powerpagesite,
   * powerpagecomponent, mspp_website, mspp_webrole).
   */
  dataModel?: EmulatorDataModel;
  /** Actions, pipeline and request gate built on top of the core. */
  extensions?: EmulatorExtensions;
  /** Largest request body accepted, in bytes (default 64 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Injected clock for timestamps (default `new Date()`). */
  now?: () => Date;
}

/** A running emulator core. */
export interface EmulatorCore {
  /** `http://127.0.0.1:<port>` (the environment URL clients are given). */
  url: string;
  /** `http://127.0.0.1:<port>/api/data/v9.2/`. */
  apiUrl: string;
  port: number;
  ops: EmulatorOperations;
  /** Test hook: make the next matching request(s) fail. */
  faults: FaultInjector;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

function open(file: string): ReturnType<typeof openDatabase> {
  try {
    return openDatabase(file);
  } catch (error) {
    // A missing storage engine already says what to install; anything else is the file.
    throw error instanceof PortalInvitationsError ? error : openError(error, file);
  }
}

/**
 * Starts the core; resolves once it is listening.
 * @throws InvalidArgumentError for an option that cannot work; EmulatorStartError when the
 * database cannot be opened or the port cannot be listened on.
 */
export async function startEmulatorCore(options: EmulatorCoreOptions = {}): Promise<EmulatorCore> {
  checkCoreOptions(options);
  checkDataModel(options.dataModel);
  const dataModel = options.dataModel ?? 'both';
  const db = open(options.db ?? ':memory:');
  const store = new Store(db);
  const tx = new TransactionManager(db, () => store.rolledBack());
  const ops = new CoreOperations(store, tx, options.now);
  const extensions = options.extensions ?? {};
  try {
    if (options.seed) await seedStore(ops, undefined, { dataModel });
  } catch (error) {
    db.close();
    throw error;
  }
  if (extensions.pipeline) ops.setPipeline(extensions.pipeline(ops));
  const faults = new FaultList();
  let origin = '';
  const server = createApiServer({
    store,
    ops,
    tx,
    extensions,
    faults,
    token: options.token,
    maxBodyBytes: options.maxBodyBytes,
    defaultUserId: SEED.systemUserId,
    origin: () => origin,
    dataModel,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    db.close();
    throw listenError(error, options.port ?? 0);
  }
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    url: origin,
    apiUrl: `${origin}${API_ROOT}`,
    port,
    ops,
    faults: faults as FaultInjector & { add(rule: FaultRule): void },
    close: async () => {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
