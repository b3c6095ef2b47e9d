import { CheckProviderRegistry } from './CheckProviderRegistry';
import { builtInCheckProviders } from '../providers';

const builtIns = () =>
  builtInCheckProviders({ reportSource: { latest: async () => undefined } });

describe('CheckProviderRegistry', () => {
  it('holds the seven built-in providers by id', () => {
    const registry = new CheckProviderRegistry(builtIns());
    expect(registry.ids()).toEqual([
      'incidents',
      'load-test',
      'oncall-coverage',
      'rollback-drill',
      'runbooks',
      'security-scan',
      'slo-history',
    ]);
    expect(registry.get('load-test')?.title).toBe('Load test within targets');
    expect(registry.get('nope')).toBeUndefined();
  });

  it('refuses a second provider with an id already taken, naming it', () => {
    const registry = new CheckProviderRegistry(builtIns());
    const [slo] = builtIns();
    expect(() => registry.add({ ...slo, title: 'Mine' })).toThrow(
      'A launch-gates check provider with id "slo-history" is already registered (SLO history); provider ids must be unique',
    );
  });

  it("every built-in's default rule names only measures it reports and its default params parse", () => {
    for (const provider of builtIns()) {
      const params = provider.paramsSchema.parse({});
      const measures = provider.measures.map(m => m.name);
      for (const condition of provider.defaultPassRule(params)) {
        expect(measures).toContain(condition.measure);
      }
    }
  });
});
