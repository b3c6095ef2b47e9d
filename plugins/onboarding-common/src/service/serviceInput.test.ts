import { addServiceInputSchema, AddServiceInput } from './serviceInput';

const valid: AddServiceInput = {
  name: 'checkout-api',
  title: 'Checkout API',
  description: 'Takes the payment',
  owner: 'group:default/payments',
  system: 'system:default/risk-scoring',
  prometheusJob: 'checkout-api',
  availabilityObjective: 99.5,
  latencyObjective: 95,
  latencyThresholdMs: 500,
};

describe('addServiceInputSchema', () => {
  it.each<[string, Partial<AddServiceInput>, Record<string, unknown>]>([
    ['a full ref as is', {}, { owner: 'group:default/payments' }],
    [
      'a short group ref',
      { owner: 'payments' },
      { owner: 'group:default/payments' },
    ],
    [
      'a kind-qualified group',
      { owner: 'Group:ops/sre' },
      { owner: 'group:ops/sre' },
    ],
    [
      'a short system ref',
      { system: 'vigil' },
      { system: 'system:default/vigil' },
    ],
    ['no system', { system: undefined }, { system: undefined }],
    [
      'numbers as strings',
      { availabilityObjective: '99.9' as any },
      { availabilityObjective: 99.9 },
    ],
    [
      'a job with dots and colons',
      { prometheusJob: 'team:checkout.api' },
      { prometheusJob: 'team:checkout.api' },
    ],
    ['trimmed text', { title: '  Checkout  ' }, { title: 'Checkout' }],
  ])('accepts %s', (_, change, expected) => {
    const parsed = addServiceInputSchema.parse({ ...valid, ...change });
    expect(parsed).toMatchObject(expected);
  });

  it.each<[string, Partial<AddServiceInput>, string]>([
    ['an upper-case name', { name: 'Checkout' }, 'name'],
    ['a name with a slash', { name: 'a/b' }, 'name'],
    ['a name going up', { name: '..' }, 'name'],
    ['a name with a dot', { name: 'a.b' }, 'name'],
    ['a name with a double dash', { name: 'a--b' }, 'name'],
    ['a name starting with a digit', { name: '1api' }, 'name'],
    ['a name too long', { name: `a${'b'.repeat(63)}` }, 'name'],
    ['an empty title', { title: ' ' }, 'title'],
    ['a title of two lines', { title: 'a\nowner: x' }, 'title'],
    ['a user as owner', { owner: 'user:default/alice' }, 'owner'],
    ['a malformed owner', { owner: 'group:' }, 'owner'],
    ['a component as system', { system: 'component:default/vigil' }, 'system'],
    [
      'a job with a quote',
      { prometheusJob: 'x"}or vector(1)' },
      'prometheusJob',
    ],
    ['a job with a space', { prometheusJob: 'my job' }, 'prometheusJob'],
    [
      'availability of 100',
      { availabilityObjective: 100 },
      'availabilityObjective',
    ],
    [
      'availability under 90',
      { availabilityObjective: 80 },
      'availabilityObjective',
    ],
    [
      'availability not a number',
      { availabilityObjective: 'x' as any },
      'availabilityObjective',
    ],
    ['latency objective of 100', { latencyObjective: 100 }, 'latencyObjective'],
    ['a threshold of 0', { latencyThresholdMs: 0 }, 'latencyThresholdMs'],
    [
      'a fractional threshold',
      { latencyThresholdMs: 2.5 },
      'latencyThresholdMs',
    ],
    [
      'a threshold over a minute',
      { latencyThresholdMs: 60001 },
      'latencyThresholdMs',
    ],
  ])('refuses %s', (_, change, field) => {
    const result = addServiceInputSchema.safeParse({ ...valid, ...change });
    const fields = result.success
      ? []
      : result.error.issues.map(i => i.path.join('.'));
    expect(fields).toContain(field);
  });
});
