// Reads and writes only the repository's own .data/test-results.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import type { JsonObject } from '../index';
import {
  FuzzOperation,
  fuzzOperations,
  FuzzRequest,
  requestArbitrary,
} from './arbitraries';

/** What a response must not carry: stack frames, server paths, SQL. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /(\n|\\n)\s+at /],
  ['server path', /\/work\/|node_modules|\/home\/|\/usr\/lib\/|[A-Z]:\\\\/],
];
const SQL_LEAKS: Array<[string, RegExp]> = [
  [
    'SQL',
    /\bselect\s.+\sfrom\b|insert into|delete from|SQLITE_|violates|syntax error at|knex/i,
  ],
];

/** An answer, as much of it as the checks need. */
export interface FuzzResponse {
  status: number;
  text: string;
  ms: number;
}

/**
 * What is wrong with the answer to a fuzzed request, one line each: a 5xx,
 * a stack trace, a server path or SQL, or a 4xx that does not say what is
 * wrong (for a 400 to an invalid field or parameter, naming it).
 */
export function fuzzProblems(
  request: FuzzRequest,
  response: FuzzResponse,
  fieldNames: readonly string[] = [],
  /** The document leaves the body open (`type: object`): no field to name. */
  openBody = false,
): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`status ${response.status}`);
  for (const [what, pattern] of [
    ...LEAKS,
    ...(response.status >= 400 ? SQL_LEAKS : []),
  ]) {
    if (pattern.test(response.text)) problems.push(`response has a ${what}`);
  }
  // 413/414/431 come from Node's and body-parser's limits before any
  // handler runs; Node answers 414/431 with no body at all.
  const fromParser = [413, 414, 431].includes(response.status);
  if (response.status >= 400 && response.status < 500 && !fromParser) {
    let message: unknown;
    try {
      const body = JSON.parse(response.text);
      message = body?.error?.message;
    } catch {
      message = undefined;
    }
    if (typeof message !== 'string' || message.trim() === '') {
      problems.push(`${response.status} without an error message`);
    } else if (
      response.status === 400 &&
      request.invalid?.field &&
      // A body the document leaves open (`type: object`) names no fields.
      !(openBody && request.invalid.kind === 'unknown-field') &&
      !fieldNamed(message, request.invalid.field, fieldNames)
    ) {
      problems.push(
        `400 does not name ${
          request.invalid.field
        } (nor any other field): ${message.slice(0, 200)}`,
      );
    }
  }
  return problems;
}

/**
 * The message names the offending field, or another field or parameter of
 * the operation (the rest of the request is only valid by the document: the
 * router may refuse another part first, such as an entity ref's syntax).
 */
function fieldNamed(
  message: string,
  field: string,
  fieldNames: readonly string[],
): boolean {
  // A path that is not UTF-8 fails before any parameter is matched.
  if (message.startsWith('Invalid path: not valid percent-encoded'))
    return true;
  return [field, ...fieldNames].some(name => message.includes(name));
}

/** A principal: the Authorization header to send, or none. */
export type FuzzPrincipals = Record<string, string | undefined>;

/** Counts of one run: routes, cases and statuses per principal. */
export interface FuzzStats {
  routes: number;
  seed: number;
  numRuns: number;
  principals: Record<
    string,
    { cases: number; statuses: Record<string, number> }
  >;
}

export interface FuzzRoutesOptions {
  /** The plugin's OpenAPI document. */
  document: JsonObject;
  /** Where the plugin's routes are, such as `http://127.0.0.1:1234/api/slo`. */
  baseUrl: string;
  principals: FuzzPrincipals;
  /** Known path parameter values (so some requests reach real rows). */
  examples?: Record<string, readonly string[]>;
  /** A request that must answer below 500 within `healthMs` after each route. */
  health: { path: string; principal: string };
  healthMs?: number;
  /** Runs per route and principal (default VIGIL_FUZZ_RUNS, else 16). */
  numRuns?: number;
  /** Default VIGIL_FUZZ_SEED, else random; printed with every failure. */
  seed?: number;
}

/** The seed of this run: VIGIL_FUZZ_SEED or a random one (printed). */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.VIGIL_FUZZ_SEED);
  return Number.isInteger(fromEnv) && process.env.VIGIL_FUZZ_SEED
    ? fromEnv
    : Math.floor(Math.random() * 2 ** 31);
}

