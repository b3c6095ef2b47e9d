// Printing figures: progress lines, JSON blocks, aligned tables.
import fs from 'node:fs';

/** A progress line on stderr, `[hh:mm:ss] message`. */
export const log = message =>
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The figures as indented JSON on stdout. */
export const printJson = figures =>
  console.log(JSON.stringify(figures, null, 2));

/** The figures as indented JSON in `file`. */
export const writeJson = (file, figures) =>
  fs.writeFileSync(file, JSON.stringify(figures, null, 2));

/**
 * `rows` as a text table; `columns` are [key, title] pairs. The first column
 * is left-aligned, the others right-aligned; missing values are blank.
 */
export function table(rows, columns) {
  const widths = columns.map(([key, title]) =>
    Math.max(title.length, ...rows.map(r => String(r[key] ?? '').length)),
  );
  const line = cells =>
    cells
      .map((c, i) =>
        i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]),
      )
      .join('  ');
  return [
    line(columns.map(([, t]) => t)),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(r => line(columns.map(([k]) => r[k] ?? ''))),
  ].join('\n');
}
