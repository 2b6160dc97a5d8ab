import {
  collectionUrl,
  encodeQueryValue,
  expandText,
  filterText,
  functionUrl,
  guid,
  literal,
  odataLiteral,
  queryString,
} from '../../sdk/client';
import { InvalidArgumentError } from '../../sdk/errors';

const ID = '5F0D1C2A-8B3E-4E6F-9A10-2B3C4D5E6F70';

describe('literal', () => {
  it('quotes a string and doubles its single quotes', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
  });

  it('writes numbers, booleans and null bare', () => {
    expect([literal(42), literal(-1.5), literal(true), literal(null)]).toEqual([
      '42',
      '-1.5',
      'true',
      'null',
    ]);
  });

  it('writes a Date as a UTC date-time', () => {
    expect(literal(new Date(Date.UTC(2026, 0, 31, 9, 0, 0)))).toBe('2026-01-31T09:00:00.000Z');
  });

  it('writes a guid bare, in lower case and without braces', () => {
    expect(literal(guid(`{${ID}}`))).toBe(ID.toLowerCase());
  });

  it('refuses a value that is not a GUID as a guid', () => {
    expect(() => guid("x' or 1 eq 1")).toThrow(InvalidArgumentError);
  });

  it('refuses NaN, Infinity and an invalid Date', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, new Date('nope')]) {
      expect(() => literal(value)).toThrow(InvalidArgumentError);
    }
  });

  it('sends an odataLiteral as written', () => {
    expect(literal(odataLiteral("Microsoft.Dynamics.CRM.EntityFilters'Entity'"))).toBe(
      "Microsoft.Dynamics.CRM.EntityFilters'Entity'",
    );
  });
});

describe('filterText', () => {
  it('ands the columns of an object, a value meaning eq', () => {
    expect(filterText({ statecode: 0, name: "Bob's" })).toBe("statecode eq 0 and name eq 'Bob''s'");
  });

  it('leaves out a column given undefined', () => {
    expect(filterText({ statecode: 0, name: undefined })).toBe('statecode eq 0');
  });

  it('writes comparison operators and string functions', () => {
    expect(
      filterText({
        createdon: { ge: new Date(Date.UTC(2026, 0, 1)), lt: new Date(Date.UTC(2026, 1, 1)) },
        lastname: { startswith: "O'" },
        emailaddress1: { ne: null },
      }),
    ).toBe(
      "createdon ge 2026-01-01T00:00:00.000Z and createdon lt 2026-02-01T00:00:00.000Z and startswith(lastname,'O''') and emailaddress1 ne null",
    );
  });

  it('turns an in-list into or-ed equalities, since Dataverse has no in operator', () => {
    expect(filterText({ statuscode: { in: [1, 756150000] }, statecode: 0 })).toBe(
      '(statuscode eq 1 or statuscode eq 756150000) and statecode eq 0',
    );
  });

  it('writes a one-value in-list as a plain equality', () => {
    expect(filterText({ contactid: { in: [guid(ID)] } })).toBe(`contactid eq ${ID.toLowerCase()}`);
  });

  it('refuses an empty in-list', () => {
    expect(() => filterText({ contactid: { in: [] } })).toThrow(/at least one value/);
  });

  it('follows a single-valued navigation property', () => {
    expect(filterText({ parentcustomerid_account: { name: 'Contoso' } })).toBe(
      "parentcustomerid_account/name eq 'Contoso'",
    );
  });

  it('writes any and all over a collection with a lambda variable', () => {
    expect(filterText({ adx_invitation_webrole: { any: { adx_name: 'Partners' } } })).toBe(
      "adx_invitation_webrole/any(o:o/adx_name eq 'Partners')",
    );
  });

  it('parenthesises or inside and, and text of unknown shape', () => {
    expect(filterText({ and: ['a eq 1 or b eq 2', { or: [{ c: 3 }, { d: 4, e: 5 }] }] })).toBe(
      '(a eq 1 or b eq 2) and (c eq 3 or (d eq 4 and e eq 5))',
    );
  });

  it('puts not in front of a parenthesised filter, since not binds tighter than eq', () => {
    expect(filterText({ not: { statecode: 1 } })).toBe('not (statecode eq 1)');
  });

  it('refuses a key that is not a column name', () => {
    expect(() => filterText({ 'name eq 1 or 1': 1 })).toThrow(InvalidArgumentError);
  });

  it('refuses operators mixed with columns in one condition', () => {
    expect(() => filterText({ parentcustomerid_account: { eq: 'x', name: 'y' } })).toThrow(/mix operators/);
  });
});

describe('encodeQueryValue', () => {
  it('encodes what a query string gives a meaning to', () => {
    expect(encodeQueryValue("name eq 'Q&A #1 + 100%'")).toBe('name%20eq%20%27Q%26A%20%231%20%2B%20100%25%27');
  });

  it("keeps OData's own punctuation readable", () => {
    expect(encodeQueryValue('nav($select=a,b;$filter=o/x eq 1)')).toBe(
      'nav($select=a,b;$filter=o/x%20eq%201)',
    );
  });
});

describe('queryString', () => {
  it('writes the options in a fixed order, each value encoded once', () => {
    expect(
      queryString({
        orderBy: ['lastname', 'firstname desc'],
        top: 10,
        filter: { emailaddress1: 'a+b@example.com' },
        select: ['fullname', 'emailaddress1'],
      }),
    ).toBe(
      '?$select=fullname,emailaddress1&$filter=emailaddress1%20eq%20%27a%2Bb%40example.com%27&$orderby=lastname,firstname%20desc&$top=10',
    );
  });

  it('is empty for an empty query', () => {
    expect(queryString({})).toBe('');
  });

  it('refuses a top that is not a whole number', () => {
    expect(() => queryString({ top: 1.5 })).toThrow(InvalidArgumentError);
  });

  it('builds the relative URL of a collection, as a GET inside a $batch carries it', () => {
    expect(collectionUrl('contacts', { select: ['contactid'], filter: { statecode: 0 } })).toBe(
      'contacts?$select=contactid&$filter=statecode%20eq%200',
    );
  });
});

describe('expandText', () => {
  it('writes nested options in parentheses, separated by semicolons', () => {
    expect(
      expandText({
        adx_invitation_redeemedcontacts: { select: ['contactid'], filter: { contactid: guid(ID) }, top: 5 },
        adx_inviteContact: true,
      }),
    ).toBe(
      `adx_invitation_redeemedcontacts($select=contactid;$filter=contactid eq ${ID.toLowerCase()};$top=5),adx_inviteContact`,
    );
  });

  it('passes text through', () => {
    expect(expandText(['a($select=x)', { b: { select: ['y'] } }])).toBe('a($select=x),b($select=y)');
  });
});

describe('functionUrl', () => {
  it('passes a Date and a guid as bare literals', () => {
    const url = functionUrl('F', { When: new Date(Date.UTC(2026, 0, 1)), Id: guid(ID) });
    expect(url).toBe(`F(When=@p1,Id=@p2)?@p1=2026-01-01T00:00:00.000Z&@p2=${ID.toLowerCase()}`);
  });
});
