import { parseXaml, serializeXaml } from '../../sdk/workflows/xaml/xml-document';
import { XamlError } from '../../sdk/workflows/xaml/errors';
import { referenceXaml, seededXaml } from './xaml-helpers';

describe('xml-document', () => {
  it('writes the exported reference workflow back byte for byte', () => {
    expect(serializeXaml(parseXaml(referenceXaml))).toBe(referenceXaml);
  });

  it('writes the indented seeded workflow back byte for byte', () => {
    expect(serializeXaml(parseXaml(seededXaml))).toBe(seededXaml);
  });

  it('keeps the utf-16 declaration as the prolog', () => {
    expect(parseXaml(referenceXaml).prolog).toBe('<?xml version="1.0" encoding="utf-16"?>');
  });

  it('rejects XML that is not well-formed with a XamlError', () => {
    expect(() => parseXaml('<Activity><Sequence></Activity>')).toThrow(XamlError);
  });

  it('rejects an empty definition with a message naming the xaml column', () => {
    expect(() => parseXaml('')).toThrow(/xaml/);
  });
});