/** Runs per route and principal: VIGIL_FUZZ_RUNS, else `fallback`. */
export function fuzzRuns(fallback: number): number {
  const fromEnv = Number(process.env.VIGIL_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/** Sends with node:http, which (unlike fetch) sends a body with any method. */
function send(
  baseUrl: string,
  request: FuzzRequest,
  authorization: string | undefined,
): Promise<FuzzResponse> {
  const query = new URLSearchParams(request.query).toString();
  const headers: Record<string, string | number> = {};
  if (authorization) headers.authorization = authorization;
  const body =
    request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  if (body) {
    headers['content-type'] = request.contentType ?? 'application/json';
    headers['content-length'] = body.length;
  }
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${request.path}${query ? `?${query}` : ''}`,
      { method: request.method.toUpperCase(), headers },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    // A server may answer (413, 400) and close before reading the body.
    req.on('error', error =>
      (error as NodeJS.ErrnoException).code === 'EPIPE' ||
      (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? resolve({
            status: 0,
            text: `connection ${String((error as NodeJS.ErrnoException).code)}`,
            ms: Date.now() - started,
          })
        : reject(error),
    );
    req.end(body);
  });
}

/**
 * Sends random valid and invalid requests to every operation of the
 * document as every principal and returns the counts and the failures (one
 * line each, with the seed that replays them).
 */
export async function fuzzRoutes(
  options: FuzzRoutesOptions,
): Promise<{ stats: FuzzStats; failures: string[] }> {
  const operations = fuzzOperations(options.document);
  const seed = options.seed ?? fuzzSeed();
  const numRuns = options.numRuns ?? fuzzRuns(16);
  const healthMs = options.healthMs ?? 5_000;
  const stats: FuzzStats = {
    routes: operations.length,
    seed,
    numRuns,
    principals: {},
  };
  const failures: string[] = [];
  for (const [principal, authorization] of Object.entries(options.principals)) {
    const counts = { cases: 0, statuses: {} as Record<string, number> };
    stats.principals[principal] = counts;
    for (const [index, operation] of operations.entries()) {
      const route = `${operation.method.toUpperCase()} ${operation.path}`;
      const names = fieldNamesOf(operation);
      const details = await fc.check(
        fc.asyncProperty(
          requestArbitrary(operation, options.examples),
          async request => {
            const response = await send(
              options.baseUrl,
              request,
              authorization,
            );
            counts.cases += 1;
            counts.statuses[response.status] =
              (counts.statuses[response.status] ?? 0) + 1;
            const problems = fuzzProblems(
              request,
              response,
              names,
              !JSON.stringify(operation.body ?? {}).includes('"properties"'),
            );
            if (problems.length) {
              throw new Error(
                `${problems.join('; ')}\n  request: ${describe(
                  request,
                )}\n  response: ${response.status} ${response.text.slice(
                  0,
                  300,
                )}`,
              );
            }
          },
        ),
        // One seed per route and principal, derived from the run's seed.
        {
          numRuns,
          seed: seed + index * 7919 + principal.length,
          endOnFailure: !process.env.VIGIL_FUZZ_SHRINK,
        },
      );
      if (details.failed) {
        failures.push(
          `${route} as ${principal} (VIGIL_FUZZ_SEED=${seed}): ${String(
            (details.errorInstance as Error | undefined)?.message ??
              details.errorInstance,
          )}`,
        );
      }
      const health = await send(
        options.baseUrl,
        { method: 'get', path: options.health.path, query: [] },
        options.principals[options.health.principal],
      );
      if (health.status >= 500 || health.ms > healthMs) {
        failures.push(
          `unresponsive after ${route} as ${principal} (VIGIL_FUZZ_SEED=${seed}): GET ${options.health.path} answered ${health.status} in ${health.ms} ms`,
        );
      }
    }
  }
  return { stats, failures };
}

/** Every parameter and (nested) body property name of the operation. */
function fieldNamesOf(operation: FuzzOperation): string[] {
  const names = [
    ...operation.pathParams.map(p => p.name),
    ...operation.queryParams.map(p => p.name),
  ];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties' && value && typeof value === 'object') {
          names.push(...Object.keys(value));
        }
        visit(value);
      }
    }
  };
  visit(operation.body);
  return names;
}

function describe(request: FuzzRequest): string {
  const query = new URLSearchParams(request.query).toString();
  const body =
    request.body === undefined
      ? ''
      : ` body(${request.body.length})=${JSON.stringify(
          request.body.slice(0, 200),
        )}`;
  return `${request.method.toUpperCase()} ${request.path}${
    query ? `?${query.slice(0, 200)}` : ''
  }${body} [${
    request.invalid
      ? `${request.invalid.kind} ${request.invalid.field ?? ''}`
      : 'valid'
  }]`;
}

/**
 * Prints one summary line per database and principal and writes the counts
 * to `.data/test-results/fuzz-<plugin>.json` at the repository root.
 */
export function reportFuzzStats(
  plugin: string,
  byDatabase: Record<string, FuzzStats>,
): void {
  const lines = Object.entries(byDatabase).flatMap(([database, stats]) =>
    Object.entries(stats.principals).map(
      ([principal, { cases, statuses }]) =>
        `fuzz ${plugin} ${database} ${principal}: ${
          stats.routes
        } routes, ${cases} cases, statuses ${JSON.stringify(statuses)} (seed ${
          stats.seed
        })`,
    ),
  );
  // eslint-disable-next-line no-console -- the summary the closing note quotes
  console.log(lines.join('\n'));
  let dir = process.cwd();
  while (
    dir !== path.dirname(dir) &&
    !fs.existsSync(path.join(dir, 'yarn.lock'))
  ) {
    dir = path.dirname(dir);
  }
  const results = path.join(dir, '.data', 'test-results');
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(
    path.join(results, `fuzz-${plugin}.json`),
    `${JSON.stringify(byDatabase, null, 2)}\n`,
  );
}
