/**
 * An openapi.yaml is the contract of a backend plugin's router: these
 * helpers check that it is a structurally valid OpenAPI 3.0 document and
 * list the routes it documents and the routes a router registers, so each
 * plugin's test can demand that the two are the same.
 *
 * @packageDocumentation
 */
// The document path comes from the calling test, not from user input.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';

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

export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an OpenAPI document from YAML. */
export function readOpenApiDocument(file: string): JsonObject {
  const document: unknown = parseYaml(fs.readFileSync(file, 'utf8'));
  if (!isObject(document)) throw new Error(`${file} is not a YAML mapping`);
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
function collectRefs(
  node: Json,
  where: string,
  out: Array<[string, string]>,
): Array<[string, string]> {
  if (Array.isArray(node)) {
    node.forEach((item, index) => collectRefs(item, `${where}[${index}]`, out));
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push([where, value]);
      else collectRefs(value, `${where}.${key}`, out);
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

function checkParameters(
  where: string,
  apiPath: string,
  parameters: Array<Json | undefined>,
  problems: string[],
): void {
  for (const parameter of parameters) {
    if (
      !isObject(parameter) ||
      typeof parameter.name !== 'string' ||
      !['query', 'path', 'header', 'cookie'].includes(String(parameter.in)) ||
      !isObject(parameter.schema)
    ) {
      problems.push(`${where}: invalid parameter ${JSON.stringify(parameter)}`);
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
    if (!declared)
      problems.push(`${where}: path parameter ${name} is not declared`);
  }
}

/**
 * What is wrong with the document, one line each (empty when it is fine):
 * version, info, paths, unresolved `$ref`s, operations without a summary or
 * described responses, without 401 (every route is authenticated), without
 * 400 where they take input, and malformed or undeclared parameters.
 */
export function openApiProblems(document: JsonObject): string[] {
  const problems: string[] = [];
  if (
    typeof document.openapi !== 'string' ||
    !/^3\.0\.\d+$/.test(document.openapi)
  ) {
    problems.push('openapi: must be 3.0.x');
  }
  const info = document.info;
  if (
    !isObject(info) ||
    typeof info.title !== 'string' ||
    typeof info.version !== 'string'
  ) {
    problems.push('info: needs a title and a version');
  }
  const operations = operationsOf(document);
  if (operations.length === 0) problems.push('paths: no operations');
  for (const apiPath of Object.keys(
    isObject(document.paths) ? document.paths : {},
  )) {
    if (!apiPath.startsWith('/'))
      problems.push(`paths: ${apiPath} does not start with /`);
  }
  for (const [where, ref] of collectRefs(document, '$', [])) {
    if (resolvePointer(document, ref) === undefined) {
      problems.push(`${where}: unresolved ${ref}`);
    }
  }
  for (const { method, path: apiPath, operation, pathItem } of operations) {
    const where = `${method.toUpperCase()} ${apiPath}`;
    if (typeof operation.summary !== 'string')
      problems.push(`${where}: no summary`);
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
    checkParameters(where, apiPath, parameters, problems);
  }
  return problems;
}

/** `METHOD /path/{param}` of every documented operation, sorted. */
export function documentedRoutes(document: JsonObject): string[] {
  return operationsOf(document)
    .map(({ method, path: apiPath }) => `${method.toUpperCase()} ${apiPath}`)
    .sort();
}

/**
 * The route `@backstage/backend-openapi-utils` adds to serve the document
 * itself; it is not an operation of the document.
 */
const SPEC_ROUTE = 'GET /openapi.json';

/**
 * `METHOD /path/{param}` of every route an Express router registers, sorted
 * (without the `GET /openapi.json` that serves the document).
 */
export function registeredRoutes(router: unknown): string[] {
  type Layer = {
    route?: { path: string | string[]; methods: Record<string, boolean> };
  };
  const stack = (router as { stack: Layer[] }).stack;
  return stack
    .flatMap(layer => {
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
    })
    .filter(route => route !== SPEC_ROUTE)
    .sort();
}

export { generatedSpecDifferences, SPEC_MODULE_HEADER } from './generatedSpec';
export { createResponseValidator } from './responses';
export type { ResponseLike, ResponseValidator } from './responses';
export {
  describeInputChecks,
  describeOpenApiContract,
  type StatusOf,
} from './contractTests';
export { documentOnlyApp, statusOf } from './documentOnly';
export {
  fuzzOperations,
  invalidRequest,
  requestArbitrary,
  validRequest,
  valueArbitrary,
  type FuzzOperation,
  type FuzzRequest,
} from './fuzz/arbitraries';
export {
  fuzzProblems,
  fuzzRoutes,
  fuzzRuns,
  fuzzSeed,
  reportFuzzStats,
  type FuzzPrincipals,
  type FuzzResponse,
  type FuzzRoutesOptions,
  type FuzzStats,
} from './fuzz/fuzzRoutes';
