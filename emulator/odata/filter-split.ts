/**
 * Cutting a `$filter` at its top-level `or`/`and` before @odata/parser sees it. The parser is
 * recursive and slows down with the square of the chain length (2,000 `or` terms take seconds,
 * 5,000 overflow the stack), while a client asking for many rows by key sends exactly such
 * chains. Each piece is still parsed by @odata/parser; this only finds where the pieces end.
 */

/** Where a boolean operator may stand: outside quotes, parentheses and brackets. */
interface Cut {
  start: number;
  end: number;
}

const OPERATOR = /\s+(or|and)\s+/y;

/**
 * The top-level pieces joined by `word` (`or` binds loosest, so split by it first), trimmed.
 * One piece means `word` does not occur at the top level.
 */
export function splitTopLevel(text: string, word: 'or' | 'and'): string[] {
  const cuts = topLevelOperators(text).filter((cut) => cut.word === word);
  if (cuts.length === 0) return [text.trim()];
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(text.slice(from, cut.start).trim());
    from = cut.end;
  }
  pieces.push(text.slice(from).trim());
  return pieces;
}

/** The text inside one pair of parentheses wrapping all of `text`, or undefined. */
export function unwrapParens(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === "'" || c === '"') {
      i = skipQuoted(trimmed, i + 1, c);
    } else if (c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0 && i < trimmed.length - 1) return undefined;
    }
  }
  return depth === 0 ? trimmed.slice(1, -1) : undefined;
}

/**
 * Replaces parameter aliases (`@p1`) outside string literals with their values from the query
 * (`&@p1='name'`), as OData defines them; an alias without a value is a 400 from `missing`.
 */
export function replaceAliases(
  text: string,
  valueOf: (alias: string) => string | undefined,
  missing: (alias: string) => Error,
): string {
  if (!text.includes('@')) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      i = skipQuoted(text, i + 1, c);
    } else if (c === '@') {
      const name = /^@[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0];
      if (!name) continue;
      const value = valueOf(name);
      if (value === undefined) throw missing(name);
      out += text.slice(from, i) + value;
      from = i + name.length;
      i = from - 1;
    }
  }
  return out + text.slice(from);
}

function topLevelOperators(text: string): Array<Cut & { word: string }> {
  const cuts: Array<Cut & { word: string }> = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      i = skipQuoted(text, i + 1, c);
    } else if (c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
    } else if (depth === 0 && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      OPERATOR.lastIndex = i;
      const match = OPERATOR.exec(text);
      if (match) {
        cuts.push({ start: i, end: OPERATOR.lastIndex, word: match[1] });
        i = OPERATOR.lastIndex - 1;
      }
    }
  }
  return cuts;
}

/**
 * The index of the quote closing a literal opened just before `from`: OData doubles a single
 * quote inside a string (`'O''Brien'`), JSON escapes a double quote with a backslash.
 */
function skipQuoted(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      i++;
    } else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
