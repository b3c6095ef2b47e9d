import { clarifyValidationMessage } from './openApiMessages';
import { spec } from './schema/openapi.generated';

const list = spec.paths['/slos'].get;
const entity = spec.paths['/entities/{kind}/{namespace}/{name}/slos'].get;

describe('clarifyValidationMessage', () => {
  it.each([
    [
      'request/query/limit must be <= 500',
      list,
      'Invalid query: limit: must be an integer from 1 to 500',
    ],
    [
      'request/query/status must be equal to one of the allowed values: ok, warning, breaching, no-data',
      list,
      'Invalid query: status: must be one of ok, warning, breaching, no-data',
    ],
    [
      'request/query/q must NOT have more than 200 characters',
      list,
      'Invalid query: q: must be text of 1 to 200 characters without NUL characters',
    ],
    [
      'request/query/q must match pattern "^[^\\x00]*$"',
      list,
      'Invalid query: q: must not contain NUL characters',
    ],
    [
      "Unknown query parameter 'colour'",
      list,
      'Invalid query: colour: unknown parameter; allowed: owner, system, lifecycle, status, q, order, limit, offset',
    ],
    [
      "Unknown query parameter 'colour'",
      entity,
      'Invalid query: colour: unknown parameter; allowed: none',
    ],
    [
      'request/params/name must match pattern "^[^\\x00]*$"',
      entity,
      'Invalid path: name: must not contain NUL characters',
    ],
    [
      'Invalid query: from is after to',
      list,
      'Invalid query: from is after to',
    ],
  ])('%s', (message, operation, expected) => {
    expect(clarifyValidationMessage(message, operation, spec)).toBe(expected);
  });
});
