import {
  acceptRequestId,
  parseTraceparent,
  requestContextFrom,
  traceparentOf,
} from './requestContext';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';

describe('acceptRequestId', () => {
  it.each([
    ['abc-123', 'abc-123'],
    [
      '  3f2a1bc0-1111-4222-8333-444455556666 ',
      '3f2a1bc0-1111-4222-8333-444455556666',
    ],
    ['lb:web.1_x', 'lb:web.1_x'],
    ['', undefined],
    [undefined, undefined],
    ['has space', undefined],
    ['line\nbreak', undefined],
    ['<script>', undefined],
    ['x'.repeat(129), undefined],
  ])('%j -> %j', (header, expected) => {
    expect(acceptRequestId(header)).toBe(expected);
  });
});

describe('parseTraceparent', () => {
  it.each([
    [
      `00-${TRACE}-${PARENT}-01`,
      { traceId: TRACE, parentSpanId: PARENT, traceFlags: '01' },
    ],
    [
      `00-${TRACE}-${PARENT}-00`,
      { traceId: TRACE, parentSpanId: PARENT, traceFlags: '00' },
    ],
    // A future version may add fields; version 00 may not.
    [
      `01-${TRACE}-${PARENT}-01-extra`,
      { traceId: TRACE, parentSpanId: PARENT, traceFlags: '01' },
    ],
    [`00-${TRACE}-${PARENT}-01-extra`, undefined],
    [`ff-${TRACE}-${PARENT}-01`, undefined],
    [`00-${'0'.repeat(32)}-${PARENT}-01`, undefined],
    [`00-${TRACE}-${'0'.repeat(16)}-01`, undefined],
    [`00-${TRACE.toUpperCase()}-${PARENT}-01`, undefined],
    [`00-${TRACE}-${PARENT}`, undefined],
    ['garbage', undefined],
    [undefined, undefined],
  ])('%j', (header, expected) => {
    expect(parseTraceparent(header)).toEqual(expected);
  });
});

describe('requestContextFrom', () => {
  it('continues the caller trace with a new span and keeps its request id', () => {
    const context = requestContextFrom({
      requestId: 'req-1',
      traceparent: `00-${TRACE}-${PARENT}-01`,
    });
    expect(context).toMatchObject({
      requestId: 'req-1',
      traceId: TRACE,
      parentSpanId: PARENT,
      traceFlags: '01',
    });
    expect(context.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(context.spanId).not.toBe(PARENT);
    expect(traceparentOf(context)).toBe(`00-${TRACE}-${context.spanId}-01`);
  });

  it('starts a new trace and request id when the headers are unusable', () => {
    const context = requestContextFrom({
      requestId: 'bad id',
      traceparent: 'x',
    });
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(context.parentSpanId).toBeUndefined();
    expect(context.traceFlags).toBe('01');
  });
});
