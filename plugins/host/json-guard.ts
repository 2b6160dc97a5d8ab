/**
 * Checks a webhook body before the codec reads it: how deeply it nests (on the text, before parsing,
 * without recursion, so a body nested 100,000 deep cannot overflow the stack while being checked)
 * and whether any key could reach an object's prototype (`__proto__`, `constructor`, `prototype`:
 * as a JSON key, or as the `key` of a `{key, value}` pair, which the codec turns into a property).
 */

/** Keys refused anywhere in a body. Dataverse never sends them; a record keyed by them is a trap. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The deepest nesting of objects and arrays in JSON `text`, counted only until it passes `limit`
 * (so the answer is `limit + 1` for anything deeper). Brackets inside strings do not count. Text
 * that is not JSON gets a number too; JSON.parse reports what is wrong with it.
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Where a parsed body holds a prototype key, as a path like `InputParameters[0].value`; undefined
 * when it holds none. Walks with an explicit stack, never recursion.
 */
export function prototypeKeyPath(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = isContainer(value) ? [{ value, path: '' }] : [];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        if (isContainer(current[i])) stack.push({ value: current[i], path: `${path}[${i}]` });
      }
      continue;
    }
    const record = current as Record<string, unknown>;
    const keyed = record.key;
    if (typeof keyed === 'string' && PROTOTYPE_KEYS.has(keyed)) return join(path, 'key');
    for (const name of Object.keys(record)) {
      if (PROTOTYPE_KEYS.has(name)) return join(path, name);
      if (isContainer(record[name])) stack.push({ value: record[name], path: join(path, name) });
    }
  }
  return undefined;
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
