import JSZip from 'jszip';
import { readCustomizationWorkflows, readManifest } from '../../sdk/solutions/metadata';
import { packSolution } from '../../sdk/solutions/pack';

const WORKFLOW = 'Workflows/SendInvitation-C1D4A9A2-7F1E-4B8E-9A55-0D6B2E8F3A11.xaml';

describe('readManifest', () => {
  it('refuses a solution.xml without <UniqueName>', () => {
    expect(() => readManifest('<ImportExportXml><SolutionManifest /></ImportExportXml>')).toThrow(
      'solution.xml has no <UniqueName>',
    );
  });

  it('names solution.xml when it is not well-formed', () => {
    expect(() => readManifest('<ImportExportXml>')).toThrow('solution.xml is not well-formed XML');
  });

  it('gives a manifest without a publisher the default one', () => {
    const manifest = readManifest(
      '<ImportExportXml><SolutionManifest><UniqueName>X</UniqueName></SolutionManifest></ImportExportXml>',
    );
    expect(manifest).toMatchObject({ friendlyName: 'X', version: '1.0.0.0', publisher: { prefix: 'new' } });
  });
});

describe('readCustomizationWorkflows', () => {
  it('refuses a <Workflow> without <XamlFileName>', () => {
    expect(() =>
      readCustomizationWorkflows(
        '<ImportExportXml><Workflows><Workflow WorkflowId="{a}" /></Workflows></ImportExportXml>',
      ),
    ).toThrow('customizations.xml: a <Workflow> lacks WorkflowId or <XamlFileName>');
  });
});

describe('packSolution', () => {
  it('points <XamlFileName> at the XAML beside the data file, whatever the data file said', async () => {
    const { zip } = await packSolution(
      new Map([
        ['Other/Solution.xml', Buffer.from('<ImportExportXml />')],
        ['Other/Customizations.xml', Buffer.from('<ImportExportXml><Workflows /></ImportExportXml>')],
        [WORKFLOW, Buffer.from('<Activity />')],
        [
          `${WORKFLOW}.data.xml`,
          Buffer.from(
            '<Workflow WorkflowId="{a}"><XamlFileName>/Workflows/Old.xaml</XamlFileName></Workflow>',
          ),
        ],
      ]),
    );
    const customizations = await (await JSZip.loadAsync(zip)).file('customizations.xml')!.async('string');
    expect(readCustomizationWorkflows(customizations)[0].xamlFileName).toBe(WORKFLOW);
  });
});
