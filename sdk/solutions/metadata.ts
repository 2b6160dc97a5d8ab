/**
 * Reading a solution's metadata: the manifest (solution.xml) and the `<Workflow>` elements of
 * customizations.xml or of SolutionPackager's `Workflows/*.xaml.data.xml` files.
 */
import type { Element } from '@xmldom/xmldom';
import { SolutionFileError } from './errors';
import { WORKFLOW_COMPONENT_TYPE, ZipPaths } from './layout';
import { childElements, descendant, descendantText, localizedText, parseXml } from './xml';

/** A publisher as solution.xml describes it. */
export interface SolutionPublisher {
  uniqueName: string;
  friendlyName: string;
  /** Customization prefix, e.g. `pinv`. */
  prefix: string;
  optionValuePrefix: string;
}

/** A solution's manifest (solution.xml). */
export interface SolutionManifest {
  uniqueName: string;
  /** The 1033 localized name, or the unique name when there is none. */
  friendlyName: string;
  description: string;
  version: string;
  managed: boolean;
  publisher: SolutionPublisher;
  /** Ids (lower case, no braces) of the root components of type 29 (workflow). */
  workflowIds: string[];
}

/** A workflow as customizations.xml (or a SolutionPackager `.xaml.data.xml`) describes it. */
export interface WorkflowDefinition {
  /** Lower case, no braces. */
  id: string;
  name: string;
  /** Path of the XAML inside the zip, without the leading slash. */
  xamlFileName: string;
  primaryEntity: string;
  type: number;
  category: number;
  mode: number;
  scope: number;
  onDemand: boolean;
  subprocess: boolean;
  triggerOnCreate: boolean;
  triggerOnDelete: boolean;
  stateCode: number;
  statusCode: number;
  description: string;
}

/** The publisher a manifest without one is given. */
export const DEFAULT_PUBLISHER: SolutionPublisher = {
  uniqueName: 'emulator',
  friendlyName: 'Emulator',
  prefix: 'new',
  optionValuePrefix: '10000',
};

function normaliseId(id: string): string {
  return id.replace(/[{}]/g, '').toLowerCase();
}

function descriptionOf(parent: Element): string {
  const descriptions = descendant(parent, 'Descriptions');
  return descriptions ? localizedText(descriptions, 'Description') : '';
}

/**
 * Reads solution.xml.
 * @throws SolutionFileError when it is malformed or lacks `<SolutionManifest>` / `<UniqueName>`
 */
export function readManifest(text: string): SolutionManifest {
  const root = parseXml(text, ZipPaths.solution).documentElement!;
  const manifest = descendant(root, 'SolutionManifest');
  if (!manifest) {
    throw new SolutionFileError('solution.xml has no <SolutionManifest>. Export the solution again.');
  }
  const uniqueName = descendantText(manifest, 'UniqueName');
  if (uniqueName === '') {
    throw new SolutionFileError('solution.xml has no <UniqueName>. Export the solution again.');
  }
  const publisher = descendant(manifest, 'Publisher');
  const workflowIds: string[] = [];
  const roots = manifest.getElementsByTagName('RootComponent');
  for (let i = 0; i < roots.length; i++) {
    const id = roots[i].getAttribute('id');
    if (roots[i].getAttribute('type') === String(WORKFLOW_COMPONENT_TYPE) && id) {
      workflowIds.push(normaliseId(id));
    }
  }
  return {
    uniqueName,
    friendlyName: localizedText(descendant(manifest, 'LocalizedNames')) || uniqueName,
    description: descriptionOf(manifest),
    version: descendantText(manifest, 'Version', '1.0.0.0'),
    managed: descendantText(manifest, 'Managed') === '1',
    publisher: publisher
      ? {
          uniqueName: descendantText(publisher, 'UniqueName'),
          friendlyName: localizedText(descendant(publisher, 'LocalizedNames')),
          prefix: descendantText(publisher, 'CustomizationPrefix', DEFAULT_PUBLISHER.prefix),
          optionValuePrefix: descendantText(
            publisher,
            'CustomizationOptionValuePrefix',
            DEFAULT_PUBLISHER.optionValuePrefix,
          ),
        }
      : { ...DEFAULT_PUBLISHER },
    workflowIds,
  };
}

/**
 * Reads one `<Workflow>` element.
 * @param file named in errors
 * @throws SolutionFileError when it lacks WorkflowId or `<XamlFileName>`
 */
export function readWorkflowElement(element: Element, file: string): WorkflowDefinition {
  const id = element.getAttribute('WorkflowId');
  const xaml = descendantText(element, 'XamlFileName');
  if (!id || xaml === '') {
    throw new SolutionFileError(
      `${file}: a <Workflow> lacks WorkflowId or <XamlFileName>. Export the solution again.`,
    );
  }
  const num = (tag: string, fallback: number) => {
    const value = Number(descendantText(element, tag, String(fallback)));
    return Number.isFinite(value) ? value : fallback;
  };
  return {
    id: normaliseId(id),
    name: element.getAttribute('Name') ?? localizedText(descendant(element, 'LocalizedNames')),
    xamlFileName: xaml.replace(/^\/+/, ''),
    primaryEntity: descendantText(element, 'PrimaryEntity'),
    type: num('Type', 1),
    category: num('Category', 0),
    mode: num('Mode', 0),
    scope: num('Scope', 4),
    onDemand: num('OnDemand', 0) === 1,
    subprocess: num('Subprocess', 0) === 1,
    triggerOnCreate: num('TriggerOnCreate', 0) === 1,
    triggerOnDelete: num('TriggerOnDelete', 0) === 1,
    stateCode: num('StateCode', 0),
    statusCode: num('StatusCode', 1),
    description: descriptionOf(element),
  };
}

/** The workflows listed under `<Workflows>` in customizations.xml. */
export function readCustomizationWorkflows(text: string): WorkflowDefinition[] {
  const root = parseXml(text, ZipPaths.customizations).documentElement!;
  const container = childElements(root, 'Workflows')[0] ?? descendant(root, 'Workflows');
  if (!container) return [];
  return childElements(container, 'Workflow').map((w) => readWorkflowElement(w, ZipPaths.customizations));
}

/** Reads a SolutionPackager `Workflows/<Name>-<GUID>.xaml.data.xml` file. */
export function readWorkflowDataFile(text: string, file: string): WorkflowDefinition {
  const root = parseXml(text, file).documentElement!;
  return readWorkflowElement(root, file);
}
