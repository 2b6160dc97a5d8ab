/**
 * Ids typed on the command line are checked before any request: a value that is not a GUID is a
 * usage mistake (exit 2) with a message naming the argument, never a `$filter` syntax error from
 * the server. The check is the SDK's (`isGuidText`), so both accept the same spellings.
 */
import { isGuidText } from '../sdk/entities/guid';
import { UsageError } from './errors';

/** An example id for messages. */
const EXAMPLE_ID = '3f2a6c1e-8d4b-4f0a-9c7e-2b1d5e6f7a80';

/**
 * The id in the Web API's form (no braces, lower case).
 * @param what - what the id is of, for the message: "an invitation", "a redemption"
 * @param where - how the user gave it, e.g. `--apply` or `<id>`
 * @throws UsageError when `value` is not a GUID
 */
export function requireGuid(value: string, what: string, where: string): string {
  if (!isGuidText(value)) {
    throw new UsageError(
      `${where} "${value}" is not ${what} id: ids are GUIDs such as ${EXAMPLE_ID} (braces optional).`,
      'Nothing was sent. `portal-invite invite list` shows the ids of the invitations.',
    );
  }
  return value
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}
