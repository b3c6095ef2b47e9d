/**
 * Prometheus durations ("5m", "1h30m", "4w"), parsed and printed the way
 * Prometheus' `model.Duration` does, so window names match Sloth's output
 * (a 28d period records `slo:sli_error:ratio_rate4w`).
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const YEAR_MS = 365 * DAY_MS;

/** Units in the only order Prometheus accepts them, largest first. */
const UNITS: ReadonlyArray<{ unit: string; ms: number }> = [
  { unit: 'y', ms: YEAR_MS },
  { unit: 'w', ms: WEEK_MS },
  { unit: 'd', ms: DAY_MS },
  { unit: 'h', ms: HOUR_MS },
  { unit: 'm', ms: MINUTE_MS },
  { unit: 's', ms: SECOND_MS },
  { unit: 'ms', ms: 1 },
];

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/**
 * Parses a Prometheus duration into milliseconds; `undefined` if it is not one.
 * Accepts "0" and unit sequences like "1h30m" (units largest first, each once).
 */
export function parsePromDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text.length === 0) return undefined;
  let total = 0;
  let position = 0;
  let lastUnitIndex = -1;
  while (position < text.length) {
    const digitsStart = position;
    while (isDigit(text[position])) position++;
    if (position === digitsStart) return undefined;
    const amount = Number(text.slice(digitsStart, position));
    // "ms" must be tried before "m".
    const unitChar = text[position];
    const unitIndex = text.startsWith('ms', position)
      ? UNITS.length - 1
      : UNITS.findIndex(u => u.unit === unitChar);
    if (unitIndex < 0 || unitIndex <= lastUnitIndex) return undefined;
    position += UNITS[unitIndex].unit.length;
    lastUnitIndex = unitIndex;
    total += amount * UNITS[unitIndex].ms;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Prints milliseconds as Prometheus does: years and weeks only when exact
 * (90d stays "90d", 28d becomes "4w"), then days, hours, minutes, seconds, ms.
 */
export function formatPromDuration(milliseconds: number): string {
  if (milliseconds === 0) return '0s';
  let remaining = milliseconds;
  let result = '';
  for (const { unit, ms } of UNITS) {
    const onlyIfExact = unit === 'y' || unit === 'w';
    if (onlyIfExact && remaining % ms !== 0) continue;
    const amount = Math.floor(remaining / ms);
    if (amount > 0) {
      result += `${amount}${unit}`;
      remaining -= amount * ms;
    }
  }
  return result;
}

/** "24h" -> "1d", "28d" -> "4w"; `undefined` if not a duration. */
export function normalizePromDuration(text: string): string | undefined {
  const ms = parsePromDuration(text);
  return ms === undefined ? undefined : formatPromDuration(ms);
}

/**
 * Go's `time.Duration.Hours()`: whole hours plus the fractional remainder,
 * computed the same way so burn-rate factors match Sloth to the last bit.
 */
export function durationHours(milliseconds: number): number {
  const wholeHours = Math.trunc(milliseconds / HOUR_MS);
  return wholeHours + (milliseconds % HOUR_MS) / HOUR_MS;
}
