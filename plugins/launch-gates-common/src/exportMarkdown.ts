import type { ExportedCheck, ReviewExport } from './exportDocument';

/**
 * The export document as a readable Go/No-Go record (Markdown): the JSON is
 * the evidence tools read, this is what people read and commit beside it.
 */

/** Text safe inside a table cell or a list item: one line, no bare pipes. */
function cell(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** A table laid out as Prettier lays it out, so committed exports stay formatted. */
function table(rows: readonly (readonly string[])[]): string[] {
  const cells = rows.map(row => row.map(cell));
  const widths = cells[0].map((_, column) =>
    Math.max(3, ...cells.map(row => row[column].length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(cells[0]),
    line(widths.map(width => '-'.repeat(width))),
    ...cells.slice(1).map(line),
  ];
}

const STATUS_WORDS: Record<string, string> = {
  pass: 'pass',
  fail: 'FAIL',
  unknown: 'unknown',
  pending: 'pending',
  waived: 'waived',
};

function decisionWords(decision: 'go' | 'no-go'): string {
  return decision === 'go' ? 'Go' : 'No-Go';
}

function valueWords(value: unknown): string {
  return value === null || value === undefined ? 'unknown' : String(value);
}

function outcomeMark(passed: boolean | null): string {
  if (passed === null) return 'could not be judged';
  return passed ? 'met' : 'NOT met';
}

function checkEvidence(check: ExportedCheck, doc: ReviewExport): string[] {
  const lines: string[] = [
    `#### ${cell(check.title)} (\`${check.id}\`)`,
    '',
    `- Status: **${STATUS_WORDS[check.effectiveStatus]}**${
      check.effectiveStatus !== check.status
        ? ` (measured ${check.status})`
        : ''
    }, ${check.blocking ? 'blocking' : 'not blocking'}, ${
      check.type === 'automated'
        ? `automated by \`${check.provider}\``
        : `manual, answered by ${check.answeredBy}`
    }`,
    `- Summary: ${cell(check.summary) || '(none)'}`,
  ];
  if (check.question) lines.push(`- Question: ${cell(check.question)}`);
  lines.push(`- Last evaluated: ${check.evaluatedAt ?? 'never'}`);
  const { evidence } = check;
  if (evidence) {
    const measures = Object.entries(evidence.measurements);
    if (measures.length > 0) {
      lines.push(
        `- Measurements: ${measures
          .map(([name, value]) => `${name} ${cell(valueWords(value))}`)
          .join(', ')}`,
      );
    }
    if (evidence.outcomes.length > 0) {
      lines.push('- Pass rule:');
      for (const outcome of evidence.outcomes) {
        lines.push(
          `  - \`${cell(outcome.description)}\`: ${outcomeMark(
            outcome.passed,
          )}`,
        );
      }
    }
    if (evidence.reason) lines.push(`- Reason: ${cell(evidence.reason)}`);
    if (evidence.observedAt) {
      lines.push(`- Source data taken at: ${evidence.observedAt}`);
    }
    for (const link of evidence.links) {
      lines.push(`- Link: [${cell(link.title)}](${link.url})`);
    }
  }
  const answer = doc.answers.find(a => a.id === check.answerId);
  if (answer) {
    lines.push(
      `- Answer: **${answer.answer}** by ${answer.answeredBy} at ${
        answer.answeredAt
      }: ${cell(answer.comment)}${
        answer.link ? ` ([link](${answer.link}))` : ''
      }${
        answer.attachment
          ? ` (file ${cell(answer.attachment.filename)}, sha256 \`${
              answer.attachment.sha256
            }\`)`
          : ''
      }`,
    );
  }
  const waiver = doc.waivers.find(w => w.id === check.waiverId);
  if (waiver) {
    lines.push(
      `- Waived by ${waiver.createdBy} until ${waiver.expiresAt}: ${cell(
        waiver.reason,
      )}`,
    );
  }
  if (check.evidenceHash) {
    lines.push(`- Evidence hash: \`${check.evidenceHash}\``);
  }
  lines.push('');
  return lines;
}

