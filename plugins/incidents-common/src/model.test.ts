import {
  declareIncidentRequestSchema,
  DEFAULT_SEVERITIES,
  roleChangesSchema,
  entityRefSchema,
  resolveSeverityTable,
  severityConfigSchema,
  timelineEventSchema,
} from './model';
import { T0 } from './__testUtils__/fixtures';

describe('model', () => {
  it('applies severity config overrides', () => {
    const config = severityConfigSchema.parse({ SEV1: { name: 'P0 outage' } });
    const table = resolveSeverityTable(config);
    expect(table.SEV1).toEqual({
      name: 'P0 outage',
      description: DEFAULT_SEVERITIES.SEV1.description,
    });
    expect(table.SEV4).toEqual(DEFAULT_SEVERITIES.SEV4);
    expect(severityConfigSchema.safeParse({ SEV5: {} }).success).toBe(false);
  });

  it.each([
    ['component:default/checkout', true],
    ['user:team-a/jane.doe', true],
    ['checkout', false],
    ['component:checkout', false],
    ['default/checkout', false],
    [':default/x', false],
  ])('entity ref %s valid=%s', (ref, valid) => {
    expect(entityRefSchema.safeParse(ref).success).toBe(valid);
  });

  it.each([
    ['user:default/alice', true],
    ['User:default/alice', true],
    ['group:default/payments', false],
    ['alice', false],
  ])('takes %s as a role holder: %s', (ref, ok) => {
    expect(roleChangesSchema.safeParse({ commander: ref }).success).toBe(ok);
    expect(
      declareIncidentRequestSchema.safeParse({
        title: 'x',
        severity: 'SEV3',
        entityRefs: ['component:default/checkout'],
        commander: ref,
      }).success,
    ).toBe(ok);
  });

  it('says a group cannot hold a role', () => {
    const result = roleChangesSchema.safeParse({
      scribe: 'group:default/payments',
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(
      'must be a user ref',
    );
  });

  it('discriminates timeline events by type', () => {
    expect(
      timelineEventSchema.safeParse({
        type: 'note',
        at: T0,
        actor: 'user:default/a',
        text: 'hi',
      }).success,
    ).toBe(true);
    expect(
      timelineEventSchema.safeParse({
        type: 'note',
        at: T0,
        actor: 'user:default/a',
      }).success,
    ).toBe(false);
    expect(
      timelineEventSchema.safeParse({ type: 'unknown', at: T0, actor: 'x' })
        .success,
    ).toBe(false);
  });
});
