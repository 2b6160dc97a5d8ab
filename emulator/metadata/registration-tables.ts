/**
 * Metadata of the tables behind webhook registrations: serviceendpoint, sdkmessage,
 * sdkmessagefilter, sdkmessageprocessingstep, sdkmessageprocessingstepimage.
 */
import { bool, choice, int, lookup, memo, primaryKey, stateColumns, systemColumns, text } from './columns';
import type { TableMeta } from './types';

/** serviceendpoint: a webhook target (contract 8). */
export const serviceEndpointTable: TableMeta = {
  logicalName: 'serviceendpoint',
  entitySet: 'serviceendpoints',
  primaryId: 'serviceendpointid',
  primaryName: 'name',
  columns: [
    primaryKey('serviceendpointid'),
    text('name', 256, true),
    text('url', 2000),
    choice(
      'contract',
      {
        1: 'OneWay',
        2: 'Queue',
        3: 'Rest',
        4: 'TwoWay',
        5: 'Topic',
        6: 'Queue Persistent',
        7: 'Event Hub',
        8: 'Webhook',
      },
      true,
    ),
    choice('authtype', {
      1: 'ACS',
      2: 'SAS Key',
      3: 'SAS Token',
      4: 'Webhook Key',
      5: 'Http Header',
      6: 'Http Query String',
    }),
    memo('authvalue', 4000),
    choice('messageformat', { 1: '.NET Binary', 2: 'JSON', 3: 'XML' }, false, 2),
    text('description', 256),
    ...systemColumns(),
  ],
};

/** sdkmessage: a message name (Create, Update...). */
export const sdkMessageTable: TableMeta = {
  logicalName: 'sdkmessage',
  entitySet: 'sdkmessages',
  primaryId: 'sdkmessageid',
  primaryName: 'name',
  columns: [primaryKey('sdkmessageid'), text('name', 256, true), ...systemColumns()],
};

/** sdkmessagefilter: a message on one table. */
export const sdkMessageFilterTable: TableMeta = {
  logicalName: 'sdkmessagefilter',
  entitySet: 'sdkmessagefilters',
  primaryId: 'sdkmessagefilterid',
  primaryName: 'name',
  columns: [
    primaryKey('sdkmessagefilterid'),
    text('name', 256),
    lookup('sdkmessageid', { sdkmessage: 'sdkmessageid' }, true),
    text('primaryobjecttypecode', 100),
    text('secondaryobjecttypecode', 100),
    bool('iscustomprocessingstepallowed', true),
    ...systemColumns(),
  ],
};

/** sdkmessageprocessingstep: a registered step (stage, mode, rank, filtering attributes). */
export const sdkMessageProcessingStepTable: TableMeta = {
  logicalName: 'sdkmessageprocessingstep',
  entitySet: 'sdkmessageprocessingsteps',
  primaryId: 'sdkmessageprocessingstepid',
  primaryName: 'name',
  columns: [
    primaryKey('sdkmessageprocessingstepid'),
    text('name', 256, true),
    choice(
      'stage',
      { 10: 'Pre-validation', 20: 'Pre-operation', 30: 'Main Operation', 40: 'Post-operation' },
      true,
    ),
    choice('mode', { 0: 'Synchronous', 1: 'Asynchronous' }, true, 0),
    { ...int('rank', true), default: 1 },
    choice(
      'supporteddeployment',
      { 0: 'Server Only', 1: 'Microsoft Dynamics 365 Client for Outlook Only', 2: 'Both' },
      false,
      0,
    ),
    memo('filteringattributes', 100000),
    memo('configuration'),
    text('description', 256),
    bool('asyncautodelete', false),
    lookup('eventhandler', { serviceendpoint: 'eventhandler_serviceendpoint' }),
    lookup('sdkmessageid', { sdkmessage: 'sdkmessageid' }),
    lookup('sdkmessagefilterid', { sdkmessagefilter: 'sdkmessagefilterid' }),
    ...stateColumns({ 0: 'Enabled', 1: 'Disabled' }, { 1: 'Enabled', 2: 'Disabled' }),
    ...systemColumns(),
  ],
  states: { 0: [1], 1: [2] },
};

/** sdkmessageprocessingstepimage: an entity image (pre/post) a step asks for. */
export const sdkMessageProcessingStepImageTable: TableMeta = {
  logicalName: 'sdkmessageprocessingstepimage',
  entitySet: 'sdkmessageprocessingstepimages',
  primaryId: 'sdkmessageprocessingstepimageid',
  primaryName: 'name',
  columns: [
    primaryKey('sdkmessageprocessingstepimageid'),
    text('name', 256, true),
    text('entityalias', 256, true),
    choice('imagetype', { 0: 'PreImage', 1: 'PostImage', 2: 'Both' }, true),
    text('messagepropertyname', 256, true),
    memo('attributes', 100000),
    lookup('sdkmessageprocessingstepid', { sdkmessageprocessingstep: 'sdkmessageprocessingstepid' }, true),
    ...systemColumns(),
  ],
};
