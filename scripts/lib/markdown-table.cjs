// Markdown tables for the reports scripts write under validation/.

/**
 * Markdown table lines laid out as Prettier lays them out (the reports'
 * Markdown is committed, and `./vigil test` checks formatting); cells are
 * made one line with pipes escaped.
 */
function markdownTable(rows) {
  const cells = rows.map(row =>
    row.map(c => String(c).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')),
  );
  const widths = cells[0].map((_, column) =>
    Math.max(3, ...cells.map(row => row[column].length)),
  );
  const line = row =>
    `| ${row.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(cells[0]),
    line(widths.map(width => '-'.repeat(width))),
    ...cells.slice(1).map(line),
  ];
}

module.exports = { markdownTable };
