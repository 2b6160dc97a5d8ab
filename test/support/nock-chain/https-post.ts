/**
 * A bare `https` POST for the nock-chain files: no client, retries or error mapping in between, so
 * what the test sees is exactly what nock and the `https` module did.
 */
import https from 'node:https';

/** Posts `body` as JSON to `url`; resolves with the status code, rejects with the request's error. */
export function httpsPost(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
