/**
 * Which data model's tables an emulator serves: `both` (default), `enhanced` (no adx_website /
 * adx_webrole, as an environment whose sites were all created since 2023), or `standard` (no
 * powerpagesite / powerpagecomponent / mspp_* views). Every emulator stores every table; the
 * model decides what its HTTP requests can see, through an async-local scope the HTTP front opens
 * per request. A hidden table's entity set answers 404 "Resource not found for the segment", and
 * its relationships and the lookups pointing only at it are not properties of any other table.
 * Code outside a request (the seed, tests calling the operations) sees everything.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvalidArgumentError } from '../../sdk/errors';
import { DATA_MODEL_TABLES } from '../../sdk/sites/data-models';
import type { DataModel } from '../../sdk/sites/types';

/** The data models an emulator can serve. */
export type EmulatorDataModel = DataModel | 'both';

/** The values of {@link EmulatorDataModel}. */
export const EMULATOR_DATA_MODELS: readonly EmulatorDataModel[] = ['both', 'enhanced', 'standard'];

const hidden = new AsyncLocalStorage<ReadonlySet<string>>();

/** The logical names an emulator serving `model` hides (none for `both`). */
export function hiddenTablesOf(model: EmulatorDataModel): ReadonlySet<string> {
  if (model === 'both') return new Set();
  const other: DataModel = model === 'enhanced' ? 'standard' : 'enhanced';
  return new Set(DATA_MODEL_TABLES[other].map((t) => t.logicalName));
}

/** Runs `fn` (and everything it awaits) seeing only the tables of `model`. */
export function withDataModel<T>(model: EmulatorDataModel, fn: () => T): T {
  return model === 'both' ? fn() : hidden.run(hiddenTablesOf(model), fn);
}

/** Whether the current request's data model hides this table. */
export function isHiddenTable(logicalName: string): boolean {
  return hidden.getStore()?.has(logicalName) ?? false;
}

/** Whether the current request's data model serves some of these tables (true when there are none). */
export function anyVisible(logicalNames: readonly string[] | undefined): boolean {
  const store = hidden.getStore();
  if (!store || !logicalNames || logicalNames.length === 0) return true;
  return logicalNames.some((name) => !store.has(name));
}

/** Throws InvalidArgumentError for a data model the emulator does not know. */
export function checkDataModel(model: unknown): asserts model is EmulatorDataModel | undefined {
  if (model === undefined || EMULATOR_DATA_MODELS.includes(model as EmulatorDataModel)) return;
  throw new InvalidArgumentError(
    'dataModel',
    `dataModel "${String(model)}" is not known; use ${EMULATOR_DATA_MODELS.join(', ')} (the tables of the enhanced data model, of the standard one, or both).`,
  );
}
