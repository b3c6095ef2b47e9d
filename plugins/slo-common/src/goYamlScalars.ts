/**
 * How the rule-file printer writes one string, as Go's yaml.v2 does in
 * Sloth: plain when it reads back as itself, in quotes when not, literal
 * blocks for multi-line text, long lines folded past column 80.
 *
 * Two paths give the same text. Strings of the shapes rule files are made
 * of (printable ASCII, no YAML indicator up front, nothing that reads as a
 * number, boolean or null) are known to print plain or as a plain literal
 * block, and to read back unchanged: they are written directly. Anything
 * else is quoted by the `yaml` library and the result is checked by
 * parsing it back in the same position; when that check fails the caller
 * checks the whole document (see goYaml.ts).
 */
import { Document, parse, Scalar, stringify } from 'yaml';

/** yaml.v2's `best_width`. */
export const BEST_WIDTH = 80;
export const INDENT = 2;

/** Whether a string printed so far reads back as itself; set by the scalar functions. */
export interface PrintState {
  unproven: boolean;
}

/**
 * Whether a string would read back as another type (number, boolean, null,
 * timestamp) under YAML 1.1; yaml.v2 double-quotes those.
 */
export function readsAsNonString(text: string): boolean {
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

export function doubleQuoted(text: string): string {
  const document = new Document(text);
  (document.contents as Scalar).type = Scalar.QUOTE_DOUBLE;
  return document.toString({ lineWidth: 0 }).trimEnd();
}

// Asking the `yaml` library how to quote a string costs a parse; the
// strings that need it (objectives, windows, templated annotations) repeat.
const inlineScalarCache = new Map<string, string>();
const INLINE_SCALAR_CACHE_LIMIT = 20_000;

/** The one-line form of a string: plain, 'single' or "double" quoted. */
function libraryInlineScalar(text: string): string {
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

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
/**
 * First characters that are YAML indicators, start a number or `~` (YAML
 * 1.1 or 1.2), a document marker, a merge key `<<`, or a space.
 */
const UNSAFE_FIRST_CHARACTER = /^[-?:,[\]{}#&*!|>'"%@`+.~< ]/;
/**
 * Characters of YAML 1.1 and 1.2 numbers (binary, octal, hex, sexagesimal,
 * exponents, .inf, .nan) and timestamps: a string starting with a digit
 * and holding any other character reads as a string.
 */
const NUMERIC_CHARACTERS = /^[0-9a-fA-FxXoObBtTzZiInN_.+\-: ]*$/;
/** Words YAML 1.1 or 1.2 reads as booleans or null. */
const YAML_WORDS =
  /^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL)$/;

/**
 * Whether a one-line string prints plain, as itself, and reads back as
 * itself: the `yaml` library's plain-scalar rules narrowed to printable
 * ASCII and to strings no YAML 1.1 or 1.2 type other than string matches.
 */
function isPlainSafe(text: string): boolean {
  return (
    PRINTABLE_ASCII.test(text) &&
    !UNSAFE_FIRST_CHARACTER.test(text) &&
    !(text[0] >= '0' && text[0] <= '9' && NUMERIC_CHARACTERS.test(text)) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(' ') &&
    !text.endsWith(':') &&
    !YAML_WORDS.test(text) &&
    text !== '__proto__'
  );
}

/** Printable ASCII lines, the first not starting with a blank or empty. */
const LITERAL_SAFE = /^[\x21-\x7e][\x20-\x7e\n]*$/;
const BLANK_LINE = /(?:^|\n) +(?:\n|$)/;

/** Whether a multi-line string is a literal block without indentation indicator. */
function isLiteralSafe(text: string): boolean {
  return LITERAL_SAFE.test(text) && !BLANK_LINE.test(text);
}

/**
 * Folds a one-line scalar as yaml.v2 does: a single space becomes a line
 * break when the line is already past column 80 (breaks go before, never
 * inside, a word; quotes are not broken next to).
 */
function fold(rendered: string, startColumn: number, indent: number): string {
  // A break needs a space past column 80 with a character after it.
  if (startColumn + rendered.length - 2 <= BEST_WIDTH) return rendered;
  const quoted = rendered.startsWith("'") || rendered.startsWith('"');
  const last = rendered.length - 1;
  // Spaces are visited in order; the text between breaks is copied whole.
  let output = '';
  let segmentStart = 0;
  let segmentColumn = startColumn;
  for (
    let space = rendered.indexOf(' ');
    space !== -1;
    space = rendered.indexOf(' ', space + 1)
  ) {
    if (
      segmentColumn + (space - segmentStart) > BEST_WIDTH &&
      space < last &&
      rendered[space + 1] !== ' ' &&
      rendered[space - 1] !== ' ' &&
      (!quoted || (space > 1 && space < last - 1))
    ) {
      output += `${rendered.slice(segmentStart, space)}\n${' '.repeat(indent)}`;
      segmentStart = space + 1;
      segmentColumn = indent;
    }
  }
  return output + rendered.slice(segmentStart);
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

/** A value after "key: " or "- ", as yaml.v2 prints it (any string). */
function libraryValueScalar(
  text: string,
  startColumn: number,
  continuationIndent: number,
): string {
  if (text.includes('\n')) {
    return literalBlock(text, continuationIndent) ?? doubleQuoted(text);
  }
  return fold(libraryInlineScalar(text), startColumn, continuationIndent);
}

/** A line break before a line with content (empty lines are not indented). */
const NEXT_NON_EMPTY_LINE = /\n(?=[^\n])/g;

/** Continuation lines of a folded plain scalar that start with a word. */
const SAFE_CONTINUATION = /\n *[^ A-Za-z0-9_({$]/;

// Rule files repeat their keys and their short values (label values,
// windows, ids per SLO): the fast path's answers for those are kept by
// position. Long ones (queries) rarely repeat and would cost a hash each.
const CACHED_VALUE_LENGTH = 64;
const fastValueCache = new Map<number, Map<string, string | undefined>>();
const FAST_VALUE_CACHE_LIMIT = 50_000;
const plainKeys = new Set<string>();
const PLAIN_KEYS_LIMIT = 10_000;

/** {@link renderFastValueScalar}, remembered. */
function fastValueScalar(
  text: string,
  startColumn: number,
  continuationIndent: number,
): string | undefined {
  if (text.length > CACHED_VALUE_LENGTH) {
    return renderFastValueScalar(text, startColumn, continuationIndent);
  }
  const position = startColumn * 1024 + continuationIndent;
  let cache = fastValueCache.get(position);
  if (!cache) {
    cache = new Map();
    fastValueCache.set(position, cache);
  }
  if (cache.has(text)) return cache.get(text);
  const rendered = renderFastValueScalar(text, startColumn, continuationIndent);
  if (cache.size >= FAST_VALUE_CACHE_LIMIT) cache.clear();
  cache.set(text, rendered);
  return rendered;
}

/** The fast path's rendering of a value, or `undefined` to take the checked one. */
function renderFastValueScalar(
  text: string,
  startColumn: number,
  continuationIndent: number,
): string | undefined {
  if (!text.includes('\n')) {
    if (!isPlainSafe(text)) return undefined;
    const folded = fold(text, startColumn, continuationIndent);
    return folded === text || !SAFE_CONTINUATION.test(folded)
      ? folded
      : undefined;
  }
  if (!isLiteralSafe(text)) return undefined;
  // literalBlock() for text of no blank line and no leading blank.
  const pad = ' '.repeat(continuationIndent);
  if (!text.endsWith('\n')) {
    return `|-\n${pad}${text.replace(NEXT_NON_EMPTY_LINE, `\n${pad}`)}`;
  }
  const body = text.slice(0, -1);
  return `|${text.endsWith('\n\n') ? '+' : ''}\n${pad}${body.replace(
    NEXT_NON_EMPTY_LINE,
    `\n${pad}`,
  )}`;
}

// Checked renderings by position; rule files repeat the same few.
const checkedCache = new Map<
  string,
  { rendered: string; readsBack: boolean }
>();
const CHECKED_CACHE_LIMIT = 20_000;

function checked(
  cacheKey: string,
  render: () => string,
  readsBack: (rendered: string) => boolean,
  state: PrintState,
): string {
  let entry = checkedCache.get(cacheKey);
  if (!entry) {
    const rendered = render();
    let ok = false;
    try {
      ok = readsBack(rendered);
    } catch {
      // A parse error: not read back.
    }
    entry = { rendered, readsBack: ok };
    if (checkedCache.size >= CHECKED_CACHE_LIMIT) checkedCache.clear();
    checkedCache.set(cacheKey, entry);
  }
  if (!entry.readsBack) state.unproven = true;
  return entry.rendered;
}

function isOnlyEntry(value: unknown, key: string, expected: string): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === key &&
    (value as Record<string, unknown>)[key] === expected
  );
}

/** A mapping key at `indent` (never folded). */
export function keyScalar(
  key: string,
  indent: number,
  state: PrintState,
): string {
  if (plainKeys.has(key)) return key;
  // Implicit keys are limited to 1024 characters.
  if (key.length <= 1000 && isPlainSafe(key)) {
    if (plainKeys.size >= PLAIN_KEYS_LIMIT) plainKeys.clear();
    plainKeys.add(key);
    return key;
  }
  return checked(
    `key\0${indent}\0${key}`,
    () => libraryInlineScalar(key),
    rendered =>
      isOnlyEntry(parse(`${' '.repeat(indent)}${rendered}: x\n`), key, 'x'),
    state,
  );
}

/** A mapping value following "key: " at `startColumn`, the key at `keyIndent`. */
export function mappingValueScalar(
  text: string,
  startColumn: number,
  keyIndent: number,
  state: PrintState,
): string {
  const fast = fastValueScalar(text, startColumn, keyIndent + INDENT);
  if (fast !== undefined) return fast;
  return checked(
    `value\0${startColumn}\0${keyIndent}\0${text}`,
    () => libraryValueScalar(text, startColumn, keyIndent + INDENT),
    rendered =>
      isOnlyEntry(parse(`${' '.repeat(keyIndent)}k: ${rendered}\n`), 'k', text),
    state,
  );
}

/** A sequence item following the "- " whose dash is at `indent`. */
export function sequenceItemScalar(
  text: string,
  indent: number,
  state: PrintState,
): string {
  const startColumn = indent + INDENT;
  const fast = fastValueScalar(text, startColumn, indent + INDENT);
  if (fast !== undefined) return fast;
  return checked(
    `item\0${indent}\0${text}`,
    () => libraryValueScalar(text, startColumn, indent + INDENT),
    rendered => {
      const value: unknown = parse(`${' '.repeat(indent)}- ${rendered}\n`);
      return Array.isArray(value) && value.length === 1 && value[0] === text;
    },
    state,
  );
}
