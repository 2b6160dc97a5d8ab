import JSZip from 'jszip';
import type { ActionRequest } from '../../../emulator/contracts';
import { createSolutionActions } from '../../../emulator/extensions/solutions';
import { FakeOperations, testContext } from './support/fake-operations';

const WORKFLOW_ID = 'c1d4a9a2-7f1e-4b8e-9a55-0d6b2e8f3a11';
const XAML =
  '<?xml version="1.0" encoding="utf-16"?><Activity x:Class="XrmWorkflow" xmlns:x="http://schemas.microsoft.com/winfx/2006/xaml" />';

const SOLUTION_XML = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.0.0"><SolutionManifest>
  <UniqueName>PortalInvitations</UniqueName>
  <LocalizedNames><LocalizedName description="Portal Invitations" languagecode="1033" /></LocalizedNames>
  <Version>1.2.0.0</Version><Managed>0</Managed>
  <Publisher><UniqueName>portalinvite</UniqueName><LocalizedNames><LocalizedName description="Portal Invite" languagecode="1033" /></LocalizedNames>
    <CustomizationPrefix>pinv</CustomizationPrefix><CustomizationOptionValuePrefix>71530</CustomizationOptionValuePrefix></Publisher>
  <RootComponents><RootComponent type="29" id="{${WORKFLOW_ID}}" behavior="0" /></RootComponents>
</SolutionManifest></ImportExportXml>`;

const CUSTOMIZATIONS_XML = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml><Workflows>
  <Workflow WorkflowId="{${WORKFLOW_ID}}" Name="Send Invitation">
    <XamlFileName>/Workflows/SendInvitation-${WORKFLOW_ID.toUpperCase()}.xaml</XamlFileName>
    <Type>1</Type><Category>0</Category><Mode>0</Mode><Scope>4</Scope><OnDemand>1</OnDemand>
    <StateCode>1</StateCode><StatusCode>2</StatusCode><PrimaryEntity>adx_invitation</PrimaryEntity>
  </Workflow>
</Workflows></ImportExportXml>`;

async function solutionZip(xaml = XAML): Promise<string> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types />');
  zip.file('solution.xml', SOLUTION_XML);
  zip.file('customizations.xml', CUSTOMIZATIONS_XML);
  zip.file(`Workflows/SendInvitation-${WORKFLOW_ID.toUpperCase()}.xaml`, xaml);
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
}

function request(name: string, body: Record<string, unknown>): ActionRequest {
  return { name, body, context: testContext(), baseUrl: 'http://127.0.0.1:1/api/data/v9.2/' };
}

