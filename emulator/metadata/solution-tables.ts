/**
 * Metadata of the solution tables: solution (an installed solution), publisher (who owns its
 * customizations) and solutioncomponent (which rows belong to which solution).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/solutioncomponent
 */
import {
  PublisherTable,
  RootComponentBehavior,
  SolutionComponentTable,
  SolutionComponentType,
  SolutionTable,
} from '../../sdk/entities/index';
import { bool, choice, dateTime, guid, int, memo, text } from './columns';
import { defineTable, type DefinedTable, oneToMany } from './define';

/** solution: an installed solution. */
export const solutionTable = defineTable(SolutionTable, {
  columns: {
    uniqueName: text(65, { required: true }),
    friendlyName: text(256, { required: true }),
    version: text(256, { required: true }),
    managed: bool(false),
    description: memo(2000),
    installedOn: dateTime(),
  },
  relationships: { components: oneToMany(SolutionComponentTable, 'solution') },
});

/** publisher: the owner of a solution's customizations and their name prefix. */
export const publisherTable = defineTable(PublisherTable, {
  columns: {
    uniqueName: text(256, { required: true }),
    friendlyName: text(256, { required: true }),
    customizationPrefix: text(8),
    optionValuePrefix: int(),
    description: memo(2000),
  },
  relationships: { solutions: oneToMany(SolutionTable, 'publisher') },
});

/** solutioncomponent: one component (by `objectid`) of a solution. Read-only in Dataverse's Web API. */
export const solutionComponentTable = defineTable(SolutionComponentTable, {
  columns: {
    componentType: choice(SolutionComponentType, { required: true }),
    objectId: guid({ required: true, indexed: true }),
    rootComponentBehavior: choice(RootComponentBehavior, {
      labels: { [RootComponentBehavior.DoNotIncludeSubcomponents]: 'Do not include subcomponents' },
    }),
    metadata: bool(false),
  },
  lookups: { solution: { required: true } },
});

/** The solution tables, in the order the emulator serves them. */
export const solutionTables: readonly DefinedTable[] = [
  solutionTable,
  publisherTable,
  solutionComponentTable,
];
