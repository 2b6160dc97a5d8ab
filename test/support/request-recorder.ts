/**
 * A client for an emulator (or any URL) that records the method and URL of every HTTP request it
 * sends, from its logging policy, so a test can assert that an operation only read (GETs) or
 * count what it sent.
 */
import { DataverseClient, StaticTokenCredential } from '../../sdk/client/index';

/** A client and what it sent. */
export interface RecordingClient {
  client: DataverseClient;
  /** `GET adx_invitations?...` per request sent, in order (every attempt counts). */
  requests: string[];
  /** The HTTP methods sent. */
  methods(): string[];
}

/** A client for `url` that records its requests. */
export function recordingClient(url: string): RecordingClient {
  const requests: string[] = [];
  const client = new DataverseClient({
    url,
    credential: new StaticTokenCredential('recorder-token'),
    maxAttempts: 1,
    logger: {
      debug: (message) => {
        if (message.startsWith('→ ')) requests.push(message.slice(2));
      },
    },
  });
  return { client, requests, methods: () => requests.map((r) => r.split(' ')[0]) };
}
