/**
 * Request bodies in recordings: the `$batch` boundaries are fixed when recorded and when matched,
 * so the same change set replays whatever boundaries it was sent with, and one that differs in
 * anything else (another If-Match, another activity id) does not match.
 */
import { readFileSync } from 'node:fs';
import { fixturePath, matchesRecordedBody } from '../support/fixtures';
import { canonicalBody, normaliseBoundaries } from '../support/scrub';

const BATCH = 'batch_0b6c1f0e-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
const CHANGE_SET = 'changeset_1c7d2a1f-3e4b-4c5d-9e0f-1a2b3c4d5e6f';

describe('fixed $batch boundaries', () => {
  it('numbers each kind of boundary in order of appearance', () => {
    const body = `--${BATCH}\r\nContent-Type: multipart/mixed; boundary=${CHANGE_SET}\r\n--${CHANGE_SET}--\r\n--${BATCH}--`;
    expect(normaliseBoundaries(body)).toBe(
      '--batch_boundary-1\r\nContent-Type: multipart/mixed; boundary=changeset_boundary-1\r\n--changeset_boundary-1--\r\n--batch_boundary-1--',
    );
  });

  it('gives a response header and its body the same token when they share a map', () => {
    const seen = new Map<string, string>();
    const header = normaliseBoundaries(`multipart/mixed; boundary=batchresponse_${BATCH.slice(6)}`, seen);
    const body = normaliseBoundaries(`--batchresponse_${BATCH.slice(6)}--`, seen);
    expect([header, body]).toEqual([
      'multipart/mixed; boundary=batchresponse_boundary-1',
      '--batchresponse_boundary-1--',
    ]);
  });

  it('redacts a password hash in a body it matches', () => {
    expect(canonicalBody('{"adx_identity_passwordhash":"AQAAAAEAACcQ"}')).toBe(
      '{"adx_identity_passwordhash":"[REDACTED]"}',
    );
  });
});

function recordedChangeSet(): string {
  const definitions = JSON.parse(readFileSync(fixturePath('invitations/redeem'), 'utf8')) as {
    path: string;
    body?: unknown;
  }[];
  // The lookup is a `$batch` of GETs too; the change set is the one with a changeset part.
  return String(
    definitions.find((d) => d.path.endsWith('/$batch') && String(d.body).includes('changeset_'))?.body,
  );
}

function withRandomBoundaries(body: string): string {
  return body.replace(/batch_boundary-1/g, BATCH).replace(/changeset_boundary-1/g, CHANGE_SET);
}

describe('the recorded redemption change set', () => {
  it('matches the same change set sent with other random boundaries', () => {
    const recorded = recordedChangeSet();
    expect(matchesRecordedBody(recorded, withRandomBoundaries(recorded))).toBe(true);
  });

  it('pins the If-Match the invitation write is guarded by', () => {
    const recorded = recordedChangeSet();
    expect(recorded).toMatch(/PATCH \S+adx_invitations\(\S+\) HTTP\/1\.1\r\nIf-Match: W\/"\d+"/);
    const otherEtag = withRandomBoundaries(recorded).replace(/If-Match: W\/"\d+"/, 'If-Match: *');
    expect(matchesRecordedBody(recorded, otherEtag)).toBe(false);
  });

  it('refuses a change set creating another activity id', () => {
    const recorded = recordedChangeSet();
    const otherId = withRandomBoundaries(recorded).replace('-000000000002"', '-0000000000ff"');
    expect(otherId).not.toBe(withRandomBoundaries(recorded));
    expect(matchesRecordedBody(recorded, otherId)).toBe(false);
  });
});
