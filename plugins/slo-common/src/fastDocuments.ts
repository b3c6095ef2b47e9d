/**
 * A fast reading of a multi-document spec file with js-yaml (about ten
 * times faster than the `yaml` library on 5,000 SLOs), used only when it is
 * sure to give the values the `yaml` library's reading gives (parse.ts):
 * otherwise it answers `undefined` and the file is read the careful way.
 *
 * The two readings agree because js-yaml is given the YAML 1.2 core schema
 * exactly as the `yaml` library resolves it, and because files with what
 * the two treat differently are left to the careful reading: anchors and
 * aliases (the `yaml` library caps alias expansion), tags, directives
 * (`%YAML 1.1` changes the schema), collection and null mapping keys, and
 * Sloth label and annotation scalars Go reads as something else (`yes`,
 * `0777`). A file either reading finds a problem in is read carefully too.
 */
import { FAILSAFE_SCHEMA, loadAll, Type } from 'js-yaml';
import { goStringFromPlainScalar } from './goScalars';

// The `yaml` library's core schema (yaml/dist/schema/core): null, bools,
// ints in decimal, 0o octal and 0x hex, floats with .inf and .nan.
const coreNull = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const coreBool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
  construct: (text: string) => text[0] === 't' || text[0] === 'T',
  predicate: (value: unknown) => typeof value === 'boolean',
});

const coreInt = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) =>
    /^[-+]?[0-9]+$/.test(text) ||
    /^0o[0-7]+$/.test(text) ||
    /^0x[0-9a-fA-F]+$/.test(text),
  construct: (text: string) => {
    if (text.startsWith('0o')) return parseInt(text.slice(2), 8);
    if (text.startsWith('0x')) return parseInt(text.slice(2), 16);
    return parseInt(text, 10);
  },
  predicate: (value: unknown) => Number.isInteger(value),
});

/** `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+`, in two parts (no nested quantifiers). */
function isExponentFloat(text: string): boolean {
  const e = text.search(/[eE]/);
  return (
    e > 0 &&
    /^[-+]?[0-9]+$/.test(text.slice(e + 1)) &&
    /^[-+]?(?:\.[0-9]+|[0-9]+\.?[0-9]*)$/.test(text.slice(0, e))
  );
}

const coreFloat = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) =>
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text) ||
    isExponentFloat(text) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text),
  construct: (text: string) => {
    const lower = text.toLowerCase();
    if (lower.endsWith('nan')) return NaN;
    if (lower.endsWith('inf'))
      return text.startsWith('-') ? -Infinity : Infinity;
    return parseFloat(text);
  },
  predicate: (value: unknown) => typeof value === 'number',
});

const CORE_SCHEMA_AS_YAML_LIBRARY = FAILSAFE_SCHEMA.extend({
  implicit: [coreNull, coreBool, coreInt, coreFloat],
});

/**
 * Syntax the two readings treat differently: anchors, tags, directives, and
 * keys that are collections (js-yaml joins or drops them; the `yaml` library
 * prints them). Caught by spelling, so a query holding "]: " or " !=" only
 * costs the careful reading.
 */
const DIVERGENT_SYNTAX = [
  /&/,
  /(?:^|[\s[{,])!/,
  /^%/m,
  /[\]}][ \t]*:(?:\s|$)/,
  /(?:^|[\s[{,])\?(?:\s|$)/m,
];

function hasDivergentSyntax(text: string): boolean {
  return DIVERGENT_SYNTAX.some(pattern => pattern.test(text));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The forms js-yaml gives keys that were YAML null, NaN or infinities. */
const DIVERGENT_KEYS = new Set(['null', 'NaN', 'Infinity', '-Infinity']);

/**
 * Whether a label or annotation entry reads the same whether or not its
 * scalars were quoted: js-yaml does not say which were plain, and a plain
 * `yes` or `0777` is "true" or "511" to Sloth (goScalars.ts).
 */
function isLabelEntrySafe(key: string, value: unknown): boolean {
  return (
    typeof value === 'string' &&
    goStringFromPlainScalar(value) === value &&
    goStringFromPlainScalar(key) === key &&
    !DIVERGENT_KEYS.has(key) &&
    !/^[-+.0-9]/.test(key)
  );
}

/**
 * Whether every key of the value is one the `yaml` library reads the same
 * and, in a Sloth prometheus/v1 document (`sloth`), every `labels` and
 * `annotations` entry outside plugin configs is safe to read as js-yaml did.
 */
function readsAlike(value: unknown, sloth: boolean): boolean {
  if (Array.isArray(value)) return value.every(item => readsAlike(item, sloth));
  if (!isPlainObject(value)) return true;
  for (const [key, item] of Object.entries(value)) {
    if (DIVERGENT_KEYS.has(key)) return false;
    if (sloth && key === 'config') {
      if (!readsAlike(item, false)) return false;
    } else if (
      sloth &&
      (key === 'labels' || key === 'annotations') &&
      isPlainObject(item)
    ) {
      for (const [labelKey, labelValue] of Object.entries(item)) {
        if (!isLabelEntrySafe(labelKey, labelValue)) return false;
      }
    } else if (!readsAlike(item, sloth)) {
      return false;
    }
  }
  return true;
}

/**
 * The file's documents as plain values, or `undefined` when only the
 * careful reading can say what they are (or that they are invalid).
 */
export function readDocumentsFast(text: string): unknown[] | undefined {
  if (hasDivergentSyntax(text)) return undefined;
  let documents: unknown[];
  try {
    documents = loadAll(text, undefined, {
      schema: CORE_SCHEMA_AS_YAML_LIBRARY,
    });
  } catch {
    return undefined;
  }
  const same = documents.every(document =>
    readsAlike(
      document,
      isPlainObject(document) && document.version === 'prometheus/v1',
    ),
  );
  return same ? documents : undefined;
}
