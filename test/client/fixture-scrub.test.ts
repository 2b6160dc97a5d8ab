import { scrubDefinitions, scrubEmails } from '../support/scrub';

const options = { liveUrl: 'http://127.0.0.1:5170', fixtureUrl: 'https://contoso.crm.dynamics.com' };

describe('fixture scrubbing', () => {
  it('replaces real e-mail addresses consistently', () => {
    expect(scrubEmails('a@real.org A@real.org c@other.net')).toBe(
      'person1@example.com person1@example.com person2@example.com',
    );
  });

  it('keeps addresses at documentation domains so tests can match them', () => {
    expect(scrubEmails('ada@example.com sam@contoso.com')).toBe('ada@example.com sam@contoso.com');
  });

  it('keeps OData annotations that look like addresses', () => {
    const text = '"adx_inviteContact@odata.bind" "_x_value@OData.Community.Display.V1.FormattedValue"';
    expect(scrubEmails(text)).toBe(text);
  });

  it('drops recorded Content-Length headers, which scrubbing makes wrong', () => {
    const [definition] = scrubDefinitions(
      [{ scope: options.liveUrl, rawHeaders: ['Content-Length', '120', 'OData-Version', '4.0'] }],
      options,
    ) as { rawHeaders: string[] }[];
    expect(definition.rawHeaders).toEqual(['OData-Version', '4.0']);
  });

  it('points the scope at the fixture URL', () => {
    const [definition] = scrubDefinitions([{ scope: options.liveUrl, rawHeaders: {} }], options) as {
      scope: string;
    }[];
    expect(definition.scope).toBe('https://contoso.crm.dynamics.com');
  });
});
