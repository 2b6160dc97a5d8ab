/**
 * Metadata of the solution tables: solution (an installed solution), publisher (who owns its
 * customizations) and solutioncomponent (which rows belong to which solution).
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/solutioncomponent
 */
import { bool, choice, dateTime, int, lookup, memo, primaryKey, systemColumns, text } from './columns';
import type { TableMeta } from './types';

/** solution: an installed solution. */
export const solutionTable: TableMeta = {
  logicalName: 'solution',
  entitySet: 'solutions',
  primaryId: 'solutionid',
  primaryName: 'friendlyname',
  columns: [
    primaryKey('solutionid'),
    text('uniquename', 65, true),
    text('friendlyname', 256, true),
    text('version', 256, true),
    bool('ismanaged', false),
    memo('description', 2000),
    dateTime('installedon'),
    lookup('publisherid', { publisher: 'publisherid' }),
    ...systemColumns(),
  ],
};

/** publisher: the owner of a solution's customizations and their name prefix. */
export const publisherTable: TableMeta = {
  logicalName: 'publisher',
  entitySet: 'publishers',
  primaryId: 'publisherid',
  primaryName: 'friendlyname',
  columns: [
    primaryKey('publisherid'),
    text('uniquename', 256, true),
    text('friendlyname', 256, true),
    text('customizationprefix', 8),
    int('customizationoptionvalueprefix'),
    memo('description', 2000),
    ...systemColumns(),
  ],
};

/** Object type codes of solutioncomponent.componenttype the emulator stores (29 = workflow). */
export const SolutionComponentType = { Workflow: 29 } as const;

/** solutioncomponent: one component (by `objectid`) of a solution. Read-only in Dataverse's Web API. */
export const solutionComponentTable: TableMeta = {
  logicalName: 'solutioncomponent',
  entitySet: 'solutioncomponents',
  primaryId: 'solutioncomponentid',
  columns: [
    primaryKey('solutioncomponentid'),
    choice(
      'componenttype',
      { 1: 'Entity', 2: 'Attribute', 20: 'Role', 29: 'Workflow', 61: 'Web Resource', 91: 'Plugin Assembly' },
      true,
    ),
    { name: 'objectid', type: 'uniqueidentifier', required: true, indexed: true },
    lookup('solutionid', { solution: 'solutionid' }, true),
    choice('rootcomponentbehavior', {
      0: 'Include Subcomponents',
      1: 'Do not include subcomponents',
      2: 'Include As Shell Only',
    }),
    lookup('rootsolutioncomponentid', { solutioncomponent: 'rootsolutioncomponentid' }),
    bool('ismetadata', false),
    ...systemColumns(),
  ],
};
