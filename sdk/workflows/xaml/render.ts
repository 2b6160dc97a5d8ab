/**
 * Rendering a value tree as readable text: literals as they are (HTML decoded once, as the
 * recipient sees it), field reads as `{placeholders}`, party lists as `a; b`.
 */
import { placeholderFor, type FieldSource } from './placeholders';
import type { FieldRead, ValueExpr } from './value-graph';

/** Where a field read's record comes from, or undefined for a record the template cannot name. */
export function fieldSourceOf(read: FieldRead): FieldSource | undefined {
  const entity = read.entity;
  if (!entity) return undefined;
  if (entity.dictionary === 'InputEntities' && entity.key === 'primaryEntity') {
    return { from: 'primary', entityName: read.entityName, attribute: read.attribute };
  }
  // The designer reads related records from InputEntities; CreatedEntities is accepted for hand-made XAML.
  const related = /^related_([^#]+)#(.+)$/.exec(entity.key);
  if (related)
    return { from: 'related', lookup: related[1], entityName: related[2], attribute: read.attribute };
  return undefined;
}

/**
 * Renders a value; `party` joins list items with `; `. `outputs` names the step outputs a template
 * can name (variable → placeholder without braces, e.g. the encoded code's); others show as `{?variable}`.
 */
export function renderValue(
  value: ValueExpr,
  mode: 'text' | 'party' = 'text',
  outputs: ReadonlyMap<string, string> = new Map(),
): string {
  const render = (item: ValueExpr, itemMode: 'text' | 'party') => renderValue(item, itemMode, outputs);
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'empty':
      return '';
    case 'unknown':
      return `{?${value.detail}}`;
    case 'stepOutput': {
      const name = outputs.get(value.variable);
      return name ? `{${name}}` : `{?${value.variable}}`;
    }
    case 'field': {
      const source = fieldSourceOf(value);
      if (source) return `{${placeholderFor(source)}}`;
      const key = value.entity?.key ?? value.entity?.dictionary ?? 'entity';
      return `{${key}:${value.entityName}.${value.attribute}}`;
    }
    case 'entityRef':
      return `${value.logicalName}:${value.name || render(value.id, 'text')}`;
    case 'partyList':
      return value.items
        .map((item) => render(item, 'party'))
        .filter(Boolean)
        .join('; ');
    case 'firstNonNull': {
      const items = value.items.map((item) => render(item, mode)).filter(Boolean);
      return items.length <= 1 ? (items[0] ?? '') : items.join(' ?? ');
    }
    case 'add': {
      const isParty = mode === 'party' || value.targetType === 'mxs:EntityCollection';
      const items = value.items.map((item) => render(item, isParty ? 'party' : 'text'));
      return isParty ? items.filter(Boolean).join('; ') : items.join('');
    }
  }
}
