import {
  alertFingerprint,
  parseAlertmanagerPayload,
} from './alertmanagerPayload';
import { alert, parsed, payload } from './__testUtils__/alertmanagerFixtures';

describe('parseAlertmanagerPayload', () => {
  it('accepts a full v4 payload with nanosecond timestamps', () => {
    const body = payload([
      {
        ...alert('a', 'firing', 0),
        startsAt: '2024-05-01T14:00:00.123456789+02:00',
      },
    ]);
    const p = parsed(body);
    expect(p.alerts[0].fingerprint).toBe('a');
  });

  it('accepts old payloads without truncatedAlerts or fingerprint', () => {
    const { fingerprint: _fp, ...oldAlert } = alert('a', 'firing', 0);
    const body: Record<string, unknown> = payload([oldAlert]);
    delete body.truncatedAlerts;
    const p = parsed(body);
    expect(p.truncatedAlerts).toBe(0);
    expect(alertFingerprint(p.alerts[0])).toBe(
      alertFingerprint({ labels: { ...p.alerts[0].labels } }),
    );
    expect(alertFingerprint(p.alerts[0])).toContain('alertname');
  });

  it('derives a fingerprint that fits its column from many labels, stably', () => {
    const labels = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`label_${i}`, `value-${i}`]),
    );
    const fingerprint = alertFingerprint({ labels });
    expect(fingerprint).toMatch(/^labels:[0-9a-f]{16}$/);
    expect(alertFingerprint({ labels: { ...labels } })).toBe(fingerprint);
    expect(
      alertFingerprint({ labels: { ...labels, label_0: 'other' } }),
    ).not.toBe(fingerprint);
  });

  it('refuses a fingerprint longer than its column', () => {
    const result = parseAlertmanagerPayload(
      payload([{ ...alert('a', 'firing', 0), fingerprint: 'f'.repeat(256) }]),
    );
    expect(result).toEqual({
      ok: false,
      errors: ['alerts[0].fingerprint: must be at most 255 characters'],
    });
  });

  it.each([
    [{ version: '3' }, 'version: must be "4"'],
    [{ groupKey: undefined }, 'groupKey: is required'],
    [{ groupKey: '' }, 'groupKey: must not be empty'],
    [{ status: 'pending' }, 'status: must be "firing" or "resolved"'],
    [{ truncatedAlerts: -1 }, 'truncatedAlerts: must not be negative'],
    [{ alerts: 'nope' }, 'alerts: must be an array'],
    [
      { alerts: [{ ...alert('a', 'firing', 0), startsAt: 'yesterday' }] },
      'alerts[0].startsAt: must be an RFC 3339 timestamp',
    ],
    [
      { alerts: [{ ...alert('a', 'firing', 0), labels: { x: 1 } }] },
      'alerts[0].labels.x: values must be strings',
    ],
    [
      { alerts: [{ ...alert('a', 'firing', 0), status: undefined }] },
      'alerts[0].status: is required',
    ],
    [{ commonLabels: [] }, 'commonLabels:'],
  ])('rejects %o with %s', (override, message) => {
    const r = parseAlertmanagerPayload({
      ...payload([alert('a', 'firing', 0)]),
      ...override,
    });
    expect(r).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.stringContaining(message)]),
    });
  });

  it('rejects a non-object body', () => {
    const r = parseAlertmanagerPayload('hello');
    expect(r).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('(payload)')],
    });
  });
});
