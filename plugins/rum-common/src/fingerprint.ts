/**
 * Exception fingerprints: exceptions that are "the same error" share one,
 * whatever the ids, numbers or quoted values in their message, the build's
 * content hashes or the line numbers that move between releases.
 */

/**
 * One stack frame as Faro sends it (and as source maps give it back).
 * @public
 */
export interface StackFrameLike {
  filename: string;
  function: string;
  lineno?: number;
  colno?: number;
}

/**
 * The parts a fingerprint is made of (shown on the Errors page).
 * @public
 */
export interface FingerprintParts {
  type: string;
  message: string;
  topFrame: string;
}

const MAX_MESSAGE = 300;

/**
 * The message with what varies between occurrences replaced: URLs, UUIDs,
 * hex ids, numbers and quoted values; whitespace collapsed; capped.
 * @public
 */
export function normalizeMessage(message: string): string {
  return message
    .replace(/https?:\/\/[^\s'"`)]+/g, '<url>')
    .replace(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
      '<uuid>',
    )
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/(["'`])(?:(?!\1).){0,200}\1/g, '<str>')
    .replace(/\d+\.\d+/g, '<n>')
    .replace(/\b\d+\b/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_MESSAGE);
}

/**
 * A frame's file without origin, query, fragment or the bundler's content
 * hash (`static/main.1a2b3c4d.js` is `static/main.js`), so one error keeps
 * its fingerprint across deploys.
 * @public
 */
export function normalizeFilename(filename: string): string {
  let path = filename;
  try {
    const url = new URL(filename);
    path = url.pathname;
  } catch {
    path = filename.replace(/[?#].*$/, '');
  }
  return path
    .replace(/^(?:webpack:\/\/\/?|file:\/\/\/?)/, '')
    .replace(/\.[0-9a-f]{8,}(\.chunk)?\.js$/i, '$1.js')
    .replace(/^\/+/, '');
}

/**
 * The frame that names where the error was thrown: the first frame (Faro
 * sends the innermost first) that is not Faro's own instrumentation.
 * @public
 */
export function topFrameOf(
  frames: readonly StackFrameLike[] | undefined,
): StackFrameLike | undefined {
  return (frames ?? []).find(
    f => !/@grafana[\\/]faro-/.test(f.filename) && f.filename !== '',
  );
}

/**
 * `function (file)` of a frame; line numbers left out on purpose.
 * @public
 */
export function describeFrame(frame: StackFrameLike | undefined): string {
  if (!frame) return '<no stack>';
  const fn =
    frame.function && frame.function !== '?' ? frame.function : '<anonymous>';
  return `${fn} (${normalizeFilename(frame.filename)})`;
}

/** 64-bit FNV-1a, as 16 hex digits: stable, isomorphic, not a secret. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (const ch of new TextEncoder().encode(text)) {
    hash ^= BigInt(ch);
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The fingerprint of an exception: its type, normalised message and top
 * frame (source-mapped when a map was found), hashed to 16 hex digits.
 * @public
 */
export function exceptionFingerprint(input: {
  type: string;
  value: string;
  frames?: readonly StackFrameLike[];
}): { fingerprint: string; parts: FingerprintParts } {
  const parts: FingerprintParts = {
    type: input.type.trim() || 'Error',
    message: normalizeMessage(input.value),
    topFrame: describeFrame(topFrameOf(input.frames)),
  };
  return {
    fingerprint: fnv1a64(`${parts.type}\n${parts.message}\n${parts.topFrame}`),
    parts,
  };
}
