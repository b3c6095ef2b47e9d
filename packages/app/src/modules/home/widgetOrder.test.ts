import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import { orderWidgets } from './widgetOrder';

const widget = (name?: string, title?: string) =>
  ({ name, title, component: null, node: {} } as unknown as HomePageWidgetData);

describe('orderWidgets', () => {
  it('puts the known widgets in their order and the others last, by name', () => {
    const ordered = orderWidgets([
      widget('Zeta'),
      widget('Shortcuts'),
      widget('OpenIncidents'),
      widget(undefined, 'Beta'),
      widget('MyServices'),
      widget('Alpha'),
      widget('MyActionItems'),
      widget('SlosAtRisk'),
      widget('AwaitingDecision'),
    ]);
    expect(ordered.map(w => w.name ?? w.title)).toEqual([
      'MyServices',
      'AwaitingDecision',
      'SlosAtRisk',
      'OpenIncidents',
      'MyActionItems',
      'Shortcuts',
      'Alpha',
      'Beta',
      'Zeta',
    ]);
  });

  it('does not depend on the input order', () => {
    const names = ['Zeta', 'Shortcuts', 'Alpha', 'MyServices', 'SlosAtRisk'];
    const forward = orderWidgets(names.map(n => widget(n)));
    const backward = orderWidgets([...names].reverse().map(n => widget(n)));
    expect(backward.map(w => w.name)).toEqual(forward.map(w => w.name));
  });
});