function header(doc: ReviewExport): string[] {
  const { review, decision } = doc;
  const entity = review.entityTitle
    ? `${review.entityTitle} (\`${review.entityRef}\`)`
    : `\`${review.entityRef}\``;
  const c = review.counts;
  return [
    `# Go/No-Go: ${cell(review.title)}`,
    '',
    ...table([
      ['Review', cell(review.id)],
      ['Entity', entity],
      ['Template', `${review.templateTitle} (\`${review.templateName}\`)`],
      ['Target date', review.targetDate],
      ['State', `**${review.state}**`],
      [
        'Decision',
        decision
          ? `**${decisionWords(decision.decision)}** by ${
              decision.signedBy
            } at ${decision.signedAt}`
          : 'none yet',
      ],
      ['Product owners', review.productOwners.join(', ') || '(none)'],
      [
        'Checks',
        `${c.pass} pass, ${c.fail} fail, ${c.unknown} unknown, ${c.pending} pending, ${c.waived} waived`,
      ],
      [
        'Blocking a Go',
        review.blockers.length > 0
          ? review.blockers.map(b => `\`${b}\``).join(', ')
          : 'nothing',
      ],
      ['Evidence hash', `\`${review.evidenceHash}\``],
      [
        'Opened',
        `${review.createdAt} by ${review.createdBy}; last evaluated ${
          review.lastEvaluatedAt ?? 'never'
        }`,
      ],
      ['Exported', `${doc.exportedAt} by ${doc.exportedBy}`],
    ]),
    '',
  ];
}

/**
 * The export as Markdown: a header (entity, template, target date, state,
 * decision), a table per gate, the evidence of each check, the waivers with
 * their reason and expiry, the sign-offs (who, when, decision, comment,
 * evidence hash) and the history.
 * @public
 */
export function renderReviewMarkdown(doc: ReviewExport): string {
  const lines = header(doc);
  for (const gate of doc.gates) {
    lines.push(`## ${cell(gate.title)}: ${STATUS_WORDS[gate.status]}`, '');
    if (gate.description) lines.push(cell(gate.description), '');
    lines.push(
      ...table([
        ['Check', 'Kind', 'Blocking', 'Status', 'Summary', 'Evaluated'],
        ...gate.checks.map(check => [
          `${check.title} (\`${check.id}\`)`,
          check.type === 'automated' ? `${check.provider}` : 'manual',
          check.blocking ? 'yes' : 'no',
          STATUS_WORDS[check.effectiveStatus],
          check.summary,
          check.evaluatedAt ?? 'never',
        ]),
      ]),
      '',
    );
    for (const check of gate.checks) lines.push(...checkEvidence(check, doc));
  }

  lines.push('## Waivers', '');
  if (doc.waivers.length === 0) {
    lines.push('None.', '');
  } else {
    lines.push(
      ...table([
        ['Check', 'Reason', 'Expires', 'Granted by', 'Granted at', 'Now'],
        ...doc.waivers.map(w => [
          `\`${w.checkId}\``,
          w.reason,
          w.expiresAt,
          w.createdBy,
          w.createdAt,
          w.expired ? 'expired' : 'active',
        ]),
      ]),
      '',
    );
  }

  lines.push('## Sign-offs', '');
  if (doc.signOffs.length === 0) {
    lines.push('None yet.', '');
  } else {
    lines.push(
      ...table([
        ['Signed at', 'By', 'Decision', 'Comment', 'Evidence hash', 'Waivers'],
        ...doc.signOffs.map(s => [
          s.signedAt,
          s.signedBy,
          decisionWords(s.decision),
          s.comment,
          `\`${s.evidenceHash}\``,
          s.waiverIds.length > 0 ? s.waiverIds.join(', ') : 'none',
        ]),
      ]),
      '',
    );
  }

  lines.push('## History', '');
  if (doc.events.length === 0) lines.push('No events.');
  for (const event of doc.events) {
    const data = Object.keys(event.data).length
      ? `: \`${cell(JSON.stringify(event.data))}\``
      : '';
    lines.push(`- ${event.at} ${event.type} by ${event.actor}${data}`);
  }
  lines.push(
    '',
    `Export schema version ${doc.schemaVersion}; the JSON beside this file is the evidence.`,
    '',
  );
  return lines.join('\n');
}
