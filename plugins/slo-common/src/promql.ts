/**
 * Checks on the PromQL query templates of SLIs. Sloth renders them as Go
 * templates with `{{.window}}` as the only variable and then parses the
 * result with the Prometheus parser; here the template is checked exactly and
 * the PromQL structurally (brackets, quotes), which catches the usual slips
 * without shipping a PromQL parser to the browser.
 */

/** Sloth's own pattern for the window variable: `{{ *\.window *}}`. */
const WINDOW_ACTION = /\{\{ *\.window *\}\}/;
const ONLY_WINDOW_ACTION = /^\{\{ *\.window *\}\}$/;
const WINDOW_ACTION_GLOBAL = /\{\{ *\.window *\}\}/g;

/** Replaces every `{{.window}}` with a Prometheus duration such as "5m". */
export function renderWindowTemplate(queryTemplate: string, window: string) {
  return queryTemplate.replace(WINDOW_ACTION_GLOBAL, window);
}

/**
 * Problems with the template itself: `{{.window}}` missing, a template action
 * other than `{{.window}}`, or an unclosed `{{`. `undefined` if fine.
 */
export function findQueryTemplateProblem(queryTemplate: string) {
  let searchFrom = 0;
  for (;;) {
    const open = queryTemplate.indexOf('{{', searchFrom);
    if (open < 0) break;
    const close = queryTemplate.indexOf('}}', open + 2);
    if (close < 0) {
      return `has an unclosed template action "{{" at offset ${open}`;
    }
    const action = queryTemplate.slice(open, close + 2);
    if (!ONLY_WINDOW_ACTION.test(action)) {
      return `uses the template action ${action}, but {{.window}} is the only one available`;
    }
    searchFrom = close + 2;
  }
  if (!WINDOW_ACTION.test(queryTemplate)) {
    return 'must use the {{.window}} template variable for the range (e.g. [{{.window}}])';
  }
  return undefined;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Structural PromQL check of a rendered query: balanced (), [], {} outside
 * string literals, terminated strings, and something besides comments.
 * Returns a description of the first problem, or `undefined`.
 */
export function findPromQlSyntaxProblem(query: string): string | undefined {
  const open: Array<{ char: string; offset: number }> = [];
  let hasContent = false;
  let position = 0;
  while (position < query.length) {
    const char = query[position];
    if (char === '#') {
      // A comment runs to the end of the line.
      const newline = query.indexOf('\n', position);
      position = newline < 0 ? query.length : newline + 1;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      const start = position;
      position++;
      while (position < query.length && query[position] !== char) {
        // Backslash escapes exist in "..." and '...' but not in raw `...`.
        position += query[position] === '\\' && char !== '`' ? 2 : 1;
      }
      if (position >= query.length) {
        return `has an unterminated string starting at offset ${start}`;
      }
      hasContent = true;
      position++;
      continue;
    }
    if (char in CLOSERS) {
      open.push({ char, offset: position });
    } else if (char === ')' || char === ']' || char === '}') {
      const last = open.pop();
      if (!last || CLOSERS[last.char] !== char) {
        return last
          ? `has "${char}" at offset ${position} where "${
              CLOSERS[last.char]
            }" closing the "${last.char}" at offset ${last.offset} was expected`
          : `has an unmatched "${char}" at offset ${position}`;
      }
    }
    if (!/\s/.test(char)) hasContent = true;
    position++;
  }
  const unclosed = open.pop();
  if (unclosed) {
    return `has an unclosed "${unclosed.char}" at offset ${unclosed.offset}`;
  }
  return hasContent ? undefined : 'is empty';
}
