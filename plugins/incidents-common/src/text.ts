/*
 * Text hygiene shared by the backend and the frontend: finding characters a
 * database cannot store (from common-kit), and reducing Markdown to plain
 * text for search snippets.
 */

// The NUL finder is shared with every backend's input parsing.
export { nulBytePaths } from '@vigil/common-kit';

/** A table's header separator row, e.g. `| --- | :---: |`. */
function isTableSeparator(line: string): boolean {
  if (!line.includes('|')) return false;
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  return cells.every(cell => /^\s*:?-+:?\s*$/.test(cell));
}

// Private-use code points standing in for escaped ASCII punctuation.
const ESCAPED = 0xe000;

/**
 * Markdown as plain text, for search documents and snippets: the words a
 * reader sees, without the syntax (`**`, `#`, list markers, link targets,
 * tables' pipes, HTML comments and tags). Paragraphs stay on their own lines.
 */
export function markdownToPlainText(markdown: string): string {
  // Backslash-escaped punctuation is literal: park it where no rule below
  // can read it as syntax, and put it back at the end.
  let text = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, (_m, c: string) =>
      String.fromCharCode(ESCAPED + c.charCodeAt(0)),
    );
  // HTML comments (the postmortem template's prompts) are not content.
  text = text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  let fence: string | undefined;
  const lines = text.split('\n').flatMap(line => {
    // Fenced code: keep the code, drop the fences and their info string.
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
        return [];
      }
      return [line];
    }
    if (marker) {
      fence = marker;
      return [];
    }
    let l = line;
    // Thematic breaks, setext underlines and table separator rows.
    if (/^(?:-{3,}|\*{3,}|_{3,})$/.test(l.replace(/\s/g, ''))) return [''];
    if (/^\s*=+\s*$/.test(l)) return [];
    if (isTableSeparator(l)) return [];
    // Block quotes, headings, list markers and task boxes.
    while (/^\s*>/.test(l)) l = l.replace(/^\s*> ?/, '');
    l = l.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '');
    const item = l.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '');
    if (item !== l) l = item.replace(/^\[[ xX]\]\s+/, '');
    // Table rows: cells separated by spaces.
    if (/^\s*\|.*\|\s*$/.test(l)) {
      l = l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map(cell => cell.trim())
        .filter(Boolean)
        .join(' ');
    }
    return [l];
  });
  text = lines.join('\n');
  // Images keep their alt text; links their text; autolinks their URL.
  // (Bounded, bracket-free parts keep every pattern linear on any input.)
  text = text.replace(/!\[([^[\]\n]{0,1000})\]\([^()\n]{0,2000}\)/g, '$1');
  text = text.replace(/\[([^[\]\n]{1,1000})\]\([^()\n]{0,2000}\)/g, '$1');
  text = text.replace(/\[([^[\]\n]{1,1000})\]\[[^[\]\n]{0,1000}\]/g, '$1');
  text = text.replace(/^[ \t]*\[[^[\]\n]{1,1000}\]:[ \t]+\S[^\n]*$/gm, '');
  text = text.replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1');
  // Inline HTML tags.
  text = text.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])[^<>]*>/g, '');
  // Inline code, then emphasis and strikethrough (the inner text stays).
  text = text.replace(
    /(?<!`)(`{1,3})(?!`)([^`\n]{1,2000})\1(?!`)/g,
    (_m, _ticks, code: string) => code.trim(),
  );
  for (let i = 0; i < 2; i++) {
    text = text
      .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
      .replace(/~~(?=\S)([^\n]*?\S)~~/g, '$1');
  }
  text = text.replace(/[\uE000-\uE07F]/g, c =>
    String.fromCharCode(c.charCodeAt(0) - ESCAPED),
  );
  return text
    .split('\n')
    .map(line => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
