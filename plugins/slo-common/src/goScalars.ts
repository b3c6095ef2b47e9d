/**
 * Unquoted YAML scalars read into Go string fields, as Sloth reads
 * `version: prometheus/v1` specs: sigs.k8s.io/yaml resolves each plain
 * scalar with yaml.v2 (YAML 1.1: `yes`, `on`, `0777`, `1_000`...) and, when
 * the target field is a string, prints a bool, int or float as a string
 * (floats with `strconv.FormatFloat(f, 'g', -1, 32)`). `labels` and
 * `annotations` are such fields, so `generated: true` and `actual_le: 0.2`
 * are the strings "true" and "0.2" there.
 */
import { Document, isMap, isPair, isScalar, Scalar, visit } from 'yaml';
import { formatGoFloat32 } from './goFormat';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set('y Y yes Yes YES true True TRUE on On ON'.split(' '));
const FALSES = new Set('n N no No NO false False FALSE off Off OFF'.split(' '));
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};
/**
 * yaml.v2's `yamlStyleFloat`, `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`,
 * checked in two parts (no nested quantifiers).
 */
function isYamlStyleFloat(text: string): boolean {
  const e = text.search(/[eE]/);
  if (e >= 0 && !/^[-+]?[0-9]+$/.test(text.slice(e + 1))) return false;
  const mantissa = e >= 0 ? text.slice(0, e) : text;
  return /^[-+]?(?:\.[0-9]+|[0-9]+\.?[0-9]*)$/.test(mantissa);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's `strconv.ParseInt(text, 0, 64)` / `ParseUint`, without underscores. */
function parseGoInteger(text: string, signed: boolean): bigint | undefined {
  const match =
    /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(
      text,
    );
  if (!match || (!signed && match[1] !== '')) return undefined;
  const body = match[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body); // decimal, 0x and 0b read as in Go
  const value = match[1] === '-' ? -magnitude : magnitude;
  if (signed ? value < INT64_MIN || value > INT64_MAX : value > UINT64_MAX) {
    return undefined;
  }
  return value;
}

/**
 * What a plain (unquoted, untagged) scalar becomes in a Go string field of
 * a Sloth spec: `null` for YAML null (which leaves the field empty), else
 * the string Sloth sees. Anything not a bool or a number keeps its text.
 */
export function goStringFromPlainScalar(text: string): string | null {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return 'true';
  if (FALSES.has(text)) return 'false';
  if (text in SPECIAL_FLOATS) return formatGoFloat32(SPECIAL_FLOATS[text]);
  const first = text[0];
  if (first === '.') {
    const value = Number(text);
    // Go's ParseFloat also reads this; out-of-range values stay strings.
    return isYamlStyleFloat(text) && Number.isFinite(value)
      ? formatGoFloat32(value)
      : text;
  }
  if (!/^[-+0-9]/.test(first)) return text;
  const plain = text.replace(/_/g, '');
  const integer = parseGoInteger(plain, true) ?? parseGoInteger(plain, false);
  if (integer !== undefined) return integer.toString();
  if (isYamlStyleFloat(plain)) {
    const value = Number(plain);
    // ParseFloat fails on overflow (±Inf), so such text stays a string.
    if (Number.isFinite(value)) return formatGoFloat32(value);
  }
  return text;
}

const LABEL_MAP_KEYS = new Set(['labels', 'annotations']);

/**
 * Rewrites, in place, every plain scalar key and value of the `labels` and
 * `annotations` mappings of a Sloth prometheus/v1 document to the string
 * Sloth reads; plugin configs (opaque JSON to Sloth) are left alone.
 */
export function coerceSlothLabelScalars(document: Document.Parsed): void {
  visit(document, {
    Pair(_key, pair, path) {
      if (!isScalar(pair.key) || !LABEL_MAP_KEYS.has(String(pair.key.value))) {
        return undefined;
      }
      const insideConfig = path.some(
        node =>
          isPair(node) && isScalar(node.key) && node.key.value === 'config',
      );
      if (insideConfig || !isMap(pair.value)) return undefined;
      for (const item of pair.value.items) {
        for (const node of [item.key, item.value]) {
          if (isScalar(node)) coerceScalar(node);
        }
      }
      return visit.SKIP;
    },
  });
}

function coerceScalar(node: Scalar) {
  // Quoted, block and explicitly tagged scalars are strings (or errors) to
  // Go as they are to the `yaml` library.
  if (node.type !== Scalar.PLAIN || node.tag) return;
  const text = node.source ?? String(node.value);
  const value = goStringFromPlainScalar(text);
  if (value !== null) node.value = value;
}
