/**
 * A DataverseClient wired for tests: a fixed token, a sleep that records the waits instead of
 * waiting, and fixed jitter.
 */
import { DataverseClient, StaticTokenCredential, type DataverseClientOptions } from '../../sdk/client';

/** The bearer token test clients send. */
export const TEST_TOKEN = 'test-token-not-a-secret';

/** A client whose sleeps return at once; `waits` lists the delays it was asked for. */
export function testClient(
  url: string,
  options: Partial<DataverseClientOptions> = {},
): { client: DataverseClient; waits: number[] } {
  const waits: number[] = [];
  const client = new DataverseClient({
    url,
    credential: new StaticTokenCredential(TEST_TOKEN),
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, waits };
}
