import {
  decodeLiteral,
  encodeLiteral,
  formatParameterArray,
  parseEntityExpression,
  parseParameterArray,
} from '../../sdk/workflows/xaml/vb-expression';

describe('vb-expression', () => {
  it('splits a parameter array into names and string literals', () => {
    expect(
      parseParameterArray(
        '[New Object() { Microsoft.Xrm.Sdk.Workflow.WorkflowPropertyType.String, "a, b", "String" }]',
      ),
    ).toEqual([
      { kind: 'name', value: 'Microsoft.Xrm.Sdk.Workflow.WorkflowPropertyType.String' },
      { kind: 'string', value: 'a, b' },
      { kind: 'string', value: 'String' },
    ]);
  });

  it('reads "" inside a literal as one quote', () => {
    expect(parseParameterArray('[New Object() { "say ""hi""" }]')).toEqual([
      { kind: 'string', value: 'say "hi"' },
    ]);
  });

  it('reads an empty array', () => {
    expect(parseParameterArray('[New Object() {  }]')).toEqual([]);
  });

  it('decodes one level of HTML entities, numeric ones included', () => {
    expect(decodeLiteral('&lt;p&gt;a&#44; b &amp;amp; &quot;c&quot; &#x41; &nbsp;')).toBe(
      '<p>a, b &amp; "c" A &nbsp;',
    );
  });

  it('encodes commas and markup the way the designer does', () => {
    expect(encodeLiteral('<p>Hi, "you" & me</p>')).toBe(
      '&lt;p&gt;Hi&#44; &quot;you&quot; &amp; me&lt;/p&gt;',
    );
  });

  it('round-trips text through encode and decode', () => {
    const text = `<a href="https://x/?a=1&b=2">Ünïcode, 'quotes'</a>`;
    expect(decodeLiteral(encodeLiteral(text))).toBe(text);
  });

  it('writes a parameter array back in the designer form', () => {
    expect(
      formatParameterArray([
        { kind: 'name', value: 'A_1' },
        { kind: 'string', value: 'x' },
      ]),
    ).toBe('[New Object() { A_1, "x" }]');
  });

  it('reads related-record keys and .Id references', () => {
    expect([
      parseEntityExpression('[InputEntities("related_adx_invitecontact#contact")]'),
      parseEntityExpression('[InputEntities("primaryEntity").Id]'),
    ]).toEqual([
      { dictionary: 'InputEntities', key: 'related_adx_invitecontact#contact', id: false },
      { dictionary: 'InputEntities', key: 'primaryEntity', id: true },
    ]);
  });
});
