import {
  extractWorkflowElements,
  insertWorkflowElements,
  workflowDataFileText,
  workflowElementText,
} from '../../sdk/solutions/customizations-text';

const A = '<Workflow WorkflowId="{a}"><XamlFileName>/Workflows/A.xaml</XamlFileName></Workflow>';
const B = '<Workflow WorkflowId="{b}" />';

describe('insertWorkflowElements', () => {
  it('fills an empty <Workflows /> and leaves the rest of the text as it was', () => {
    const text =
      '<?xml version="1.0"?>\n<ImportExportXml>\n  <Entities />\n  <Workflows />\n</ImportExportXml>\n';
    expect(insertWorkflowElements(text, [A, B])).toBe(
      `<?xml version="1.0"?>\n<ImportExportXml>\n  <Entities />\n  <Workflows>${A}${B}</Workflows>\n</ImportExportXml>\n`,
    );
  });

  it('appends after workflows already listed', () => {
    expect(insertWorkflowElements(`<R><Workflows>${A}</Workflows></R>`, [B])).toBe(
      `<R><Workflows>${A}${B}</Workflows></R>`,
    );
  });

  it('adds <Workflows> before the root end tag when there is none', () => {
    expect(insertWorkflowElements('<R><Entities /></R>', [A])).toBe(
      `<R><Entities /><Workflows>${A}</Workflows></R>`,
    );
  });

  it('declines text with more than one <Workflows>', () => {
    expect(insertWorkflowElements('<R><Workflows /><X><Workflows /></X></R>', [A])).toBeUndefined();
  });
});

describe('extractWorkflowElements', () => {
  it('returns each <Workflow> verbatim, including self-closed ones', () => {
    expect(extractWorkflowElements(`<R><Workflows>\n${A}\n${B}</Workflows></R>`)?.elements).toEqual([A, B]);
  });

  it('empties <Workflows> as <Workflows /> in an indented file', () => {
    expect(extractWorkflowElements(`<R>\n  <Workflows>${A}</Workflows>\n</R>`)?.emptied).toBe(
      '<R>\n  <Workflows />\n</R>',
    );
  });

  it('empties <Workflows> as <Workflows/> in a one-line file', () => {
    expect(extractWorkflowElements(`<R><Workflows>${A}</Workflows></R>`)?.emptied).toBe(
      '<R><Workflows/></R>',
    );
  });

  it('declines a <Workflow> that is never closed', () => {
    expect(
      extractWorkflowElements('<R><Workflows><Workflow WorkflowId="{a}"></Workflows></R>'),
    ).toBeUndefined();
  });
});

describe('workflow data file text', () => {
  it('puts the declaration on its own line and ends with a line break when the source file does', () => {
    expect(workflowDataFileText(B, '<?xml version="1.0"?>\r\n<R />\r\n')).toBe(
      `<?xml version="1.0" encoding="utf-8"?>\r\n${B}\r\n`,
    );
  });

  it('keeps a one-line layout for a one-line source file', () => {
    expect(workflowDataFileText(B, '<R />')).toBe(`<?xml version="1.0" encoding="utf-8"?>${B}`);
  });

  it('reads the element back without the byte-order mark, declaration or surrounding space', () => {
    expect(workflowElementText(`\uFEFF<?xml version="1.0" encoding="utf-8"?>\n${A}\n`)).toBe(A);
  });

  it('declines a data file whose root is not <Workflow>', () => {
    expect(workflowElementText('<Workflows />')).toBeUndefined();
  });
});
