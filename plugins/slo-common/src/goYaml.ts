/**
 * A YAML printer for rule files that lays text out as Go's yaml.v2 does in
 * Sloth (so output can be diffed against Sloth's): block sequences flush
 * with their key, multi-line strings as literal blocks, strings that would
 * read back as numbers in double quotes, and long lines folded at the first
 * space past column 80 (goYamlScalars.ts writes each string). If a string
 * cannot be shown to read back as itself, the whole document is parsed
 * back and compared, and if anything differs the `yaml` library prints the
 * whole document instead.
 */
import { Document, parse, Scalar, visit } from 'yaml';
import {
  BEST_WIDTH,
  INDENT,
  keyScalar,
  mappingValueScalar,
  PrintState,
  readsAsNonString,
  sequenceItemScalar,
} from './goYamlScalars';

/** Plain data as found in rule files: strings in mappings and sequences. */
export type YamlData = string | YamlData[] | { [key: string]: YamlData };

function isMapping(value: YamlData): value is { [key: string]: YamlData } {
  return typeof value === 'object' && !Array.isArray(value);
}

/**
 * Appends the lines of a non-empty mapping whose keys start at `indent`;
 * the first line starts with `lead` (spaces, or a sequence's dashes, as
 * long as `indent`).
 */
function printMapping(
  value: { [key: string]: YamlData },
  indent: number,
  lead: string,
  state: PrintState,
  out: string[],
): void {
  const pad = ' '.repeat(indent);
  let first = true;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const prefix = `${first ? lead : pad}${keyScalar(key, indent, state)}:`;
    first = false;
    if (typeof item === 'string') {
      out.push(
        `${prefix} ${mappingValueScalar(
          item,
          prefix.length + 1,
          indent,
          state,
        )}`,
      );
    } else if (Array.isArray(item)) {
      if (item.length === 0) {
        out.push(`${prefix} []`);
      } else {
        out.push(prefix);
        printSequence(item, indent, pad, state, out);
      }
    } else {
      if (typeof item !== 'object') state.unproven = true;
      if (Object.keys(item).length === 0) {
        out.push(`${prefix} {}`);
      } else {
        out.push(prefix);
        printMapping(
          item,
          indent + INDENT,
          pad + ' '.repeat(INDENT),
          state,
          out,
        );
      }
    }
  }
}

/**
 * Appends the lines of a non-empty block sequence whose dashes are at
 * `indent` (flush with the key); the first line starts with `lead`.
 */
function printSequence(
  items: YamlData[],
  indent: number,
  lead: string,
  state: PrintState,
  out: string[],
): void {
  const pad = ' '.repeat(indent);
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const dash = `${index === 0 ? lead : pad}- `;
    if (typeof item === 'string') {
      out.push(`${dash}${sequenceItemScalar(item, indent, state)}`);
    } else if (isMapping(item)) {
      if (Object.keys(item).length === 0) out.push(`${dash}{}`);
      // The first key moves up next to the dash.
      else printMapping(item, indent + INDENT, dash, state, out);
    } else if (!Array.isArray(item) || item.length === 0) {
      // Not data of the declared type: left to the whole-document check.
      if (!Array.isArray(item)) state.unproven = true;
      out.push(`${dash}[]`);
    } else {
      printSequence(item, indent + INDENT, dash, state, out);
    }
  }
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
export function printGoYaml(data: { [key: string]: YamlData }): string {
  const state: PrintState = { unproven: false };
  const lines: string[] = [];
  printMapping(data, 0, '', state, lines);
  const text = `${lines.join('\n')}\n`;
  // An empty document does not read back as a mapping.
  if (!state.unproven && lines.length > 0) return text;
  try {
    if (deepEqual(parse(text), data)) return text;
  } catch {
    // Falls through to the library printer.
  }
  return libraryYaml(data);
}
