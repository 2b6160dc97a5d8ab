/**
 * What tests and benchmarks may reach that the package does not export: the transport behind a
 * client. Not re-exported from the client's index; nothing here is public API.
 */
import { InvalidArgumentError } from '../errors';
import type { Transport } from './transport';

const transports = new WeakMap<object, Transport>();

/** Records the transport a client sends through (called by the client's constructor). */
export function registerTransport(client: object, transport: Transport): void {
  transports.set(client, transport);
}

/** The transport of a client made by this package. */
export function transportOf(client: object): Transport {
  const transport = transports.get(client);
  if (!transport) throw new InvalidArgumentError('client', 'This client was not made by DataverseClient.');
  return transport;
}
