/**
 * The sdkmessage and sdkmessagefilter rows a registration refers to: the emulator seeds one per
 * message its pipeline raises, and a filter per message and table, with ids that are the same in
 * every emulator database, as Dataverse has them for its own messages.
 */
import { createHash } from 'node:crypto';
import { MessageName as Messages, SdkMessageFilterTable, SdkMessageTable } from '../../../sdk/entities/index';
import { NO_SECONDARY_ENTITY } from '../../../sdk/webhooks/index';
import type { EmulatorOperations, MessageName, OperationContext } from '../../contracts';
import { TABLES } from '../../metadata/index';
import { systemContext } from '../async-operations';
import { lookupId } from './registrations';

/** The messages the emulator's pipeline raises, which a step can be registered on. */
export const PIPELINE_MESSAGES: readonly MessageName[] = [
  Messages.Create,
  Messages.Update,
  Messages.Delete,
  Messages.Associate,
  Messages.Disassociate,
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
  return stableId(`${SdkMessageTable.logicalName}:${message}`);
}

/** Fixed id of the seeded `sdkmessagefilter` row for a message on a table. */
export function sdkMessageFilterId(message: MessageName, table: string): string {
  return stableId(`${SdkMessageFilterTable.logicalName}:${message}:${table}`);
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
  const message = SdkMessageTable.columns;
  const filter = SdkMessageFilterTable.columns;
  const messageLookup = SdkMessageFilterTable.lookups.message.column;
  await ops.transaction(async () => {
    for (const name of PIPELINE_MESSAGES) {
      const existing = ops.find(SdkMessageTable.logicalName, { [message.name]: name })[0];
      const messageId = existing
        ? existing.id
        : (
            await ops.create(
              SdkMessageTable.logicalName,
              { [message.name]: name },
              system,
              sdkMessageId(name),
            )
          ).id;
      const filters = ops
        .find(SdkMessageFilterTable.logicalName)
        .filter((row) => lookupId(row.values[messageLookup]) === messageId);
      const covered = new Set(filters.map((row) => row.values[filter.primaryObjectTypeCode]));
      for (const table of tables) {
        if (covered.has(table)) continue;
        await ops.create(
          SdkMessageFilterTable.logicalName,
          {
            [filter.name]: `${name} of ${table}`,
            [messageLookup]: { logicalName: SdkMessageTable.logicalName, id: messageId },
            [filter.primaryObjectTypeCode]: table,
            [filter.secondaryObjectTypeCode]: NO_SECONDARY_ENTITY,
            [filter.customProcessingStepAllowed]: true,
          },
          system,
          sdkMessageFilterId(name, table),
        );
      }
    }
  });
}
