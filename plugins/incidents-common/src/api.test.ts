import {
  acknowledgeIncidentRequestSchema,
  alertRunbookUrl,
  isAllowedPostmortemTransition,
  listActionItemsQuerySchema,
  listIncidentsQuerySchema,
  listPostmortemsQuerySchema,
  savePostmortemRequestSchema,
  takeCommandRequestSchema,
} from './api';
import { formatZodIssues } from '@vigil/common-kit';
import { encodeIncidentCursor } from './listCursor';
import { addNoteRequestSchema, declareIncidentRequestSchema } from './model';

describe('alertRunbookUrl', () => {
  it.each([
    [
      { runbook_url: 'https://docs.example/runbook' },
      'https://docs.example/runbook',
    ],
    [
      { runbook: 'http://localhost:3000/docs/x' },
      'http://localhost:3000/docs/x',
    ],
    [{ runbook_url: 'javascript' + ':alert(1)' }, undefined],
    [{ summary: 'no runbook' }, undefined],
    [undefined, undefined],
  ])('%o → %s', (annotations, expected) => {
    expect(alertRunbookUrl(annotations)).toBe(expected);
  });
});

describe('isAllowedPostmortemTransition', () => {
  it.each([
    ['draft', 'in_review', true],
    ['draft', 'published', true],
    ['in_review', 'draft', true],
    ['in_review', 'published', true],
    ['published', 'draft', false],
    ['published', 'in_review', false],
    ['draft', 'draft', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(isAllowedPostmortemTransition(from, to)).toBe(allowed);
  });
});

describe('list paging', () => {
  const lists = [
    ['incidents', listIncidentsQuerySchema, {}],
    ['postmortems', listPostmortemsQuerySchema, {}],
    ['action items', listActionItemsQuerySchema, { owner: 'user:default/a' }],
  ] as const;
  it.each(
    lists.flatMap(([name, schema, base]) =>
      [
        [
          { offset: '99999999999999999999' },
          'offset: must be an integer from 0 to 1000000',
        ],
        [{ offset: '-1' }, 'offset: must be an integer from 0 to 1000000'],
        [{ offset: '1.5' }, 'offset: must be an integer from 0 to 1000000'],
        [{ offset: 'abc' }, 'offset: must be an integer from 0 to 1000000'],
        [{ limit: '0' }, 'limit: must be an integer from 1 to 200'],
        [{ limit: '201' }, 'limit: must be an integer from 1 to 200'],
        [{ limit: 'Infinity' }, 'limit: must be an integer from 1 to 200'],
        [{ limit: ['1', '2'] }, 'limit: must be an integer from 1 to 200'],
      ].map(
        ([query, message]) =>
          [name, { ...base, ...(query as object) }, message, schema] as const,
      ),
    ),
  )('%s: %j is refused with the range', (_name, query, message, schema) => {
    const result = (schema as any).safeParse(query);
    expect(result.success).toBe(false);
    expect(formatZodIssues(result.error)).toEqual([message]);
  });

  it.each(lists.map(([name, schema, base]) => [name, base, schema] as const))(
    '%s: the bounds themselves are fine',
    (_name, base, schema) => {
      const result = (schema as any).safeParse({
        ...base,
        limit: '200',
        offset: '1000000',
      });
      expect(result.success).toBe(true);
      expect(result.data).toMatchObject({ limit: 200, offset: 1_000_000 });
    },
  );
});

describe('incident list cursor', () => {
  const cursor = encodeIncidentCursor({ declaredAt: 1_000, id: 'i-1' });
  it('decodes a cursor into the position it names', () => {
    expect(listIncidentsQuerySchema.parse({ cursor })).toMatchObject({
      cursor: { declaredAt: 1_000, id: 'i-1' },
      offset: 0,
    });
  });

  it.each([
    [
      { cursor: 'not a cursor' },
      'cursor: must be a nextCursor this API returned',
    ],
    [{ cursor: btoa('[1]') }, 'cursor: must be a nextCursor this API returned'],
    [
      { cursor, offset: '25' },
      'offset: must not be combined with cursor (the cursor is the position)',
    ],
  ])('%j is refused', (query, message) => {
    const result = listIncidentsQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    expect(formatZodIssues((result as any).error)).toEqual([message]);
  });
});

describe('request bodies', () => {
  const item = {
    title: 'Add jitter',
    owner: 'group:default/payments',
    priority: 'P1',
    status: 'open',
  };
  it.each([
    [
      'declare with an unknown field',
      declareIncidentRequestSchema,
      {
        title: 't',
        severity: 'SEV3',
        entityRefs: ['component:default/a'],
        bogus: 1,
      },
      /Unrecognized key/,
    ],
    [
      'a note with an unknown field',
      addNoteRequestSchema,
      { text: 'x', bogus: 1 },
      /Unrecognized key/,
    ],
    [
      'acknowledge without a version',
      acknowledgeIncidentRequestSchema,
      {},
      /expectedVersion: is required/,
    ],
    [
      'acknowledge with an unknown field',
      acknowledgeIncidentRequestSchema,
      { expectedVersion: 1, by: 'x' },
      /Unrecognized key/,
    ],
    [
      'take-command with an unknown field',
      takeCommandRequestSchema,
      { expectedVersion: 1, commander: 'user:default/a' },
      /Unrecognized key/,
    ],
    [
      'two action items with the same id',
      savePostmortemRequestSchema,
      {
        expectedVersion: 1,
        actionItems: [
          { ...item, id: 'a1' },
          { ...item, id: 'a1' },
        ],
      },
      /actionItems\[1\]\.id: duplicate action item id a1/,
    ],
    [
      'an action item id longer than its column',
      savePostmortemRequestSchema,
      { expectedVersion: 1, actionItems: [{ ...item, id: 'x'.repeat(65) }] },
      /actionItems\[0\]\.id: must be at most 64 characters/,
    ],
    [
      'an action item id that is not URL-safe',
      savePostmortemRequestSchema,
      { expectedVersion: 1, actionItems: [{ ...item, id: 'a/b' }] },
      /actionItems\[0\]\.id: must be an id/,
    ],
    [
      'an action item with an unknown field',
      savePostmortemRequestSchema,
      { expectedVersion: 1, actionItems: [{ ...item, overdue: true }] },
      /Unrecognized key/,
    ],
    [
      'a timeline entry with an unknown field',
      savePostmortemRequestSchema,
      {
        expectedVersion: 1,
        timeline: [{ at: '2024-05-01T12:00:00Z', text: 'x', who: 'y' }],
      },
      /Unrecognized key/,
    ],
  ] as const)('refuses %s', (_what, schema, body, message) => {
    const result = (schema as any).safeParse(body);
    expect(result.success).toBe(false);
    expect(formatZodIssues(result.error).join('; ')).toMatch(message);
  });

  it('accepts distinct ids of up to 64 characters and new items without ids', () => {
    expect(
      savePostmortemRequestSchema.safeParse({
        expectedVersion: 1,
        actionItems: [
          { ...item, id: 'x'.repeat(64) },
          { ...item, id: 'b' },
          item,
          item,
        ],
      }).success,
    ).toBe(true);
  });
});
