/**
 * openapi.yaml is the contract of the router: it must be a structurally
 * valid OpenAPI 3.0 document and document exactly the routes registered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createRouter, RouterOptions } from './router';

const OPENAPI_FILE = path.resolve(__dirname, '../openapi.yaml');
const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readDocument(): JsonObject {
  const document: unknown = parseYaml(fs.readFileSync(OPENAPI_FILE, 'utf8'));
  if (!isObject(document)) {
    throw new Error(`${OPENAPI_FILE} is not a YAML mapping`);
  }
  return document;
}

/** Follows a local JSON pointer (`#/a/b`), or returns undefined. */
function resolvePointer(document: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) {
      return undefined;
    }
    node = node[key];
  }
  return node;
}

/** Every `$ref` in the document with where it was found. */
function collectRefs(node: Json, where: string, out: Array<[string, string]>) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => collectRefs(item, `${where}[${index}]`, out));
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        out.push([where, value]);
      } else {
        collectRefs(value, `${where}.${key}`, out);
      }
    }
  }
  return out;
}

/** Follows `$ref`s to the object they name (for responses and parameters). */
function deref(document: JsonObject, node: Json | undefined): Json | undefined {
  let current = node;
  for (let depth = 0; depth < 10 && isObject(current); depth++) {
    const ref = current.$ref;
    if (typeof ref !== 'string') return current;
    current = resolvePointer(document, ref);
  }
  return current;
}

interface Operation {
  method: string;
  path: string;
  operation: JsonObject;
  pathItem: JsonObject;
}

function operationsOf(document: JsonObject): Operation[] {
  const paths = document.paths;
  if (!isObject(paths)) return [];
  return Object.entries(paths).flatMap(([apiPath, pathItem]) =>
    isObject(pathItem)
      ? HTTP_METHODS.flatMap(method => {
          const operation = pathItem[method];
          return isObject(operation)
            ? [{ method, path: apiPath, operation, pathItem }]
            : [];
        })
      : [],
  );
}

async function registeredRoutes(): Promise<string[]> {
  // The handlers are never called: the services are not needed.
  const unused = {} as never;
  const options: RouterOptions = {
    httpAuth: unused,
    permissions: unused,
    auditor: unused,
    sloService: unused,
    refresher: unused,
  };
  const router = await createRouter(options);
  type Layer = {
    route?: { path: string | string[]; methods: Record<string, boolean> };
  };
  const stack = (router as unknown as { stack: Layer[] }).stack;
  return stack.flatMap(layer => {
    if (!layer.route) return [];
    const { route } = layer;
    const routePaths = Array.isArray(route.path) ? route.path : [route.path];
    return routePaths.flatMap(routePath =>
      Object.keys(route.methods)
        .filter(method => route.methods[method] && method !== '_all')
        .map(
          method =>
            `${method.toUpperCase()} ${routePath.replace(
              /:(\w+)/g,
              (_match, name: string) => `{${name}}`,
            )}`,
        ),
    );
  });
}

describe('openapi.yaml', () => {
  const document = readDocument();
  const operations = operationsOf(document);

  it('is an OpenAPI 3.0 document with info and paths', () => {
    expect(document.openapi).toEqual(expect.stringMatching(/^3\.0\.\d+$/));
    expect(document.info).toEqual(
      expect.objectContaining({
        title: expect.any(String),
        version: expect.any(String),
      }),
    );
    expect(isObject(document.paths)).toBe(true);
    expect(operations.length).toBeGreaterThan(0);
    for (const apiPath of Object.keys(document.paths as JsonObject)) {
      expect(apiPath).toMatch(/^\//);
    }
  });

  it('resolves every $ref', () => {
    const refs = collectRefs(document, '$', []);
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = refs
      .filter(([, ref]) => resolvePointer(document, ref) === undefined)
      .map(([where, ref]) => `${where}: ${ref}`);
    expect(unresolved).toEqual([]);
  });

  it('gives every operation a summary and valid responses, with 401, and 400 where it takes input', () => {
    const problems: string[] = [];
    for (const { method, path: apiPath, operation, pathItem } of operations) {
      const where = `${method.toUpperCase()} ${apiPath}`;
      if (typeof operation.summary !== 'string') {
        problems.push(`${where}: no summary`);
      }
      const responses = operation.responses;
      if (!isObject(responses) || Object.keys(responses).length === 0) {
        problems.push(`${where}: no responses`);
        continue;
      }
      for (const [status, response] of Object.entries(responses)) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) {
          problems.push(`${where}: response key ${status} is not a status`);
        }
        const resolved = deref(document, response);
        if (!isObject(resolved) || typeof resolved.description !== 'string') {
          problems.push(`${where}: response ${status} has no description`);
        }
      }
      if (!('401' in responses)) problems.push(`${where}: no 401 response`);
      const parameters = [
        ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ].map(parameter => deref(document, parameter));
      const takesInput =
        parameters.length > 0 || operation.requestBody !== undefined;
      if (takesInput && !('400' in responses)) {
        problems.push(`${where}: takes input but has no 400 response`);
      }
      for (const parameter of parameters) {
        if (
          !isObject(parameter) ||
          typeof parameter.name !== 'string' ||
          !['query', 'path', 'header', 'cookie'].includes(
            String(parameter.in),
          ) ||
          !isObject(parameter.schema)
        ) {
          problems.push(
            `${where}: invalid parameter ${JSON.stringify(parameter)}`,
          );
        } else if (parameter.in === 'path') {
          if (parameter.required !== true) {
            problems.push(
              `${where}: path parameter ${parameter.name} is not required`,
            );
          }
          if (!apiPath.includes(`{${parameter.name}}`)) {
            problems.push(
              `${where}: path parameter ${parameter.name} is not in the path`,
            );
          }
        }
      }
      for (const [, name] of apiPath.matchAll(/\{(\w+)\}/g)) {
        const declared = parameters.some(
          parameter =>
            isObject(parameter) &&
            parameter.in === 'path' &&
            parameter.name === name,
        );
        if (!declared) {
          problems.push(`${where}: path parameter ${name} is not declared`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents exactly the routes the router registers', async () => {
    const documented = operations
      .map(({ method, path: apiPath }) => `${method.toUpperCase()} ${apiPath}`)
      .sort();
    const registered = (await registeredRoutes()).sort();
    expect(registered.length).toBeGreaterThan(0);
    expect(documented).toEqual(registered);
  });
});
