import type { Entity } from '@backstage/catalog-model';
import plugin from './alpha';
import { hasLogs } from './lib/filters';

const entity = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

describe('the logs plugin', () => {
  it('is the plugin `logs`', () => {
    expect(plugin.id).toBe('logs');
  });

  it.each([
    [entity('Component'), true],
    [entity('System'), false],
    [entity('Resource', { 'vigil.dev/log-service': 'db' }), true],
  ])('gives %j the Logs tab: %s', (e, expected) => {
    expect(hasLogs(e)).toBe(expected);
  });
});
