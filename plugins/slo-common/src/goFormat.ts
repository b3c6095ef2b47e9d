/**
 * Number formatting that reproduces Go's, because Sloth prints floats with
 * Go's `%g`/`%v` (rule expressions) and `strconv.FormatFloat(f, 'f', -1, 64)`
 * (the `sloth_objective` label). Both Go and JavaScript print the shortest
 * decimal that round-trips, so only the choice of notation differs.
 */

interface ShortestDecimal {
  negative: boolean;
  /** Significant digits without leading or trailing zeros, e.g. "9990000000000001". */
  digits: string;
  /** Decimal exponent of the first digit: 0.999 -> -1, 30 -> 1. */
  exponent: number;
}

function decimalOf(negative: boolean, exponential: string): ShortestDecimal {
  const [mantissa, exponent] = exponential.split('e');
  return {
    negative,
    digits: mantissa.replace('.', ''),
    exponent: Number(exponent),
  };
}

function shortestDecimal(value: number): ShortestDecimal {
  // toExponential() without an argument gives the shortest round-trip digits.
  return decimalOf(value < 0, Math.abs(value).toExponential());
}

/** The fewest digits that read back as the same float32 (Go's bitSize 32). */
function shortestDecimal32(value: number): ShortestDecimal {
  const single = Math.abs(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = single.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === single) {
      return decimalOf(value < 0, candidate.replace(/\.?0+e/, 'e'));
    }
  }
  // Nine significant digits always identify a float32.
  return decimalOf(value < 0, single.toExponential(8).replace(/\.?0+e/, 'e'));
}

function nonFinite(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return undefined;
}

function fixedNotation({ digits, exponent }: ShortestDecimal): string {
  if (exponent < 0) {
    return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  if (digits.length <= exponent + 1) {
    return digits + '0'.repeat(exponent + 1 - digits.length);
  }
  return `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** Go's `fmt.Sprintf("%g", v)` (and `%v`, which is the same for float64). */
export function formatGoFloat(value: number): string {
  const special = nonFinite(value);
  if (special) return special;
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return formatShortestG(shortestDecimal(value));
}

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 32)`: the value rounded to float32,
 * in its shortest form. sigs.k8s.io/yaml prints YAML floats this way when
 * they are read into a string field.
 */
export function formatGoFloat32(value: number): string {
  const single = Math.fround(value);
  const special = nonFinite(single);
  if (special) return special;
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  return formatShortestG(shortestDecimal32(single));
}

function formatShortestG(decimal: ShortestDecimal): string {
  const sign = decimal.negative ? '-' : '';
  // Go switches to %e when the exponent is < -4 or >= 6 for shortest output.
  if (decimal.exponent < -4 || decimal.exponent >= 6) {
    const mantissa =
      decimal.digits.length > 1
        ? `${decimal.digits[0]}.${decimal.digits.slice(1)}`
        : decimal.digits;
    const expSign = decimal.exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(decimal.exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${expSign}${expDigits}`;
  }
  return sign + fixedNotation(decimal);
}

/** Go's `strconv.FormatFloat(v, 'f', -1, 64)`: never uses an exponent. */
export function formatGoFloatFixed(value: number): string {
  const special = nonFinite(value);
  if (special) return special;
  if (value === 0) return '0';
  const decimal = shortestDecimal(value);
  return (decimal.negative ? '-' : '') + fixedNotation(decimal);
}