describe('solution actions', () => {
  it('ImportSolution creates the solution row and its workflow', async () => {
    const ops = new FakeOperations();
    const actions = createSolutionActions();
    const result = await actions.ImportSolution(
      request('ImportSolution', { CustomizationFile: await solutionZip() }),
      ops,
    );
    expect(result.status).toBe(204);
    expect(ops.find('solution')[0].values).toMatchObject({
      uniquename: 'PortalInvitations',
      friendlyname: 'Portal Invitations',
      version: '1.2.0.0',
    });
    expect(ops.retrieve('workflow', WORKFLOW_ID)?.values).toMatchObject({
      name: 'Send Invitation',
      primaryentity: 'adx_invitation',
      xaml: XAML,
      ondemand: true,
      type: 1,
    });
  });

  it('leaves imported workflows in Draft unless PublishWorkflows is set', async () => {
    const ops = new FakeOperations();
    await createSolutionActions().ImportSolution(
      request('ImportSolution', { CustomizationFile: await solutionZip() }),
      ops,
    );
    expect(ops.retrieve('workflow', WORKFLOW_ID)?.values).toMatchObject({ statecode: 0, statuscode: 1 });
  });

  it('activates imported workflows with PublishWorkflows', async () => {
    const ops = new FakeOperations();
    const body = { CustomizationFile: await solutionZip(), PublishWorkflows: true };
    await createSolutionActions().ImportSolution(request('ImportSolution', body), ops);
    expect(ops.retrieve('workflow', WORKFLOW_ID)?.values).toMatchObject({ statecode: 1, statuscode: 2 });
  });

  it('replaces an existing definition only with OverwriteUnmanagedCustomizations', async () => {
    const ops = new FakeOperations();
    ops.seed(
      'workflow',
      { name: 'Send Invitation', xaml: '<old/>', statecode: 1, statuscode: 2 },
      WORKFLOW_ID,
    );
    const actions = createSolutionActions();
    await actions.ImportSolution(request('ImportSolution', { CustomizationFile: await solutionZip() }), ops);
    expect(ops.retrieve('workflow', WORKFLOW_ID)?.values.xaml).toBe('<old/>');
    const body = { CustomizationFile: await solutionZip(), OverwriteUnmanagedCustomizations: true };
    await actions.ImportSolution(request('ImportSolution', body), ops);
    expect(ops.retrieve('workflow', WORKFLOW_ID)?.values).toMatchObject({ xaml: XAML, statecode: 1 });
  });

  it('deactivates an activated definition before changing it', async () => {
    const ops = new FakeOperations();
    ops.seed(
      'workflow',
      { name: 'Send Invitation', xaml: '<old/>', statecode: 1, statuscode: 2 },
      WORKFLOW_ID,
    );
    const body = { CustomizationFile: await solutionZip(), OverwriteUnmanagedCustomizations: true };
    await createSolutionActions().ImportSolution(request('ImportSolution', body), ops);
    const workflowWrites = ops.writes.filter((w) => w.entityName === 'workflow').map((w) => w.op);
    expect(workflowWrites).toEqual(['update', 'update', 'update']);
  });

  it('refuses a CustomizationFile that is not a zip with a clear message', async () => {
    const ops = new FakeOperations();
    const body = { CustomizationFile: Buffer.from('not a zip').toString('base64') };
    await expect(
      createSolutionActions().ImportSolution(request('ImportSolution', body), ops),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/not a zip file/),
    });
  });

  it('refuses a zip without solution.xml', async () => {
    const zip = new JSZip();
    zip.file('customizations.xml', CUSTOMIZATIONS_XML);
    const body = { CustomizationFile: (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64') };
    await expect(
      createSolutionActions().ImportSolution(request('ImportSolution', body), new FakeOperations()),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/no solution\.xml/),
    });
  });

  async function xamlOnlyZip(): Promise<string> {
    const zip = new JSZip();
    zip.file('solution.xml', SOLUTION_XML);
    zip.file(`Workflows/SendInvitation-${WORKFLOW_ID.toUpperCase()}.xaml`, XAML);
    return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
  }

  it('takes a XAML file without metadata as the new definition of the workflow its name identifies', async () => {
    const ops = new FakeOperations();
    ops.seed(
      'workflow',
      { name: 'Send Invitation', xaml: '<old/>', statecode: 1, statuscode: 2 },
      WORKFLOW_ID,
    );
    const body = { CustomizationFile: await xamlOnlyZip(), OverwriteUnmanagedCustomizations: true };
    await createSolutionActions().ImportSolution(request('ImportSolution', body), ops);
    expect(ops.retrieve('workflow', WORKFLOW_ID)?.values).toMatchObject({ xaml: XAML, statecode: 1 });
  });

  it('refuses a XAML file without metadata for a workflow that does not exist', async () => {
    const body = { CustomizationFile: await xamlOnlyZip(), OverwriteUnmanagedCustomizations: true };
    await expect(
      createSolutionActions().ImportSolution(request('ImportSolution', body), new FakeOperations()),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/not described in customizations\.xml/),
    });
  });

  it('ImportSolutionAsync answers with the completed job and an import job key', async () => {
    const ops = new FakeOperations();
    const result = await createSolutionActions().ImportSolutionAsync(
      request('ImportSolutionAsync', { CustomizationFile: await solutionZip() }),
      ops,
    );
    const { AsyncOperationId, ImportJobKey } = result.body as Record<string, string>;
    expect(ImportJobKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(ops.retrieve('asyncoperation', AsyncOperationId)?.values).toMatchObject({
      statecode: 3,
      statuscode: 30,
    });
  });

  it('ImportSolutionAsync records a bad file as a failed job', async () => {
    const ops = new FakeOperations();
    const result = await createSolutionActions().ImportSolutionAsync(
      request('ImportSolutionAsync', { CustomizationFile: 'AAAA' }),
      ops,
    );
    const job = ops.retrieve('asyncoperation', (result.body as Record<string, string>).AsyncOperationId);
    expect(job?.values).toMatchObject({ statuscode: 31, message: expect.stringMatching(/not a zip/) });
  });

  it('exports what it imported in the Dataverse zip layout', async () => {
    const ops = new FakeOperations();
    const actions = createSolutionActions();
    await actions.ImportSolution(
      request('ImportSolution', { CustomizationFile: await solutionZip(), PublishWorkflows: true }),
      ops,
    );
    const result = await actions.ExportSolution(
      request('ExportSolution', { SolutionName: 'PortalInvitations', Managed: false }),
      ops,
    );
    const zip = await JSZip.loadAsync(Buffer.from(result.body?.ExportSolutionFile as string, 'base64'));
    const xamlPath = `Workflows/SendInvitation-${WORKFLOW_ID.toUpperCase()}.xaml`;
    expect(Object.keys(zip.files).sort()).toEqual(
      ['Workflows/', '[Content_Types].xml', 'customizations.xml', 'solution.xml', xamlPath].sort(),
    );
    expect(await zip.file(xamlPath)?.async('string')).toBe(XAML);
    const manifest = await zip.file('solution.xml')?.async('string');
    expect(manifest).toContain('<UniqueName>PortalInvitations</UniqueName>');
    expect(manifest).toContain('<CustomizationPrefix>pinv</CustomizationPrefix>');
    expect(manifest).toContain(`<RootComponent type="29" id="{${WORKFLOW_ID}}"`);
  });

  it('round-trips: an exported solution imports into an empty emulator unchanged', async () => {
    const source = new FakeOperations();
    const actions = createSolutionActions();
    await actions.ImportSolution(
      request('ImportSolution', { CustomizationFile: await solutionZip(), PublishWorkflows: true }),
      source,
    );
    const exported = await actions.ExportSolution(
      request('ExportSolution', { SolutionName: 'PortalInvitations' }),
      source,
    );
    const target = new FakeOperations();
    await createSolutionActions().ImportSolution(
      request('ImportSolution', {
        CustomizationFile: exported.body?.ExportSolutionFile,
        PublishWorkflows: true,
      }),
      target,
    );
    const pick = (ops: FakeOperations) => {
      const { name, primaryentity, xaml, type, ondemand, statecode } =
        ops.retrieve('workflow', WORKFLOW_ID)?.values ?? {};
      return { name, primaryentity, xaml, type, ondemand, statecode };
    };
    expect(pick(target)).toEqual(pick(source));
  });

  it('marks a managed export as managed', async () => {
    const ops = new FakeOperations();
    const actions = createSolutionActions();
    await actions.ImportSolution(request('ImportSolution', { CustomizationFile: await solutionZip() }), ops);
    const result = await actions.ExportSolution(
      request('ExportSolution', { SolutionName: 'PortalInvitations', Managed: true }),
      ops,
    );
    const zip = await JSZip.loadAsync(Buffer.from(result.body?.ExportSolutionFile as string, 'base64'));
    expect(await zip.file('solution.xml')?.async('string')).toContain('<Managed>1</Managed>');
  });

  it('answers a clear 404 when exporting an unknown solution', async () => {
    await expect(
      createSolutionActions().ExportSolution(
        request('ExportSolution', { SolutionName: 'Nope' }),
        new FakeOperations(),
      ),
    ).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/'Nope' does not exist/) });
  });

  it('PublishAllXml answers 204', async () => {
    expect(
      await createSolutionActions().PublishAllXml(request('PublishAllXml', {}), new FakeOperations()),
    ).toEqual({ status: 204 });
  });
});
