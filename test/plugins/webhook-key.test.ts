import { timingSafeEqual } from 'node:crypto';
import { keyMatches, presentedKey } from '../../plugins/host/webhook-key';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe('webhook key', () => {
  afterEach(() => jest.mocked(timingSafeEqual).mockClear());

  it('matches the same key', () => {
    expect(keyMatches('s3cret-key', 's3cret-key')).toBe(true);
  });

  it('does not match a different key of the same length', () => {
    expect(keyMatches('s3cret-kez', 's3cret-key')).toBe(false);
  });

  it('does not match an absent key, even against an empty expected key', () => {
    expect(keyMatches(undefined, '')).toBe(false);
  });

  it('compares fixed-size digests in constant time whatever the lengths', () => {
    const spy = jest.mocked(timingSafeEqual);
    keyMatches('short', 'a-much-longer-expected-key');
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  });

  it('takes the key from ?code= before headers', () => {
    const url = new URL('http://h/api/webhooks/dataverse?code=from-query');
    expect(presentedKey(url, { 'x-api-key': 'from-header' })).toBe('from-query');
  });

  it('takes the key from a code header', () => {
    expect(presentedKey(new URL('http://h/'), { code: 'from-code-header' })).toBe('from-code-header');
  });
});
