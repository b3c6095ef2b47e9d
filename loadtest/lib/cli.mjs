// Command line helpers shared by the benchmarks.

/** `fail(message)`: prints `<name>: <message>` on stderr and exits 1. */
export const failer = name => message => {
  console.error(`${name}: ${message}`);
  process.exit(1);
};

/**
 * The first of `entries` (flag name -> parsed value) that is not a
 * non-negative number (with `integer`, integer), as a message; else undefined.
 */
export function nonNegativeProblem(entries, { integer = false } = {}) {
  for (const [flag, value] of Object.entries(entries)) {
    const ok = integer ? Number.isInteger(value) : Number.isFinite(value);
    if (!ok || value < 0) {
      return `--${flag} must be a non-negative ${
        integer ? 'integer' : 'number'
      }`;
    }
  }
  return undefined;
}

/** Like nonNegativeProblem, but prints `<prefix>: <problem>` and exits 2. */
export function checkNonNegative(prefix, entries, options) {
  const problem = nonNegativeProblem(entries, options);
  if (problem) {
    console.error(`${prefix}: ${problem}`);
    process.exit(2);
  }
}
