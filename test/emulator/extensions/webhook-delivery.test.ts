import {
  authenticatedRequest,
  deliverWebhook,
  handlerMessage,
  parseAuthSettings,
} from '../../../emulator/extensions/webhooks/delivery';
import type { WebhookEndpoint } from '../../../emulator/extensions/webhooks/registrations';

const endpoint: WebhookEndpoint = {
  id: 'e',
  name: 'hook',
  url: 'https://hooks.example.test/api/webhooks/dataverse',
  authType: 4,
  authValue: 'top-secret-key',
};

function fakeFetch(...answers: (Response | Error | DOMException)[]): typeof fetch & { calls: number } {
  const fn = (async () => {
    fn.calls += 1;
    const next = answers.shift() ?? new Response('', { status: 200 });
    if (!(next instanceof Response)) throw next;
    return next;
  }) as unknown as typeof fetch & { calls: number };
  fn.calls = 0;
  return fn;
}

describe('deliverWebhook', () => {
  it('reports a handler that does not answer in time, without the key in the message', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const result = await deliverWebhook(endpoint, '{}', {}, { fetch: fakeFetch(timeout) });
    expect(result).toMatchObject({
      ok: false,
      status: 0,
      message: expect.stringMatching(/did not answer in time/),
    });
    expect(JSON.stringify(result)).not.toContain('top-secret-key');
  });

  it('reports an unreachable handler', async () => {
    const result = await deliverWebhook(
      endpoint,
      '{}',
      {},
      { fetch: fakeFetch(new TypeError('fetch failed')) },
    );
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/could not be reached/) });
  });

  it('does not retry a 500', async () => {
    const fetch = fakeFetch(new Response('boom', { status: 500 }));
    expect(await deliverWebhook(endpoint, '{}', {}, { fetch })).toMatchObject({
      ok: false,
      status: 500,
      message: 'boom',
    });
    expect(fetch.calls).toBe(1);
  });

  it('retries a 504 once', async () => {
    const fetch = fakeFetch(new Response('', { status: 504 }), new Response(null, { status: 204 }));
    expect(await deliverWebhook(endpoint, '{}', {}, { fetch })).toEqual({ ok: true, status: 204 });
    expect(fetch.calls).toBe(2);
  });

  it('names the status when the handler gives no message', async () => {
    const result = await deliverWebhook(
      endpoint,
      '{}',
      {},
      { fetch: fakeFetch(new Response('', { status: 403 })) },
    );
    expect(result).toMatchObject({
      message: 'The webhook https://hooks.example.test/api/webhooks/dataverse answered 403.',
    });
  });
});

describe('handlerMessage', () => {
  it.each([
    ['{"message":"m1"}', 'm1'],
    ['{"Message":"m2"}', 'm2'],
    ['{"error":{"message":"m3"}}', 'm3'],
    ['{"error":"m4"}', 'm4'],
    ['plain text', 'plain text'],
  ])('reads %s', (body, expected) => {
    expect(handlerMessage(body)).toBe(expected);
  });
});

describe('authentication', () => {
  it('reads HttpHeader / HttpQueryString settings', () => {
    expect(
      parseAuthSettings('<settings><setting name="a" value="1" /><setting name="b" value="2" /></settings>'),
    ).toEqual({
      a: '1',
      b: '2',
    });
  });

  it('keeps the query string the endpoint already has when adding the key', () => {
    const { url } = authenticatedRequest({ ...endpoint, url: 'https://h.example.test/x?tenant=t1' });
    expect(new URL(url).searchParams.get('tenant')).toBe('t1');
    expect(new URL(url).searchParams.get('code')).toBe('top-secret-key');
  });
});
