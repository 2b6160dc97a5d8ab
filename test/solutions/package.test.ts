import { join } from 'node:path';
import JSZip from 'jszip';
import { SolutionFileError } from '../../sdk/solutions/errors';
import { readFileTree } from '../../sdk/solutions/file-tree';
import { packSolution } from '../../sdk/solutions/pack';
import { readSolutionPackage, writeSolutionPackage } from '../../sdk/solutions/package';

const SOURCE = join(__dirname, '../../solution/src');
const WORKFLOW_ID = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const XAML_PATH = `Workflows/SendInvitation-${WORKFLOW_ID.toUpperCase()}.xaml`;

async function packedSource(): Promise<Buffer> {
  return (await packSolution(await readFileTree(SOURCE))).zip;
}

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(files)) zip.file(path, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('readSolutionPackage', () => {
  it('reads the manifest: unique name, version, managed flag and publisher', async () => {
    const { manifest } = await readSolutionPackage(await packedSource());
    expect(manifest).toMatchObject({
      uniqueName: 'PortalInvitations',
      friendlyName: 'Portal Invitations',
      version: '1.0.0.0',
      managed: false,
      publisher: { uniqueName: 'portalinvite', prefix: 'pinv', optionValuePrefix: '71530' },
      workflowIds: [WORKFLOW_ID],
    });
  });

  it('reads each workflow with its id, name, attributes and XAML', async () => {
    const { workflows } = await readSolutionPackage(await packedSource());
    expect(workflows).toHaveLength(1);
    expect(workflows[0].definition).toMatchObject({
      id: WORKFLOW_ID,
      name: 'Send Invitation',
      xamlFileName: XAML_PATH,
      primaryEntity: 'adx_invitation',
      type: 1,
      onDemand: true,
      stateCode: 1,
      statusCode: 2,
    });
    expect(workflows[0].xaml).toMatch(/^<\?xml[^>]*\?>\s*<Activity /);
  });

  it('reads a zipped source folder, taking workflow metadata from the .xaml.data.xml files', async () => {
    const tree = await readFileTree(SOURCE);
    const files = Object.fromEntries([...tree].map(([path, bytes]) => [path, bytes.toString('utf8')]));
    const { workflows } = await readSolutionPackage(await zipOf(files));
    expect(workflows.map((w) => w.definition.id)).toEqual([WORKFLOW_ID]);
  });

  it('refuses a zip without solution.xml, saying what it needs', async () => {
    const zip = await zipOf({ 'customizations.xml': '<ImportExportXml />' });
    await expect(readSolutionPackage(zip)).rejects.toMatchObject({
      name: SolutionFileError.name,
      message:
        'The zip has no solution.xml at its root; is it a Dataverse solution? Use a zip exported from Dataverse or made by `portal-invite solution pack`.',
    });
  });

  it('refuses bytes that are not a zip', async () => {
    await expect(readSolutionPackage(Buffer.from('not a zip'))).rejects.toThrow(
      /^Not a solution zip: the data is not a zip file/,
    );
  });

  it('names the XAML file a workflow points at when it is missing', async () => {
    const zip = await JSZip.loadAsync(await packedSource());
    zip.remove(XAML_PATH);
    await expect(readSolutionPackage(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(
      `Workflow 'Send Invitation' names ${XAML_PATH}, which is not in the zip`,
    );
  });

  it('lists a XAML file no definition describes as xamlOnly, with the id its name holds', async () => {
    const solution = (await readFileTree(SOURCE)).get('Other/Solution.xml')!.toString('utf8');
    const pkg = await readSolutionPackage(
      await zipOf({ 'solution.xml': solution, [XAML_PATH]: '<Activity />' }),
    );
    expect(pkg.xamlOnly).toEqual([{ id: WORKFLOW_ID, file: XAML_PATH, xaml: '<Activity />' }]);
  });
});

describe('writeSolutionPackage', () => {
  it('read → write → read gives the same package', async () => {
    const first = await readSolutionPackage(await packedSource());
    const second = await readSolutionPackage(await writeSolutionPackage(first));
    expect(second).toEqual(first);
  });

  it('lays the zip out as Dataverse exports it', async () => {
    const zip = await JSZip.loadAsync(
      await writeSolutionPackage(await readSolutionPackage(await packedSource())),
    );
    expect(
      Object.values(zip.files)
        .filter((f) => !f.dir)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['[Content_Types].xml', XAML_PATH, 'customizations.xml', 'solution.xml'].sort());
  });

  it('writes <Managed>1</Managed> when asked for a managed solution', async () => {
    const pkg = await readSolutionPackage(await packedSource());
    const written = await readSolutionPackage(await writeSolutionPackage(pkg, { managed: true }));
    expect(written.manifest.managed).toBe(true);
  });
});
