import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import { orderWidgets, widgetTourId } from './widgetOrder';

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
      widget('GetStarted'),
    ]);
    expect(ordered.map(w => w.name ?? w.title)).toEqual([
      'GetStarted',
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

describe('widgetTourId', () => {
  it.each<[string | undefined, string | undefined]>([
    ['MyServices', 'home-my-services'],
    ['GetStarted', 'home-get-started'],
    ['AwaitingDecision', 'home-awaiting-decision'],
    ['SlosAtRisk', 'home-slos-at-risk'],
    ['Shortcuts', 'home-shortcuts'],
    [undefined, undefined],
  ])('%s', (name, id) => {
    expect(widgetTourId(name)).toBe(id);
  });
});
