/**
 * Dataverse refuses a nested `$expand` under an N:N navigation (0x80060888, join-tables.md); the
 * emulator does too. The queries the SDK builds with expansions must never carry one.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables#nested-expand-with-nn-relationships
 */
import { splitTop } from '../../emulator/odata/query-options';
import { invitationLookupQuery } from '../../sdk/invitations/redeem-lookup';

/** The navigations of an `$expand` text that carry a nested `$expand`. */
function withNestedExpand(expand: string): string[] {
  return splitTop(expand, ',')
    .map((item) => item.trim())
    .filter((item) => /\(.*\$expand=/.test(item))
    .map((item) => item.slice(0, item.indexOf('(')));
}

describe('the SDK never sends a nested $expand', () => {
  it('in the redeem lookup of a registration', () => {
    const query = invitationLookupQuery("Abc'123");
    expect(query.expand).toBeDefined();
    expect(withNestedExpand(query.expand as string)).toEqual([]);
  });

  it('in the redeem lookup of an existing contact', () => {
    const query = invitationLookupQuery('Abc', '20000000-0000-0000-0000-000000000001');
    expect(withNestedExpand(query.expand as string)).toEqual([]);
  });

  it('and the check sees one when it is there', () => {
    expect(withNestedExpand('a($select=x),b($select=y;$expand=c)')).toEqual(['b']);
  });
});
