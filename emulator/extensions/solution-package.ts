import JSZip from 'jszip';
import {
  parseXml,
  readCustomizationWorkflows,
  readManifest,
  readWorkflowElement,
  SolutionFileError,
  type SolutionManifest,
  type WorkflowDefinition,
} from './solution-xml';

/** A solution's content: its manifest and its workflows with their XAML. */
export interface SolutionPackage {
  manifest: SolutionManifest;
  workflows: { definition: WorkflowDefinition; xaml: string }[];
  /**
   * `Workflows/<Name>-<GUID>.xaml` files no definition names: a new definition for the workflow
   * with that id, which must already exist.
   */
  xamlOnly?: { id: string; file: string; xaml: string }[];
}

const XAML_ID = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.xaml$/i;

/** Finds a file case-insensitively at the zip root or in SolutionPackager's `Other/` folder. */
function findFile(zip: JSZip, ...names: string[]): JSZip.JSZipObject | undefined {
  const wanted = names.map((n) => n.toLowerCase());
  return Object.values(zip.files).find((f) => !f.dir && wanted.includes(f.name.toLowerCase()));
}

async function text(file: JSZip.JSZipObject): Promise<string> {
  return (await file.async('string')).replace(/^\uFEFF/, '');
}

/** Reads a solution zip (the `CustomizationFile` of ImportSolution). */
export async function readSolutionZip(base64: string): Promise<SolutionPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  } catch (error) {
    throw new SolutionFileError(
      `CustomizationFile is not a zip file (${error instanceof Error ? error.message : String(error)}). Send the exported solution zip, base64-encoded.`,
    );
  }
  const manifestFile = findFile(zip, 'solution.xml', 'Other/Solution.xml');
  if (!manifestFile) {
    throw new SolutionFileError(
      'The solution zip has no solution.xml at its root. Send a zip exported from Dataverse or packed with SolutionPackager.',
    );
  }
  const manifest = readManifest(await text(manifestFile));
  const customizations = findFile(zip, 'customizations.xml', 'Other/Customizations.xml');
  const definitions = customizations ? readCustomizationWorkflows(await text(customizations)) : [];
  const known = new Set(definitions.map((d) => d.id));
  // SolutionPackager's unpacked layout keeps each workflow's metadata next to its XAML.
  for (const file of Object.values(zip.files)) {
    if (file.dir || !/\.xaml\.data\.xml$/i.test(file.name)) continue;
    const definition = readWorkflowElement(parseXml(await text(file), file.name), file.name);
    if (!known.has(definition.id)) {
      definitions.push(definition);
      known.add(definition.id);
    }
  }
  const workflows = [];
  for (const definition of definitions) {
    const file = findFile(zip, definition.xamlFileName);
    if (!file) {
      throw new SolutionFileError(
        `Workflow '${definition.name}' names ${definition.xamlFileName}, which is not in the zip. Export the solution again.`,
      );
    }
    workflows.push({ definition, xaml: await text(file) });
  }
  const named = new Set(definitions.map((d) => d.xamlFileName.toLowerCase()));
  const xamlOnly = [];
  for (const file of Object.values(zip.files)) {
    const id = XAML_ID.exec(file.name)?.[1];
    if (file.dir || !id || named.has(file.name.toLowerCase())) continue;
    xamlOnly.push({ id: id.toLowerCase(), file: file.name, xaml: await text(file) });
  }
  return { manifest, workflows, xamlOnly };
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The file name Dataverse gives a workflow's XAML: its name without spaces or symbols, then its id. */
export function xamlFileName(name: string, id: string): string {
  return `Workflows/${name.replace(/[^A-Za-z0-9]/g, '')}-${id.toUpperCase()}.xaml`;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /><Default Extension="xaml" ContentType="application/octet-stream" /></Types>';

function manifestXml(m: SolutionManifest, managed: boolean, workflowIds: string[]): string {
  const roots = workflowIds
    .map((id) => `      <RootComponent type="29" id="{${id}}" behavior="0" />`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.0.0" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${escapeXml(m.uniqueName)}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${escapeXml(m.friendlyName)}" languagecode="1033" />
    </LocalizedNames>
    <Descriptions>
      <Description description="${escapeXml(m.description)}" languagecode="1033" />
    </Descriptions>
    <Version>${escapeXml(m.version)}</Version>
    <Managed>${managed ? 1 : 0}</Managed>
    <Publisher>
      <UniqueName>${escapeXml(m.publisher.uniqueName)}</UniqueName>
      <LocalizedNames>
        <LocalizedName description="${escapeXml(m.publisher.friendlyName)}" languagecode="1033" />
      </LocalizedNames>
      <CustomizationPrefix>${escapeXml(m.publisher.prefix)}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>${escapeXml(m.publisher.optionValuePrefix)}</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
${roots}
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>`;
}

function workflowXml(d: WorkflowDefinition): string {
  const flag = (b: boolean) => (b ? 1 : 0);
  return `    <Workflow WorkflowId="{${d.id}}" Name="${escapeXml(d.name)}">
      <XamlFileName>/${escapeXml(d.xamlFileName)}</XamlFileName>
      <Type>${d.type}</Type>
      <Subprocess>${flag(d.subprocess)}</Subprocess>
      <Category>${d.category}</Category>
      <Mode>${d.mode}</Mode>
      <Scope>${d.scope}</Scope>
      <OnDemand>${flag(d.onDemand)}</OnDemand>
      <TriggerOnCreate>${flag(d.triggerOnCreate)}</TriggerOnCreate>
      <TriggerOnDelete>${flag(d.triggerOnDelete)}</TriggerOnDelete>
      <StateCode>${d.stateCode}</StateCode>
      <StatusCode>${d.statusCode}</StatusCode>
      <PrimaryEntity>${escapeXml(d.primaryEntity)}</PrimaryEntity>
      <LocalizedNames>
        <LocalizedName languagecode="1033" description="${escapeXml(d.name)}" />
      </LocalizedNames>
      <Descriptions>
        <Description languagecode="1033" description="${escapeXml(d.description)}" />
      </Descriptions>
    </Workflow>`;
}

function customizationsXml(pkg: SolutionPackage): string {
  const workflows = pkg.workflows.map((w) => workflowXml(w.definition)).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.0.0" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.0.0">
  <Entities />
  <Roles />
  <Workflows>
${workflows}
  </Workflows>
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>`;
}

/** Writes a solution zip in the layout Dataverse exports, base64-encoded. */
export async function writeSolutionZip(pkg: SolutionPackage, managed: boolean): Promise<string> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file(
    'solution.xml',
    manifestXml(
      pkg.manifest,
      managed,
      pkg.workflows.map((w) => w.definition.id),
    ),
  );
  zip.file('customizations.xml', customizationsXml(pkg));
  for (const workflow of pkg.workflows) zip.file(workflow.definition.xamlFileName, workflow.xaml);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return buffer.toString('base64');
}
