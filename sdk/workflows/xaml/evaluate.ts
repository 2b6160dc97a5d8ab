/**
 * Interpreting a workflow definition on one record, for the emulator's ExecuteWorkflow: the steps
 * run in order and every write becomes a {@link WorkflowEffect} the caller applies. Pure: records
 * are read through the loader, nothing is written here.
 */
import type { Element } from '@xmldom/xmldom';
import { isActivity, isXrm, readEntityProperty, readEvaluateExpression, XAML_NS } from './activities';
import { CONVERT_CRM_XRM_TYPES, convertArgument, encodeCode } from './custom-activities';
import { definitionOf } from './definition-cache';
import type { EncodedCodeStep } from './encoded-code';
import { XamlError } from './errors';
import { computeExpression } from './evaluate-expression';
import { convertTo, isReference } from './runtime-values';
import { childElements, descendants } from './xml-document';
import { parseEntityExpression, parseNewEntity, type EntityExpression } from './vb-expression';
import { primaryIdOf } from './primary-ids';

/** Reads rows in the canonical column shape (emulator/contracts ColumnValues). */
export interface RecordLoader {
  get(logicalName: string, id: string): Record<string, unknown> | undefined;
}

/** A write the workflow asks for. E-mail from/to/cc/bcc are arrays of `{ logicalName, id, name? }`. */
export type WorkflowEffect =
  | { kind: 'create'; entityName: string; values: Record<string, unknown>; send: boolean }
  | { kind: 'update'; entity: { logicalName: string; id: string }; values: Record<string, unknown> }
  | { kind: 'setState'; entity: { logicalName: string; id: string }; state: number; status: number };

/** Options for {@link evaluateWorkflow}. */
export interface EvaluateOptions {
  /** Where the workflow reads its records from. */
  loader: RecordLoader;
  /** Clock for RetrieveCurrentTime; default `new Date()`. */
  now?: () => Date;
}

interface RuntimeEntity {
  logicalName: string;
  id?: string;
  values: Record<string, unknown>;
}

/** Runs the workflow on `primary` and returns its effects in order. Throws XamlError for what it cannot run. */
export function evaluateWorkflow(
  xaml: string,
  primary: { logicalName: string; id: string },
  options: EvaluateOptions,
): WorkflowEffect[] {
  const { workflow, encoder } = definitionOf(xaml);
  const interpreter = new Interpreter(primary, options.loader, options.now ?? (() => new Date()), encoder);
  interpreter.runChildren(workflow);
  return interpreter.effects;
}

class Interpreter {
  readonly effects: WorkflowEffect[] = [];
  private readonly variables = new Map<string, unknown>();
  private readonly input = new Map<string, RuntimeEntity | null>();
  private readonly created = new Map<string, RuntimeEntity>();
  private stopped = false;

  constructor(
    private readonly primary: { logicalName: string; id: string },
    private readonly loader: RecordLoader,
    private readonly now: () => Date,
    private readonly encoder: EncodedCodeStep | undefined,
  ) {}

  runChildren(parent: Element): void {
    for (const child of childElements(parent)) {
      if (this.stopped) return;
      this.run(child);
    }
  }

  private run(element: Element): void {
    if ((element.localName ?? '').includes('.')) return; // property elements: Variables, TargetType...
    if (isActivity(element, 'Sequence')) return this.runChildren(element);
    if (isActivity(element, 'Assign')) return this.assign(element);
    if (isActivity(element, 'Persist')) return;
    if (isActivity(element, 'TerminateWorkflow')) {
      this.stopped = true;
      return;
    }
    if (isXrm(element, 'GetEntityProperty')) return this.getProperty(element);
    if (isXrm(element, 'SetEntityProperty')) return this.setProperty(element);
    if (isXrm(element, 'CreateEntity')) return this.create(element, false);
    if (isXrm(element, 'SendEmail')) return this.create(element, true);
    if (isXrm(element, 'UpdateEntity')) return this.update(element);
    if (isXrm(element, 'SetState')) return this.setState(element);
    if (isXrm(element, 'ActivityReference')) return this.activityReference(element);
    throw new XamlError(`The workflow uses <${element.tagName}>, which this interpreter does not run.`);
  }

  private activityReference(element: Element): void {
    const expression = readEvaluateExpression(element);
    if (expression) {
      const value = computeExpression(expression, this.variables, this.now);
      if (expression.result) this.variables.set(expression.result, value);
      return;
    }
    const name = (element.getAttribute('AssemblyQualifiedName') ?? '').split(',')[0];
    if (name === CONVERT_CRM_XRM_TYPES) return convertArgument(element, this.variables);
    if (this.encoder && element === this.encoder.element) return encodeCode(this.encoder, this.variables);
    if (name === 'Microsoft.Crm.Workflow.Activities.Composite') {
      const activities = descendants(element).find(
        (e) => e.localName === 'Collection' && e.getAttributeNS(XAML_NS, 'Key') === 'Activities',
      );
      if (activities) this.runChildren(activities);
      return;
    }
    throw new XamlError(
      `The workflow uses the activity "${name}", which this interpreter does not run (conditions and custom activities are not supported).`,
    );
  }

