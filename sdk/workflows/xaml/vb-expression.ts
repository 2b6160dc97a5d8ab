/**
 * The small subset of VB expressions workflow XAML uses, after XML decoding: variable references
 * `[Step_1]`, entity dictionaries `[InputEntities("primaryEntity")]`, `[New Entity("email")]`
 * and parameter arrays `[New Object() { Type, "literal", Var }]`.
 *
 * String literals are VB strings (`""` is a quote) whose content is HTML-entity encoded: the
 * designer writes `<` as `&lt;` and `,` as `&#44;` (the platform splits the parameter array on
 * commas before it reads the literals), which is why HTML in a body appears escaped twice in the
 * XAML file.
 */
import { XamlError } from './errors';

/** One element of a parameter array. */
export type VbToken = { kind: 'string'; value: string } | { kind: 'name'; value: string };

/** A reference to an entity held in one of the workflow's dictionaries. */
export interface EntityExpression {
  dictionary: 'InputEntities' | 'CreatedEntities';
  key: string;
  /** True for `...).Id`. */
  id: boolean;
}

/** `[Name]` → `Name`; undefined when the text is not a bracketed single identifier. */
export function parseVariableReference(text: string | null | undefined): string | undefined {
  const match = /^\s*\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*\]\s*$/.exec(text ?? '');
  return match?.[1];
}

/** `[InputEntities("k")]`, `[CreatedEntities("k")]` or with `.Id`; undefined otherwise. */
export function parseEntityExpression(text: string | null | undefined): EntityExpression | undefined {
  const match = /^\s*\[\s*(InputEntities|CreatedEntities)\("((?:[^"]|"")*)"\)(\.Id)?\s*\]\s*$/.exec(
    text ?? '',
  );
  if (!match) return undefined;
  return {
    dictionary: match[1] as EntityExpression['dictionary'],
    key: match[2].replace(/""/g, '"'),
    id: !!match[3],
  };
}

/** `[New Entity("email")]` → `email`; undefined otherwise. */
export function parseNewEntity(text: string | null | undefined): string | undefined {
  return /^\s*\[\s*New Entity\("([^"]*)"\)\s*\]\s*$/.exec(text ?? '')?.[1];
}

/** Writes an entity expression back as VB. */
export function formatEntityExpression(expression: EntityExpression): string {
  return `[${expression.dictionary}("${expression.key.replace(/"/g, '""')}")${expression.id ? '.Id' : ''}]`;
}

/** Parses `[New Object() { a, "b", c }]` into its tokens. */
export function parseParameterArray(text: string): VbToken[] {
  const match = /^\s*\[\s*New Object\(\)\s*\{([\s\S]*)\}\s*\]\s*$/.exec(text);
  if (!match) throw new XamlError(`Expected a parameter array "[New Object() { ... }]" but found "${text}".`);
  const body = match[1];
  const tokens: VbToken[] = [];
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /[\s,]/.test(body[i])) i++;
    if (i >= body.length) break;
    if (body[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= body.length) throw new XamlError(`Unterminated string literal in "${text}".`);
        if (body[i] === '"') {
          if (body[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += body[i++];
      }
      tokens.push({ kind: 'string', value });
    } else {
      let value = '';
      while (i < body.length && body[i] !== ',') value += body[i++];
      tokens.push({ kind: 'name', value: value.trim() });
    }
  }
  return tokens;
}

/** Writes a parameter array; strings are already HTML-encoded literal contents. */
export function formatParameterArray(tokens: VbToken[]): string {
  const parts = tokens.map((token) =>
    token.kind === 'string' ? `"${token.value.replace(/"/g, '""')}"` : token.value,
  );
  return `[New Object() { ${parts.join(', ')} }]`;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes one level of HTML entities in a literal's content (unknown named entities stay). */
export function decodeLiteral(content: string): string {
  return content.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? parseInt(entity.slice(2), 16)
          : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Encodes a value as literal content the way the designer does (`& < > "` and `,`). */
export function encodeLiteral(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/,/g, '&#44;');
}

/** Names referenced in a VB expression (identifiers outside string literals). */
export function referencedNames(text: string): string[] {
  const withoutStrings = text.replace(/"(?:[^"]|"")*"/g, '""');
  return withoutStrings.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}
