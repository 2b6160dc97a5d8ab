/**
 * A solution zip as a typed package: its manifest and its workflows with their XAML. Reads both the
 * zip Dataverse exports and a zipped SolutionPackager source folder; writes the Dataverse layout.
 */
import JSZip from 'jszip';
import { SolutionFileError } from './errors';
import { CONTENT_TYPES_XML, SourcePaths, ZipPaths, workflowIdOfXamlFile } from './layout';
import {
  readCustomizationWorkflows,
  readManifest,
  readWorkflowDataFile,
  type SolutionManifest,
  type WorkflowDefinition,
} from './metadata';
import { customizationsXml, manifestXml } from './metadata-xml';
import {
  entryText,
  findCustomizationsEntry,
  findEntry,
  generateZip,
  openZip,
  requireManifestEntry,
  zipFiles,
} from './zip';

/** One workflow of a package. */
export interface PackagedWorkflow {
  definition: WorkflowDefinition;
  xaml: string;
}

/** A solution's content: its manifest and its workflows with their XAML. */
export interface SolutionPackage {
  manifest: SolutionManifest;
  workflows: PackagedWorkflow[];
  /**
   * `Workflows/<Name>-<GUID>.xaml` files no definition names: a new definition for the workflow with
   * that id, which must already exist where the package is imported. Not written by
   * {@link writeSolutionPackage}.
   */
  xamlOnly?: { id: string; file: string; xaml: string }[];
}

/** Options of {@link writeSolutionPackage}. */
export interface WriteSolutionOptions {
  /** Written as `<Managed>`; default `manifest.managed`. */
  managed?: boolean;
}

async function readDefinitions(zip: JSZip): Promise<WorkflowDefinition[]> {
  const customizations = findCustomizationsEntry(zip);
  const definitions = customizations ? readCustomizationWorkflows(await entryText(customizations)) : [];
  const known = new Set(definitions.map((d) => d.id));
  // SolutionPackager's source layout keeps each workflow's metadata next to its XAML.
  for (const file of zipFiles(zip)) {
    if (!file.name.toLowerCase().endsWith(SourcePaths.workflowDataSuffix)) continue;
    const definition = readWorkflowDataFile(await entryText(file), file.name);
    if (!known.has(definition.id)) {
      definitions.push(definition);
      known.add(definition.id);
    }
  }
  return definitions;
}

/**
 * Reads a solution zip.
 * @throws SolutionFileError when it is not a zip, has no solution.xml, has malformed metadata, or a
 *   workflow's XAML file is missing
 */
export async function readSolutionPackage(bytes: Uint8Array): Promise<SolutionPackage> {
  const zip = await openZip(bytes);
  const manifest = readManifest(await entryText(requireManifestEntry(zip)));
  const definitions = await readDefinitions(zip);
  const workflows: PackagedWorkflow[] = [];
  for (const definition of definitions) {
    const file = findEntry(zip, definition.xamlFileName);
    if (!file) {
      throw new SolutionFileError(
        `Workflow '${definition.name}' names ${definition.xamlFileName}, which is not in the zip. Export the solution again.`,
      );
    }
    workflows.push({ definition, xaml: await entryText(file) });
  }
  const named = new Set(definitions.map((d) => d.xamlFileName.toLowerCase()));
  const xamlOnly = [];
  for (const file of zipFiles(zip)) {
    const id = workflowIdOfXamlFile(file.name);
    if (!id || named.has(file.name.toLowerCase())) continue;
    xamlOnly.push({ id, file: file.name, xaml: await entryText(file) });
  }
  return { manifest, workflows, xamlOnly };
}

/**
 * Writes a package as the zip Dataverse exports: `[Content_Types].xml`, solution.xml (the workflows
 * as root components), customizations.xml and `Workflows/<Name>-<GUID>.xaml`.
 */
export async function writeSolutionPackage(
  pkg: SolutionPackage,
  options: WriteSolutionOptions = {},
): Promise<Buffer> {
  const definitions = pkg.workflows.map((w) => w.definition);
  const managed = options.managed ?? pkg.manifest.managed;
  const zip = new JSZip();
  zip.file(ZipPaths.contentTypes, CONTENT_TYPES_XML);
  zip.file(
    ZipPaths.solution,
    manifestXml(
      pkg.manifest,
      managed,
      definitions.map((d) => d.id),
    ),
  );
  zip.file(ZipPaths.customizations, customizationsXml(definitions));
  for (const { definition, xaml } of pkg.workflows) zip.file(definition.xamlFileName, xaml);
  return generateZip(zip);
}
