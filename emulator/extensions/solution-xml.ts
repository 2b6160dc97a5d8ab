import { DOMParser, type Element } from '@xmldom/xmldom';

/** A solution's manifest (solution.xml), as much as the emulator keeps. */
export interface SolutionManifest {
  uniqueName: string;
  friendlyName: string;
  description: string;
  version: string;
  managed: boolean;
  publisher: { uniqueName: string; friendlyName: string; prefix: string; optionValuePrefix: string };
  /** Ids of the root components of type 29 (workflow). */
  workflowIds: string[];
}

/** A workflow as customizations.xml (or a SolutionPackager `.xaml.data.xml`) describes it. */
export interface WorkflowDefinition {
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

/** Thrown for a solution file the emulator cannot read; the message says what is wrong. */
export class SolutionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolutionFileError';
  }
}

const WORKFLOW_COMPONENT = '29';

/** Parses XML, throwing {@link SolutionFileError} naming the file when it is not well-formed. */
export function parseXml(text: string, file: string): Element {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => level !== 'warning' && errors.push(message),
  }).parseFromString(text.replace(/^\uFEFF/, '').replace(/^<\?xml[^>]*\?>/, ''), 'text/xml');
  if (errors.length > 0 || !doc.documentElement) {
    throw new SolutionFileError(
      `${file} is not well-formed XML (${errors[0] ?? 'empty'}). Export the solution again.`,
    );
  }
  return doc.documentElement;
}

/** The first descendant element with this tag name, or undefined. */
function child(parent: Element, tag: string): Element | undefined {
  const list = parent.getElementsByTagName(tag);
  return list.length > 0 ? list[0] : undefined;
}

function textOf(parent: Element, tag: string, fallback = ''): string {
  return child(parent, tag)?.textContent?.trim() ?? fallback;
}

function localizedName(parent: Element | undefined, tag = 'LocalizedName'): string {
  const element = parent ? child(parent, tag) : undefined;
  return element?.getAttribute('description') ?? '';
}

function normaliseId(id: string): string {
  return id.replace(/[{}]/g, '').toLowerCase();
}

/** Reads solution.xml. */
export function readManifest(text: string): SolutionManifest {
  const root = parseXml(text, 'solution.xml');
  const manifest = child(root, 'SolutionManifest');
  if (!manifest)
    throw new SolutionFileError('solution.xml has no <SolutionManifest>. Export the solution again.');
  const uniqueName = textOf(manifest, 'UniqueName');
  if (uniqueName === '')
    throw new SolutionFileError('solution.xml has no <UniqueName>. Export the solution again.');
  const publisher = child(manifest, 'Publisher');
  const workflowIds: string[] = [];
  const roots = manifest.getElementsByTagName('RootComponent');
  for (let i = 0; i < roots.length; i++) {
    const id = roots[i].getAttribute('id');
    if (roots[i].getAttribute('type') === WORKFLOW_COMPONENT && id) workflowIds.push(normaliseId(id));
  }
  return {
    uniqueName,
    friendlyName: localizedName(child(manifest, 'LocalizedNames')) || uniqueName,
    description: child(manifest, 'Descriptions')
      ? localizedName(child(manifest, 'Descriptions'), 'Description')
      : '',
    version: textOf(manifest, 'Version', '1.0.0.0'),
    managed: textOf(manifest, 'Managed') === '1',
    publisher: {
      uniqueName: publisher ? textOf(publisher, 'UniqueName') : 'emulator',
      friendlyName: publisher ? localizedName(child(publisher, 'LocalizedNames')) : 'Emulator',
      prefix: publisher ? textOf(publisher, 'CustomizationPrefix', 'new') : 'new',
      optionValuePrefix: publisher ? textOf(publisher, 'CustomizationOptionValuePrefix', '10000') : '10000',
    },
    workflowIds,
  };
}

/** Reads one `<Workflow>` element. */
export function readWorkflowElement(element: Element, file: string): WorkflowDefinition {
  const id = element.getAttribute('WorkflowId');
  const xaml = textOf(element, 'XamlFileName');
  if (!id || xaml === '') {
    throw new SolutionFileError(
      `${file}: a <Workflow> lacks WorkflowId or <XamlFileName>. Export the solution again.`,
    );
  }
  const num = (tag: string, fallback: number) => {
    const value = Number(textOf(element, tag, String(fallback)));
    return Number.isFinite(value) ? value : fallback;
  };
  return {
    id: normaliseId(id),
    name: element.getAttribute('Name') ?? localizedName(child(element, 'LocalizedNames')),
    xamlFileName: xaml.replace(/^\//, ''),
    primaryEntity: textOf(element, 'PrimaryEntity'),
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
    description: child(element, 'Descriptions')
      ? localizedName(child(element, 'Descriptions'), 'Description')
      : '',
  };
}

/** The workflows listed in customizations.xml. */
export function readCustomizationWorkflows(text: string): WorkflowDefinition[] {
  const root = parseXml(text, 'customizations.xml');
  const container = child(root, 'Workflows');
  if (!container) return [];
  const result: WorkflowDefinition[] = [];
  const list = container.getElementsByTagName('Workflow');
  for (let i = 0; i < list.length; i++) result.push(readWorkflowElement(list[i], 'customizations.xml'));
  return result;
}
