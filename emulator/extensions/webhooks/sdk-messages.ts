import { createHash } from 'node:crypto';
import type { EmulatorOperations, MessageName, OperationContext } from '../../contracts';
import { TABLES } from '../../metadata/index';
import { systemContext } from '../async-operations';

/** The messages the emulator's pipeline raises, which a step can be registered on. */
export const PIPELINE_MESSAGES: readonly MessageName[] = [
  'Create',
  'Update',
  'Delete',
  'Associate',
  'Disassociate',
];

/** Tables a filter is seeded for, so a registration can find `sdkmessagefilter` rows as in Dataverse. */
export const DEFAULT_FILTER_TABLES: readonly string[] = TABLES.map((table) => table.logicalName);

/** A stable id derived from a name, so seeded rows have the same ids in every emulator database. */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`dataverse-emulator:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Fixed id of the seeded `sdkmessage` row for a message (when the emulator seeded it). */
export function sdkMessageId(message: MessageName): string {
  return stableId(`sdkmessage:${message}`);
}

/** Fixed id of the seeded `sdkmessagefilter` row for a message on a table. */
export function sdkMessageFilterId(message: MessageName, table: string): string {
  return stableId(`sdkmessagefilter:${message}:${table}`);
}

/**
 * Inserts the `sdkmessage` rows for the pipeline's messages and a `sdkmessagefilter` per message and
 * table, where missing (rows already present, by name or by table, are kept). Idempotent.
 */
export async function ensureSdkMessages(
  ops: EmulatorOperations,
  ctx: OperationContext,
  tables: readonly string[] = DEFAULT_FILTER_TABLES,
): Promise<void> {
  const system = systemContext(ctx);
  await ops.transaction(async () => {
    for (const message of PIPELINE_MESSAGES) {
      const existing = ops.find('sdkmessage', { name: message })[0];
      const messageId = existing
        ? existing.id
        : (await ops.create('sdkmessage', { name: message }, system, sdkMessageId(message))).id;
      const filters = ops
        .find('sdkmessagefilter')
        .filter((row) => lookupId(row.values.sdkmessageid) === messageId);
      const covered = new Set(filters.map((row) => row.values.primaryobjecttypecode));
      for (const table of tables) {
        if (covered.has(table)) continue;
        await ops.create(
          'sdkmessagefilter',
          {
            name: `${message} of ${table}`,
            sdkmessageid: { logicalName: 'sdkmessage', id: messageId },
            primaryobjecttypecode: table,
            secondaryobjecttypecode: 'none',
            iscustomprocessingstepallowed: true,
          },
          system,
          sdkMessageFilterId(message, table),
        );
      }
    }
  });
}

/** The id inside a stored lookup (a `LookupValue`), or a plain id string. */
export function lookupId(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    return typeof id === 'string' ? id.toLowerCase() : undefined;
  }
  return undefined;
}
