/**
 * What every operation needs from the client: the transport and the Web API root.
 */
import type { Transport } from '../transport';

/** Shared by the operation modules; created once per client. */
export interface OperationContext {
  transport: Transport;
  /** `${url}/api/data/v<version>/`. */
  apiUrl: string;
}
