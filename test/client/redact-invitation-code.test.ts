import nock from 'nock';
import { DataverseClient, DataverseError, REDACTED, redact, redactText } from '../../sdk/client';
import { testClient } from '../support/test-client';

// A value no other redaction pattern would catch: if it shows up, the invitation code leaked.
const CODE = 'inv-LEAKCHECK-3c9e1f7a';
const URL = 'https://contoso.crm.dynamics.com';
const API = '/api/data/v9.2/';

describe('redactText: invitation codes', () => {
  it('removes the code from a plain $filter and keeps the rest readable', () => {
    expect(redactText(`$filter=adx_invitationcode eq '${CODE}' and statecode eq 0`)).toBe(
      `$filter=adx_invitationcode eq '${REDACTED}' and statecode eq 0`,
    );
  });

  it('removes the code from a $filter with spaces and quotes percent-encoded', () => {
    expect(redactText(`adx_invitations?$filter=adx_invitationcode%20eq%20%27${CODE}%27&$top=1`)).toBe(
      `adx_invitations?$filter=adx_invitationcode%20eq%20%27${REDACTED}%27&$top=1`,
    );
  });

  it('removes a code holding an escaped quote whole', () => {
    expect(redactText(`adx_invitationcode eq 'it''s-${CODE}')`)).toBe(`adx_invitationcode eq '${REDACTED}')`);
    expect(redactText(`adx_invitationcode%20eq%20%27it%27%27s-${CODE}%27&x=1`)).toBe(
      `adx_invitationcode%20eq%20%27${REDACTED}%27&x=1`,
    );
  });

  it('removes every code of an `or` filter', () => {
    expect(redactText(`(adx_invitationcode eq '${CODE}' or adx_invitationcode eq '${CODE}2')`)).toBe(
      `(adx_invitationcode eq '${REDACTED}' or adx_invitationcode eq '${REDACTED}')`,
    );
  });

  it('removes the code from a filter inside a percent-encoded URL', () => {
    const inner = encodeURIComponent(`/x?$filter=adx_invitationcode%20eq%20%27${CODE}%27`);
    expect(redactText(`/record?url=${inner}`)).not.toContain(CODE);
  });

  it('removes a code whose closing quote was cut off', () => {
    expect(redactText(`adx_invitationcode eq '${CODE}`)).toBe(`adx_invitationcode eq '${REDACTED}'`);
  });

  it('removes the code from JSON text', () => {
    expect(redactText(`{"adx_name":"x","adx_invitationcode" : "${CODE}"}`)).toBe(
      `{"adx_name":"x","adx_invitationcode" : "${REDACTED}"}`,
    );
  });

  it('keeps a filter on another column', () => {
    const text = "adx_invitationcontact eq 'x' and adx_name eq 'y'";
    expect(redactText(text)).toBe(text);
  });
});

describe('invitation codes in client errors and logs', () => {
  afterEach(() => nock.cleanAll());

  async function lookup(client: DataverseClient): Promise<unknown> {
    try {
      for await (const row of client.list('adx_invitations', { filter: `adx_invitationcode eq '${CODE}'` }))
        return row;
    } catch (error) {
      return error;
    }
    return undefined;
  }

  function failingLookup(): nock.Scope {
    return nock(URL)
      .get(`${API}adx_invitations`)
      .query(true)
      .reply(500, { error: { code: '0x80040216', message: 'An unexpected error occurred.' } });
  }

  it('a failed redeem lookup names the filter but not the code', async () => {
    const scope = failingLookup();
    const error = (await lookup(testClient(URL, { maxAttempts: 1 }).client)) as DataverseError;
    scope.done();
    expect(error).toBeInstanceOf(DataverseError);
    expect(JSON.stringify({ message: error.message, json: error.toJSON() })).not.toContain(CODE);
    expect(error.message).toContain(`adx_invitationcode eq '${REDACTED}'`);
  });

  it('the verbose log of a redeem lookup does not carry the code', async () => {
    const scope = failingLookup();
    const lines: string[] = [];
    const record = (message: string, details?: Record<string, unknown>) => {
      lines.push(message, JSON.stringify(details ?? {}));
    };
    await lookup(testClient(URL, { maxAttempts: 1, logger: { debug: record, warn: record } }).client);
    scope.done();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(CODE);
  });
});

describe('redactText keep option', () => {
  it('leaves a listed fake code in place and still hides every other code', () => {
    const text =
      "adx_invitationcode eq 'fake-test-code-000000001' or adx_invitationcode eq 'real-secret-code-0000001'";
    expect(redactText(text, { keep: ['fake-test-code-000000001'] })).toBe(
      "adx_invitationcode eq 'fake-test-code-000000001' or adx_invitationcode eq '[REDACTED]'",
    );
  });

  it('applies to the percent-encoded filter and to JSON text, and to redact() over objects', () => {
    const keep = ['fake-test-code-000000001'];
    expect(redactText('adx_invitationcode%20eq%20%27fake-test-code-000000001%27', { keep })).toContain(
      'fake-test-code-000000001',
    );
    expect(redactText('{"adx_invitationcode":"other-code-00000000000001"}', { keep })).toBe(
      '{"adx_invitationcode":"[REDACTED]"}',
    );
    expect(redact({ path: "adx_invitationcode eq 'fake-test-code-000000001'" }, { keep })).toEqual({
      path: "adx_invitationcode eq 'fake-test-code-000000001'",
    });
  });
});
