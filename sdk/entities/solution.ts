/**
 * solution and publisher: an installed solution (what `portal-invite solution` imports and
 * exports) and the publisher that owns its customizations.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/solution
 */
import { lookup, type TableDefinition } from './table';

/** solution's names. */
export const SolutionTable = {
  logicalName: 'solution',
  entitySet: 'solutions',
  primaryId: 'solutionid',
  primaryName: 'friendlyname',
  columns: {
    id: 'solutionid',
    uniqueName: 'uniquename',
    friendlyName: 'friendlyname',
    version: 'version',
    managed: 'ismanaged',
    description: 'description',
    installedOn: 'installedon',
  },
  lookups: {
    publisher: lookup('publisherid', 'publisherid', 'publisher'),
  },
  relationships: {
    /** 1:N to the solution's components. */
    components: 'solution_solutioncomponent',
  },
} as const satisfies TableDefinition;

/** publisher's names. */
export const PublisherTable = {
  logicalName: 'publisher',
  entitySet: 'publishers',
  primaryId: 'publisherid',
  primaryName: 'friendlyname',
  columns: {
    id: 'publisherid',
    uniqueName: 'uniquename',
    friendlyName: 'friendlyname',
    customizationPrefix: 'customizationprefix',
    optionValuePrefix: 'customizationoptionvalueprefix',
    description: 'description',
  },
  lookups: {},
  relationships: {
    /** 1:N to the solutions of this publisher. */
    solutions: 'publisher_solution',
  },
} as const satisfies TableDefinition;

/** solutioncomponent's names. Read-only through the Web API. */
export const SolutionComponentTable = {
  logicalName: 'solutioncomponent',
  entitySet: 'solutioncomponents',
  primaryId: 'solutioncomponentid',
  primaryName: 'solutioncomponentid',
  columns: {
    id: 'solutioncomponentid',
    componentType: 'componenttype',
    objectId: 'objectid',
    rootComponentBehavior: 'rootcomponentbehavior',
    metadata: 'ismetadata',
  },
  lookups: {
    solution: lookup('solutionid', 'solutionid', 'solution'),
    rootComponent: lookup('rootsolutioncomponentid', 'rootsolutioncomponentid', 'solutioncomponent'),
  },
  relationships: {},
} as const satisfies TableDefinition;

/** solutioncomponent.componenttype values this package meets. */
export enum SolutionComponentType {
  Entity = 1,
  Attribute = 2,
  Role = 20,
  Workflow = 29,
  WebResource = 61,
  PluginAssembly = 91,
}

/** solutioncomponent.rootcomponentbehavior: how much of a root component the solution holds. */
export enum RootComponentBehavior {
  IncludeSubcomponents = 0,
  DoNotIncludeSubcomponents = 1,
  IncludeAsShellOnly = 2,
}
