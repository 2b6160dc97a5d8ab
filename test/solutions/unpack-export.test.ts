import JSZip from 'jszip';
import { parseXml } from '../../sdk/solutions/xml';
import { unpackSolution } from '../../sdk/solutions/unpack';

const XAML_PATH = 'Workflows/SendInvitation-C1D4A9A2-7F1E-4B8E-9A55-0D6B2E8F3A11.xaml';

/** customizations.xml as Dataverse exports it: xsi declared on the root, used inside a workflow. */
const CUSTOMIZATIONS = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Workflows>
    <Workflow WorkflowId="{c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11}" Name="Send Invitation">
      <XamlFileName>/${XAML_PATH}</XamlFileName>
      <Description xsi:nil="true" />
    </Workflow>
  </Workflows>
</ImportExportXml>`;

async function exportedZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('solution.xml', '<ImportExportXml><SolutionManifest /></ImportExportXml>');
  zip.file('customizations.xml', CUSTOMIZATIONS);
  zip.file(XAML_PATH, '<Activity />');
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('unpack of an exported solution', () => {
  it('writes a data file that is well-formed on its own when the workflow uses a prefix of the root', async () => {
    const tree = await unpackSolution(await exportedZip());
    const data = tree.get(`${XAML_PATH}.data.xml`)!.toString('utf8');
    expect(parseXml(data, 'data').documentElement?.getAttribute('Name')).toBe('Send Invitation');
  });

  it('leaves <Workflows /> in Customizations.xml and every other line as exported', async () => {
    const tree = await unpackSolution(await exportedZip());
    expect(tree.get('Other/Customizations.xml')!.toString('utf8')).toBe(
      CUSTOMIZATIONS.replace(/<Workflows>[\s\S]*<\/Workflows>/, '<Workflows />'),
    );
  });

  it('refuses a zip without customizations.xml', async () => {
    const zip = new JSZip();
    zip.file('solution.xml', '<ImportExportXml />');
    await expect(unpackSolution(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(
      'The zip has no customizations.xml',
    );
  });
});