  private entity(expression: EntityExpression | undefined): RuntimeEntity | null {
    if (!expression) return null;
    if (expression.dictionary === 'CreatedEntities' && !expression.key.startsWith('related_')) {
      return this.created.get(expression.key) ?? null;
    }
    if (!this.input.has(expression.key)) this.input.set(expression.key, this.loadInput(expression.key));
    return this.input.get(expression.key) ?? null;
  }

  private loadInput(key: string): RuntimeEntity | null {
    if (key === 'primaryEntity') {
      const values = this.loader.get(this.primary.logicalName, this.primary.id);
      if (!values) {
        throw new XamlError(
          `The workflow's record ${this.primary.logicalName} ${this.primary.id} does not exist.`,
        );
      }
      return { logicalName: this.primary.logicalName, id: this.primary.id, values: { ...values } };
    }
    const related = /^related_([^#]+)#(.+)$/.exec(key);
    if (!related) return null;
    const reference = this.entity({ dictionary: 'InputEntities', key: 'primaryEntity', id: false })?.values[
      related[1]
    ];
    if (!isReference(reference)) return null;
    const values = this.loader.get(related[2], reference.id);
    return values ? { logicalName: related[2], id: reference.id, values: { ...values } } : null;
  }

  private assign(element: Element): void {
    const to = parseEntityExpression(element.getAttribute('To'));
    const valueText = element.getAttribute('Value');
    const newEntity = parseNewEntity(valueText);
    const source = parseEntityExpression(valueText);
    if (!to) return;
    const store = (entity: RuntimeEntity) =>
      to.dictionary === 'CreatedEntities' ? this.created.set(to.key, entity) : this.input.set(to.key, entity);
    if (newEntity !== undefined && !to.id) return void store({ logicalName: newEntity, values: {} });
    if (!source) return;
    if (to.id && source.id) {
      const target = this.entity({ ...to, id: false });
      const from = this.entity({ ...source, id: false });
      if (target && from?.id) target.id = from.id;
      return;
    }
    const from = this.entity(source);
    if (!from || to.id) return;
    const existing = this.entity(to);
    // After an update, Dataverse reads the record again; merging keeps the fields not written.
    if (existing && existing.logicalName === from.logicalName && existing.id && existing.id === from.id) {
      Object.assign(existing.values, from.values);
    } else {
      store(from);
    }
  }

  private getProperty(element: Element): void {
    const property = readEntityProperty(element)!;
    if (!property.variable) return;
    const entity = this.entity(property.entity);
    let value: unknown = null;
    if (entity) {
      value = entity.values[property.attribute] ?? null;
      if (value === null && property.attribute === primaryIdOf(entity.logicalName) && entity.id) {
        value = { logicalName: entity.logicalName, id: entity.id };
      }
    }
    this.variables.set(property.variable, convertTo(property.targetType, value, entity?.logicalName));
  }

  private setProperty(element: Element): void {
    const property = readEntityProperty(element)!;
    const entity = this.entity(property.entity);
    if (!entity)
      throw new XamlError(
        `SetEntityProperty "${property.attribute}" writes to ${property.entityText}, which was never created.`,
      );
    const value = property.variable ? (this.variables.get(property.variable) ?? null) : null;
    entity.values[property.attribute] = convertTo(property.targetType, value);
  }

  private create(element: Element, send: boolean): void {
    const entity = this.entity(parseEntityExpression(element.getAttribute('Entity')));
    if (!entity)
      throw new XamlError(
        `<${element.tagName}> refers to ${element.getAttribute('Entity')}, which was never assigned.`,
      );
    const entityName = element.getAttribute('EntityName') || entity.logicalName;
    this.effects.push({ kind: 'create', entityName, values: { ...entity.values }, send });
  }

  private update(element: Element): void {
    const expression = parseEntityExpression(element.getAttribute('Entity'));
    const entity = this.entity(expression);
    const id = entity?.id ?? (expression?.key.startsWith('primaryEntity') ? this.primary.id : undefined);
    if (!entity || !id)
      throw new XamlError(
        `<${element.tagName}> refers to ${element.getAttribute('Entity')}, which has no record id.`,
      );
    const logicalName = element.getAttribute('EntityName') || entity.logicalName;
    this.effects.push({ kind: 'update', entity: { logicalName, id }, values: { ...entity.values } });
  }

  private setState(element: Element): void {
    const idExpression = parseEntityExpression(element.getAttribute('EntityId'));
    const entity = this.entity(
      idExpression ? { ...idExpression, id: false } : parseEntityExpression(element.getAttribute('Entity')),
    );
    if (!entity?.id) throw new XamlError(`<${element.tagName}> does not name a record it can change.`);
    const option = (property: string) => {
      const holder = childElements(element).find((e) => e.localName === `SetState.${property}`);
      const literal = holder && descendants(holder).find((e) => e.localName === 'OptionSetValue');
      const value = Number(literal?.getAttribute('Value'));
      if (!literal || !Number.isFinite(value))
        throw new XamlError(`<${element.tagName}> has no ${property} value.`);
      return value;
    };
    const logicalName = element.getAttribute('EntityName') || entity.logicalName;
    this.effects.push({
      kind: 'setState',
      entity: { logicalName, id: entity.id },
      state: option('State'),
      status: option('Status'),
    });
  }
}
