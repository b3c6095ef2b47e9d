import { parseSloSpecs } from '@vigil/backstage-plugin-slo-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { EXAMPLE_SPEC, SloEmptyState } from './SloEmptyState';

describe('SloEmptyState', () => {
  it('explains the annotation and shows a minimal spec', async () => {
    renderInTestApp(<SloEmptyState />);
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    expect(
      screen.getByText(/vigil\.dev\/slo-spec: \.\/slo\.yaml/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Sloth/)).toBeInTheDocument();
  });

  it('shows an example spec that slo-common accepts', () => {
    const result = parseSloSpecs(EXAMPLE_SPEC, { source: 'slo.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.specs).toHaveLength(1);
    expect(result.specs[0].objectivePercent).toBe(99.9);
  });
});
