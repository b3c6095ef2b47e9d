import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { SloEvaluation } from '../api/types';
import { BurnDownChart } from './BurnDownChart';
import { deployMarkerTitle, placeDeployMarkers } from './DeployMarkers';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const T0 = Date.parse('2025-03-10T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

function evaluations(count: number): SloEvaluation[] {
  return Array.from({ length: count }, (_, index) => ({
    evaluatedAt: at(index),
    sli: null,
    budgetRemaining: 0.9 - index * 0.01,
    burnRates: {},
    firingAlert: null,
    status: 'ok',
  }));
}

function deploy(
  id: string,
  minutes: number,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    id,
    entityRef: 'component:default/scoring-api',
    environment: 'production',
    kind: 'deploy',
    outcome: 'succeeded',
    release: { version: `0.1.0+${id}`, commit: 'abc1234' },
    recordedBy: 'vigil-deploy',
    startedAt: at(minutes - 1),
    trafficSwitchedAt: at(minutes),
    steps: [],
    smoke: [],
    revision: 1,
    createdAt: at(minutes - 1),
    updatedAt: at(minutes),
    ...overrides,
  };
}

describe('BurnDownChart deploy markers', () => {
  it('marks each deploy in the time range with its version and a tooltip', async () => {
    await renderInTestApp(
      <BurnDownChart
        evaluations={evaluations(60)}
        zone="UTC"
        deploys={[
          deploy('aaa1111', 20),
          deploy('bbb2222', 45, { kind: 'rollback', outcome: 'succeeded' }),
          // Before the chart's first evaluation: not drawn.
          deploy('old0000', -30),
        ]}
      />,
    );

    const markers = screen.getAllByTestId('slo-burn-down-deploy');
    expect(markers).toHaveLength(2);
    expect(markers[0]).toHaveTextContent('v0.1.0+aaa1111');
    expect(markers[0].querySelector('title')).toHaveTextContent(
      /^Deployed v0\.1\.0\+aaa1111 at /,
    );
    expect(markers[1].querySelector('title')).toHaveTextContent(
      /^Rolled back to v0\.1\.0\+bbb2222 at /,
    );
    // Each line at its deploy's time.
    const [first, second] = markers.map(marker =>
      Number(marker.querySelector('line')!.getAttribute('x1')),
    );
    expect(first).toBeLessThan(second);
    const label = within(markers[0]).getByText('v0.1.0+aaa1111');
    expect(label.tagName.toLowerCase()).toBe('text');
  });

  it('draws no markers without deploys', async () => {
    await renderInTestApp(
      <BurnDownChart evaluations={evaluations(10)} zone="UTC" />,
    );
    expect(screen.getByTestId('slo-burn-down')).toBeInTheDocument();
    expect(screen.queryByTestId('slo-burn-down-deploys')).toBeNull();
  });
});

describe('placeDeployMarkers', () => {
  const scale = (time: number) => (time - T0) / MINUTE; // 1 px a minute

  it('keeps deploys inside the domain, oldest first, by when they took traffic', () => {
    const markers = placeDeployMarkers(
      [
        deploy('b', 300),
        deploy('a', 100),
        deploy('late', 700),
        // Never switched: placed at its start.
        deploy('c', 500, { trafficSwitchedAt: undefined }),
      ],
      [T0, T0 + 600 * MINUTE],
      scale,
    );
    expect(markers.map(m => [m.record.id, m.position])).toEqual([
      ['a', 100],
      ['b', 300],
      ['c', 499],
    ]);
  });

  it('labels a marker only where its label does not overlap the previous one', () => {
    const markers = placeDeployMarkers(
      [deploy('a', 100), deploy('b', 110), deploy('c', 300)],
      [T0, T0 + 600 * MINUTE],
      scale,
    );
    expect(markers.map(m => m.labelled)).toEqual([true, false, true]);
  });

  it('puts a label left of its line near the right edge', () => {
    const [marker] = placeDeployMarkers(
      [deploy('a', 595)],
      [T0, T0 + 600 * MINUTE],
      scale,
    );
    expect(marker.anchor).toBe('end');
  });
});

describe('deployMarkerTitle', () => {
  it('says what, which version and how a deploy that did not succeed ended', () => {
    expect(
      deployMarkerTitle(deploy('a', 0, { outcome: 'rolled_back' })),
    ).toMatch(/^Deployed v0\.1\.0\+a at .+ \(rolled back\)$/);
    expect(deployMarkerTitle(deploy('d', 0, { kind: 'drill' }))).toMatch(
      /^Rollback drill released v0\.1\.0\+d at /,
    );
  });
});
