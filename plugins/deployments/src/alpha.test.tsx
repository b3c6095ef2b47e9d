import deploymentsPlugin from './alpha';
import { isDeployableService } from './lib/filters';
import { scoringApi } from './__testUtils__/fixtures';

describe('deployments plugin', () => {
  it('provides the API and the entity tab', () => {
    expect(deploymentsPlugin.id).toBe('deployments');
    for (const id of [
      'api:deployments',
      'entity-content:deployments',
    ] as const) {
      expect(deploymentsPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows the tab on services only', () => {
    expect(isDeployableService(scoringApi)).toBe(true);
    expect(
      isDeployableService({ ...scoringApi, spec: { type: 'website' } }),
    ).toBe(false);
    expect(isDeployableService({ ...scoringApi, kind: 'System' })).toBe(false);
    expect(isDeployableService({ ...scoringApi, kind: 'component' })).toBe(
      true,
    );
  });
});
