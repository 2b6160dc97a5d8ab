import JSZip from 'jszip';
import { packSolution } from '../../sdk/solutions/pack';
import { unpackSolution } from '../../sdk/solutions/unpack';
import type { FileTree } from '../../sdk/solutions/layout';

const WORKFLOW = 'Workflows/SendInvitation-C1D4A9A2-7F1E-4B8E-9A55-0D6B2E8F3A11.xaml';
const XAML =
  '<?xml version="1.0" encoding="utf-16"?><Activity x:Class="XrmWorkflow" xmlns:x="http://schemas.microsoft.com/winfx/2006/xaml">&amp;lt;p&amp;gt;</Activity>';

function sourceTree(): FileTree {
  return new Map([
    [
      'Other/Solution.xml',
      Buffer.from(
        '<ImportExportXml><SolutionManifest><UniqueName>PortalInvitations</UniqueName></SolutionManifest></ImportExportXml>',
      ),
    ],
    [
      'Other/Customizations.xml',
      Buffer.from(
        '<ImportExportXml><Entities /><Workflows /><Languages><Language>1033</Language></Languages></ImportExportXml>',
      ),
    ],
    [WORKFLOW, Buffer.from(XAML)],
    [
      `${WORKFLOW}.data.xml`,
      Buffer.from(
        '<?xml version="1.0" encoding="utf-8"?><Workflow WorkflowId="{c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11}" Name="Send Invitation"><XamlFileName>/' +
          WORKFLOW +
          '</XamlFileName><Type>1</Type><StateCode>1</StateCode></Workflow>',
      ),
    ],
  ]);
}

async function zipEntries(zip: Buffer): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(zip)).files).sort();
}

describe('solution pack', () => {
  it('lays the zip out as Dataverse does: content types, solution.xml, customizations.xml, Workflows/', async () => {
    const { zip } = await packSolution(sourceTree());
    expect(await zipEntries(zip)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'customizations.xml', 'solution.xml', WORKFLOW]),
    );
    expect(await zipEntries(zip)).not.toContain(`${WORKFLOW}.data.xml`);
  });

  it('moves each workflow data file into customizations.xml under <Workflows>', async () => {
    const { zip } = await packSolution(sourceTree());
    const customizations = await (await JSZip.loadAsync(zip)).file('customizations.xml')!.async('string');
    expect(customizations).toMatch(
      /<Workflows><Workflow WorkflowId="\{c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11\}" Name="Send Invitation"><XamlFileName>\/Workflows\/SendInvitation-/,
    );
    expect(customizations).toContain('<Languages><Language>1033</Language></Languages>');
  });

  it('keeps the XAML byte for byte', async () => {
    const { zip } = await packSolution(sourceTree());
    expect(await (await JSZip.loadAsync(zip)).file(WORKFLOW)!.async('string')).toBe(XAML);
  });

  it('names the missing file when Other/Solution.xml is absent', async () => {
    const tree = sourceTree();
    tree.delete('Other/Solution.xml');
    await expect(packSolution(tree)).rejects.toThrow('Other/Solution.xml is missing');
  });

  it('refuses a workflow XAML without its data file', async () => {
    const tree = sourceTree();
    tree.delete(`${WORKFLOW}.data.xml`);
    await expect(packSolution(tree)).rejects.toThrow(`${WORKFLOW} has no .xaml.data.xml file`);
  });

  it('reports malformed customizations with the file name', async () => {
    const tree = sourceTree();
    tree.set('Other/Customizations.xml', Buffer.from('<ImportExportXml><Workflows>'));
    await expect(packSolution(tree)).rejects.toThrow('Other/Customizations.xml is not well-formed XML');
  });
});

describe('solution unpack', () => {
  it('gives back the source layout that was packed', async () => {
    const tree = await unpackSolution((await packSolution(sourceTree())).zip);
    expect([...tree.keys()].sort()).toEqual(
      ['Other/Customizations.xml', 'Other/Solution.xml', WORKFLOW, `${WORKFLOW}.data.xml`].sort(),
    );
  });

  it('writes each <Workflow> to its .xaml.data.xml and leaves <Workflows> empty in Customizations.xml', async () => {
    const tree = await unpackSolution((await packSolution(sourceTree())).zip);
    expect(tree.get(`${WORKFLOW}.data.xml`)!.toString()).toBe(
      sourceTree().get(`${WORKFLOW}.data.xml`)!.toString(),
    );
    expect(tree.get('Other/Customizations.xml')!.toString()).toContain('<Workflows/>');
  });

  it('round-trips the XAML unchanged', async () => {
    const tree = await unpackSolution((await packSolution(sourceTree())).zip);
    expect(tree.get(WORKFLOW)!.toString()).toBe(XAML);
  });

  it('refuses a zip that is not a solution', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await expect(unpackSolution(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(
      'The zip has no solution.xml',
    );
  });

  it('refuses bytes that are not a zip', async () => {
    await expect(unpackSolution(Buffer.from('not a zip'))).rejects.toThrow('Not a solution zip');
  });
});
