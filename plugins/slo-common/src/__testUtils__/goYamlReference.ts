/**
 * The rule-file YAML printer as it was before its fast path (every scalar
 * quoted by the `yaml` library and every document parsed back), frozen
 * here as the reference the current printer must match byte for byte.
 * Test-only: do not use it elsewhere.
 */
import { Document, parse, Scalar, stringify, visit } from 'yaml';

/** Plain data as found in rule files: strings in mappings and sequences. */
type YamlData = string | YamlData[] | { [key: string]: YamlData };

/** yaml.v2's `best_width`. */
const BEST_WIDTH = 80;
const INDENT = 2;

/**
 * Whether a string would read back as another type (number, boolean, null,
 * timestamp) under YAML 1.1; yaml.v2 double-quotes those.
 */
function readsAsNonString(text: string): boolean {
  if (/^(?:~|null|Null|NULL)?$/.test(text)) return true;
  try {
    const value: unknown = parse(text, { version: '1.1' });
    return (
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value instanceof Date
    );
  } catch {
    return false;
  }
}

function doubleQuoted(text: string): string {
  const document = new Document(text);
  (document.contents as Scalar).type = Scalar.QUOTE_DOUBLE;
  return document.toString({ lineWidth: 0 }).trimEnd();
}

// Rule files repeat the same keys and label values thousands of times, and
// asking the `yaml` library how to quote a string costs a parse each time.
const inlineScalarCache = new Map<string, string>();
const INLINE_SCALAR_CACHE_LIMIT = 20_000;

/** The one-line form of a string: plain, 'single' or "double" quoted. */
function inlineScalar(text: string): string {
  const cached = inlineScalarCache.get(text);
  if (cached !== undefined) return cached;
  const rendered = readsAsNonString(text)
    ? doubleQuoted(text)
    : stringify(text, { lineWidth: 0, singleQuote: true }).trimEnd();
  if (inlineScalarCache.size >= INLINE_SCALAR_CACHE_LIMIT) {
    inlineScalarCache.clear();
  }
  inlineScalarCache.set(text, rendered);
  return rendered;
}

/**
 * Folds a one-line scalar as yaml.v2 does: a single space becomes a line
 * break when the line is already past column 80 (breaks go before, never
 * inside, a word; quotes are not broken next to).
 */
function fold(rendered: string, startColumn: number, indent: number): string {
  const quoted = rendered.startsWith("'") || rendered.startsWith('"');
  let output = '';
  let column = startColumn;
  let afterSpace = false;
  for (let i = 0; i < rendered.length; i++) {
    const char = rendered[i];
    const insideQuotes = !quoted || (i > 1 && i < rendered.length - 2);
    if (
      char === ' ' &&
      !afterSpace &&
      insideQuotes &&
      column > BEST_WIDTH &&
      i + 1 < rendered.length &&
      rendered[i + 1] !== ' '
    ) {
      output += `\n${' '.repeat(indent)}`;
      column = indent;
    } else {
      output += char;
      column++;
    }
    afterSpace = char === ' ';
  }
  return output;
}

/** A literal block (`|`, `|-`, `|+`), or `undefined` if one cannot hold `text` exactly. */
function literalBlock(text: string, indent: number): string | undefined {
  // Lines of only blanks, tabs, CR and control characters do not survive a
  // block scalar (or need escapes): leave those to quoting.
  const hasControlCharacter = [...text].some(char => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && char !== '\n') || code === 0x7f;
  });
  if (hasControlCharacter || text.split('\n').some(line => /^ +$/.test(line))) {
    return undefined;
  }
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  let chomping = '';
  if (!text.endsWith('\n')) chomping = '-';
  else if (text.endsWith('\n\n')) chomping = '+';
  const indicator =
    text.startsWith(' ') || text.startsWith('\n') ? `${INDENT}` : '';
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map(line => (line === '' ? '' : pad + line));
  return `|${indicator}${chomping}\n${lines.join('\n')}`;
}

/** A mapping value: inline after "key: ", or a block starting on the next line. */
function scalarValue(
  text: string,
  startColumn: number,
  keyIndent: number,
): string {
  if (text.includes('\n')) {
    const block = literalBlock(text, keyIndent + INDENT);
    if (block) return block;
    return doubleQuoted(text);
  }
  return fold(inlineScalar(text), startColumn, keyIndent + INDENT);
}

function isMapping(value: YamlData): value is { [key: string]: YamlData } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** Lines of a mapping whose keys start at `indent`; the first may follow "- ". */
function mappingLines(
  value: { [key: string]: YamlData },
  indent: number,
): string[] {
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const prefix = `${' '.repeat(indent)}${inlineScalar(key)}:`;
    if (typeof item === 'string') {
      lines.push(`${prefix} ${scalarValue(item, prefix.length + 1, indent)}`);
    } else if (Array.isArray(item)) {
      lines.push(item.length === 0 ? `${prefix} []` : prefix);
      lines.push(...sequenceLines(item, indent));
    } else if (Object.keys(item).length === 0) {
      lines.push(`${prefix} {}`);
    } else {
      lines.push(prefix, ...mappingLines(item, indent + INDENT));
    }
  }
  return lines;
}

/** Lines of a block sequence whose dashes are at `indent` (flush with the key). */
function sequenceLines(items: YamlData[], indent: number): string[] {
  const dash = `${' '.repeat(indent)}- `;
  return items.flatMap(item => {
    if (typeof item === 'string') {
      return [`${dash}${scalarValue(item, dash.length, indent)}`];
    }
    const nested = isMapping(item)
      ? mappingLines(item, indent + INDENT)
      : sequenceLines(item, indent + INDENT);
    if (nested.length === 0) return [`${dash}${isMapping(item) ? '{}' : '[]'}`];
    // The first line moves up next to the dash.
    return [dash + nested[0].slice(indent + INDENT), ...nested.slice(1)];
  });
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every(key =>
      deepEqual(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
      ),
    )
  );
}

/** The `yaml` library's own rendering, with yaml.v2's quoting conventions. */
function libraryYaml(data: YamlData): string {
  const document = new Document(data, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && readsAsNonString(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return document.toString({
    indentSeq: false,
    blockQuote: 'literal',
    lineWidth: BEST_WIDTH,
    singleQuote: true,
  });
}

/** Prints a top-level mapping as yaml.v2 would, ending with a newline. */
export function printGoYamlReference(data: {
  [key: string]: YamlData;
}): string {
  const text = `${mappingLines(data, 0).join('\n')}\n`;
  try {
    if (deepEqual(parse(text), data)) return text;
  } catch {
    // Falls through to the library printer.
  }
  return libraryYaml(data);
}
