import {
  adminServicesResponseSchema,
  faultSettingsSchema,
  hasFaults,
  namespacePurgeRequestSchema,
  sandboxServiceNameSchema,
} from './faults';

describe('faultSettingsSchema', () => {
  it.each([
    [{ errorRate: 0, latencyMs: 0 }, true],
    [{ errorRate: 0.25, latencyMs: 300 }, true],
    [{ errorRate: 1, latencyMs: 10000 }, true],
    [{ errorRate: -0.1, latencyMs: 0 }, false],
    [{ errorRate: 1.01, latencyMs: 0 }, false],
    [{ errorRate: 0.5, latencyMs: 10001 }, false],
    [{ errorRate: 0.5, latencyMs: -1 }, false],
    [{ errorRate: 0.5, latencyMs: 1.5 }, false],
    [{ errorRate: '0.5', latencyMs: 0 }, false],
    [{ errorRate: 0.5 }, false],
    [{ errorRate: 0.5, latencyMs: 0, extra: true }, false],
  ])('%j valid: %s', (value, valid) => {
    expect(faultSettingsSchema.safeParse(value).success).toBe(valid);
  });
});

describe('sandboxServiceNameSchema', () => {
  it.each([
    ['checkout', true],
    ['search-api', true],
    ['a', true],
    ['-checkout', false],
    ['check/out', false],
    ['', false],
    ['x'.repeat(64), false],
  ])('%s valid: %s', (value, valid) => {
    expect(sandboxServiceNameSchema.safeParse(value).success).toBe(valid);
  });
});

describe('hasFaults', () => {
  it.each([
    [undefined, false],
    [{ errorRate: 0, latencyMs: 0 }, false],
    [{ errorRate: 0.1, latencyMs: 0 }, true],
    [{ errorRate: 0, latencyMs: 200 }, true],
  ])('%j is %s', (faults, expected) => {
    expect(hasFaults(faults)).toBe(expected);
  });
});

describe('namespacePurgeRequestSchema', () => {
  it.each([
    [{ namespace: 'sandbox' }, true],
    [{ namespace: 'default' }, false],
    [{ namespace: 'Sandbox' }, false],
    [{}, false],
    [{ namespace: 'sandbox', all: true }, false],
  ])('%j valid: %s', (value, valid) => {
    expect(namespacePurgeRequestSchema.safeParse(value).success).toBe(valid);
  });

  it('says which namespace may be purged', () => {
    const result = namespacePurgeRequestSchema.safeParse({
      namespace: 'default',
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result)).toContain(
      'only the sandbox namespace can be purged',
    );
  });
});

describe('adminServicesResponseSchema', () => {
  it.each([
    [
      'a list with nested faults',
      [{ name: 'checkout', faults: { errorRate: 0.5, latencyMs: 100 } }],
    ],
    [
      'an object with flat faults',
      { services: [{ name: 'checkout', errorRate: 0.5, latencyMs: 100 }] },
    ],
  ])('reads %s', (_, body) => {
    expect(adminServicesResponseSchema.parse(body)).toEqual([
      { name: 'checkout', faults: { errorRate: 0.5, latencyMs: 100 } },
    ]);
  });

  it('reads missing faults as none and ignores unknown fields', () => {
    expect(
      adminServicesResponseSchema.parse({
        services: [{ name: 'search', port: 8091, requests: 12 }],
        uptime: 3,
      }),
    ).toEqual([{ name: 'search', faults: { errorRate: 0, latencyMs: 0 } }]);
  });

  it.each([[{}], [[{ name: '' }]], ['ok']])('refuses %j', body => {
    expect(adminServicesResponseSchema.safeParse(body).success).toBe(false);
  });
});
