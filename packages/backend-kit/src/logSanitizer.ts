import type {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';

/** The longest string a log line keeps of one value (message or field). @public */
export const MAX_LOG_VALUE_LENGTH = 2048;

/** What replaces a token, a password or a configured secret in a log line. @public */
export const REDACTED = '[REDACTED]';

// Control characters (C0, DEL, C1) and the Unicode line and paragraph
// separators: any of them can end a log line or drive a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// Credentials that may appear in anything a log line quotes (URLs, headers,
// error messages). Secrets of the configuration are redacted by value.
const TOKEN_PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers: Bearer and Basic credentials.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // JWTs wherever they are (Backstage tokens, OIDC ID tokens).
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // Query and form values: token=, access_token=, id_token=, code=, ...
  [
    /\b([a-z_]*(?:token|secret|password)|code|api[_-]?key|session)=[^&\s"']+/gi,
    `$1=${REDACTED}`,
  ],
];

/** Escapes control characters as `\n`, `\r`, `\t` or `\uXXXX`. @public */
export function escapeControlCharacters(value: string): string {
  return value.replace(
    CONTROL,
    c =>
      NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Replaces bearer tokens, JWTs, `token=`-like query values and `secrets`. @public */
export function redactTokens(
  value: string,
  secrets: Iterable<string> = [],
): string {
  let result = value;
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of TOKEN_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/** Cuts a string to `max` characters, saying how much was left out. @public */
export function capLength(value: string, max = MAX_LOG_VALUE_LENGTH): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}…[${value.length - max} more characters]`;
}

/**
 * One string made safe for a log line: secrets redacted first (so a cut
 * never leaves half a token), then control characters escaped, then capped.
 * @public
 */
export function sanitizeLogString(
  value: string,
  secrets: Iterable<string> = [],
  max = MAX_LOG_VALUE_LENGTH,
): string {
  return capLength(escapeControlCharacters(redactTokens(value, secrets)), max);
}

const MAX_DEPTH = 5;
const MAX_ENTRIES = 50;

/**
 * A log value made safe, recursively: strings sanitized, errors kept as
 * errors (message and stack sanitized, the stack's line breaks kept only as
 * escapes), objects and arrays bounded in depth and size.
 * @public
 */
export function sanitizeLogValue(
  value: unknown,
  secrets: Iterable<string> = [],
  depth = 0,
): unknown {
  const secretList = Array.isArray(secrets) ? secrets : [...secrets];
  if (typeof value === 'string') return sanitizeLogString(value, secretList);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (value instanceof Error) {
    const copy = new Error(sanitizeLogString(value.message, secretList));
    copy.name = sanitizeLogString(value.name, secretList);
    copy.stack = value.stack
      ? sanitizeLogString(value.stack, secretList, 4 * MAX_LOG_VALUE_LENGTH)
      : undefined;
    const cause = (value as { cause?: unknown }).cause;
    if (cause !== undefined) {
      (copy as { cause?: unknown }).cause = sanitizeLogValue(
        cause,
        secretList,
        depth + 1,
      );
    }
    return copy;
  }
  if (Array.isArray(value)) {
    const items = value
      .slice(0, MAX_ENTRIES)
      .map(item => sanitizeLogValue(item, secretList, depth + 1));
    if (value.length > MAX_ENTRIES) {
      items.push(`[${value.length - MAX_ENTRIES} more items]`);
    }
    return items;
  }
  const result: Record<string, unknown> = {};
  const entries = Object.entries(value);
  for (const [key, item] of entries.slice(0, MAX_ENTRIES)) {
    result[sanitizeLogString(key, secretList, 128)] = sanitizeLogValue(
      item,
      secretList,
      depth + 1,
    );
  }
  if (entries.length > MAX_ENTRIES) {
    result['…'] = `${entries.length - MAX_ENTRIES} more fields`;
  }
  return result;
}

/**
 * A root logger that sanitizes every message and field (`sanitizeLogValue`)
 * before its inner logger (Backstage's WinstonLogger) formats them, and
 * whose children do the same, so every plugin's log lines are covered.
 * @public
 */
export class SanitizingLogger implements RootLoggerService {
  readonly #inner: LoggerService;
  readonly #secrets: Set<string>;

  constructor(inner: LoggerService, secrets: Set<string> = new Set()) {
    this.#inner = inner;
    this.#secrets = secrets;
  }

  /** Values (secrets from config or the environment) never to be logged. */
  addRedactions(redactions: Iterable<string>): void {
    for (const value of redactions) {
      // Short values would redact ordinary words; config secrets are long.
      if (typeof value === 'string' && value.trim().length >= 8) {
        this.#secrets.add(value.trim());
      }
    }
  }

  error(message: string, meta?: Parameters<LoggerService['info']>[1]): void {
    this.#inner.error(...this.#clean(message, meta));
  }

  warn(message: string, meta?: Parameters<LoggerService['info']>[1]): void {
    this.#inner.warn(...this.#clean(message, meta));
  }

  info(message: string, meta?: Parameters<LoggerService['info']>[1]): void {
    this.#inner.info(...this.#clean(message, meta));
  }

  debug(message: string, meta?: Parameters<LoggerService['info']>[1]): void {
    this.#inner.debug(...this.#clean(message, meta));
  }

  child(meta: Parameters<LoggerService['child']>[0]): LoggerService {
    return new SanitizingLogger(
      this.#inner.child(
        sanitizeLogValue(meta, this.#secrets) as Parameters<
          LoggerService['child']
        >[0],
      ),
      this.#secrets,
    );
  }

  #clean(
    message: string,
    meta: Parameters<LoggerService['info']>[1],
  ): [string, Parameters<LoggerService['info']>[1]] {
    const secrets = [...this.#secrets];
    return [
      sanitizeLogString(String(message), secrets),
      meta === undefined
        ? undefined
        : (sanitizeLogValue(meta, secrets) as Parameters<
            LoggerService['info']
          >[1]),
    ];
  }
}
