// Reads the other plugins' openapi.yaml from the repository (fixed paths).
/* eslint-disable security/detect-non-literal-fs-filename */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  createResponseValidator,
  readOpenApiDocument,
  type ResponseValidator,
} from '@vigil/openapi-contract';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');

/** Plugins whose answers are checked against their own openapi.yaml. */
const DOCUMENTED = ['slo', 'incidents', 'oncall', 'deployments'] as const;

const validators = new Map<string, ResponseValidator>();
function validatorOf(pluginId: string): ResponseValidator | undefined {
  if (!(DOCUMENTED as readonly string[]).includes(pluginId)) return undefined;
  let validator = validators.get(pluginId);
  if (!validator) {
    validator = createResponseValidator(
      readOpenApiDocument(
        path.join(REPO_ROOT, 'plugins', `${pluginId}-backend`, 'openapi.yaml'),
      ),
    );
    validators.set(pluginId, validator);
  }
  return validator;
}

export interface FakeAnswer {
  status?: number;
  body: unknown;
  /** Default application/json; text/html for TechDocs pages. */
  contentType?: string;
  /** Milliseconds to wait before answering (a slow source). */
  delayMs?: number;
}

/**
 * One route of a fake plugin: `operation` is the openapi.yaml's
 * (`GET /slos/{sloId}`), `answer` gets its path parameters and query.
 */
export interface FakeRoute {
  plugin: string;
  operation: string;
  answer(params: Record<string, string>, query: URLSearchParams): FakeAnswer;
}

export interface RecordedRequest {
  plugin: string;
  path: string;
  authorization?: string;
}

export interface FakePlugins {
  /** What discovery answers for a plugin: `<server>/api/<pluginId>`. */
  baseUrlOf(pluginId: string): string;
  requests: RecordedRequest[];
  /** Answers that do not match their plugin's openapi.yaml (must stay empty). */
  contractProblems: string[];
  setRoutes(routes: FakeRoute[]): void;
  close(): Promise<void>;
}

function matchOperation(
  operation: string,
  method: string,
  pathname: string,
): Record<string, string> | undefined {
  const [opMethod, template] = operation.split(' ');
  if (opMethod !== method) return undefined;
  const names: string[] = [];
  const pattern = template.replace(/\{([^}]+)\}/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  // eslint-disable-next-line security/detect-non-literal-regexp -- test routes
  const match = new RegExp(`^${pattern}$`).exec(pathname);
  if (!match) return undefined;
  return Object.fromEntries(
    names.map((name, i) => [name, decodeURIComponent(match[i + 1])]),
  );
}

/**
 * A real HTTP server standing in for the other plugins' APIs under
 * `/api/<pluginId>/...`: it answers the routes it is given, records every
 * request with its Authorization header, and checks each answer against the
 * plugin's real openapi.yaml, so the shapes the providers read are the
 * documented ones.
 */
export async function startFakePlugins(): Promise<FakePlugins> {
  let routes: FakeRoute[] = [];
  const requests: RecordedRequest[] = [];
  const contractProblems: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const [, plugin, pluginPath] = match;
    requests.push({
      plugin,
      path: `${pluginPath}${url.search}`,
      authorization: req.headers.authorization,
    });
    for (const route of routes.filter(r => r.plugin === plugin)) {
      const params = matchOperation(route.operation, req.method!, pluginPath);
      if (!params) continue;
      const answer = route.answer(params, url.searchParams);
      const status = answer.status ?? 200;
      const contentType = answer.contentType ?? 'application/json';
      // A 5xx stands for an outage (a proxy's, say), not for the contract.
      const problems =
        status >= 500
          ? []
          : validatorOf(plugin)?.(route.operation, {
              status,
              headers: { 'content-type': contentType },
              body: answer.body,
            }) ?? [];
      contractProblems.push(...problems.map(p => `${plugin}: ${p}`));
      const send = () => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(
          typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body),
        );
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { name: 'NotFoundError', message: `no route ${pluginPath}` },
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrlOf: pluginId => `http://127.0.0.1:${port}/api/${pluginId}`,
    requests,
    contractProblems,
    setRoutes(next) {
      routes = next;
      requests.length = 0;
      contractProblems.length = 0;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
