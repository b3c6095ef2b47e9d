/**
 * Comparing rule files the way the Sloth oracle's README asks: parsed YAML,
 * PromQL after whitespace normalisation, number literals compared by value.
 */
import { parseAllDocuments } from 'yaml';

/**
 * Renders a Sloth golden `.tpl` file as Sloth's own test does with Go's
 * text/template: `{{ .version }}` is the version, `{{"..."}}` the literal.
 */
export function renderSlothTemplate(template: string, version: string): string {
  return template
    .replace(/\{\{ *\.version *\}\}/g, version)
    .replace(/\{\{"([^"]*)"\}\}/g, (_match, literal: string) => literal);
}

const isDigit = (char: string | undefined) =>
  char !== undefined && char >= '0' && char <= '9';
const isWordChar = (char: string | undefined) =>
  char !== undefined && /[\w.:$]/.test(char);

/**
 * Reprints each number literal from its value. A literal starts after a
 * non-word character and must not run into one ("5m" is a duration,
 * "ratio_rate5m" a name); exponents may be signed.
 */
function normalizeNumbers(expr: string): string {
  let output = '';
  let position = 0;
  while (position < expr.length) {
    const start = position;
    if (!isDigit(expr[start]) || isWordChar(expr[start - 1])) {
      output += expr[position++];
      continue;
    }
    while (isDigit(expr[position])) position++;
    if (expr[position] === '.' && isDigit(expr[position + 1])) {
      position++;
      while (isDigit(expr[position])) position++;
    }
    if (expr[position] === 'e' || expr[position] === 'E') {
      const sign =
        expr[position + 1] === '+' || expr[position + 1] === '-' ? 1 : 0;
      if (isDigit(expr[position + 1 + sign])) {
        position += 1 + sign;
        while (isDigit(expr[position])) position++;
      }
    }
    const literal = expr.slice(start, position);
    if (isWordChar(expr[position])) {
      // Part of a duration or name: copy it with the rest of the word.
      while (isWordChar(expr[position])) position++;
      output += expr.slice(start, position);
    } else {
      output += String(Number(literal));
    }
  }
  return output;
}

/**
 * Whitespace collapsed, and dropped next to operators and brackets (kept
 * only between words, as in `x and y`); every number literal reprinted from
 * its value, so `0.0009999999999999432` and `9.999999999999432e-04` match.
 */
export function normalizePromQl(expr: string): string {
  const collapsed = expr
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (?=[^\w:.])|(?<=[^\w:.]) /g, '');
  return normalizeNumbers(collapsed);
}

function normalizeTree(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    return key === 'expr' ? normalizePromQl(value) : value;
  }
  if (Array.isArray(value)) return value.map(item => normalizeTree(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, normalizeTree(v, k)]),
    );
  }
  return value;
}

/** Every YAML document of a rules file, parsed and normalised for comparison. */
export function normalizeRuleDocuments(yamlText: string): unknown[] {
  return Array.from(parseAllDocuments(yamlText)).map(document => {
    if (document.errors.length > 0) {
      throw new Error(`invalid YAML: ${document.errors[0].message}`);
    }
    return normalizeTree(document.toJS());
  });
}
