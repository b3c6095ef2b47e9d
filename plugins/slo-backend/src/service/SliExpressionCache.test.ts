import { definitionsFrom, SPEC_YAML } from '../__testUtils__/fixtures';
import { sliExpressions, windowsFor } from './evaluation';
import { SliExpressionCache } from './SliExpressionCache';

describe('SliExpressionCache', () => {
  it('renders an SLO once until its spec changes, and forgets removed SLOs', () => {
    const render = jest.fn(sliExpressions);
    const cache = new SliExpressionCache(render);
    const [availability, latency] = definitionsFrom(SPEC_YAML);
    const first = cache.expressionsFor(availability);
    expect(first.get('5m')).toContain('[5m]');
    // Definitions are read afresh every cycle: equal content is a hit.
    const [reread] = definitionsFrom(SPEC_YAML);
    expect(cache.expressionsFor(reread)).toBe(first);
    cache.expressionsFor(latency);
    expect(render).toHaveBeenCalledTimes(2);

    const [changed] = definitionsFrom(
      SPEC_YAML.replace('job="checkout",code', 'job="shop",code'),
    );
    expect(cache.expressionsFor(changed).get('5m')).toContain('job="shop"');
    const longer = { ...changed, period: '90d' };
    expect([...cache.expressionsFor(longer).keys()]).toEqual(
      windowsFor(longer),
    );
    expect(render).toHaveBeenCalledTimes(4);

    cache.retainOnly(new Set([availability.sloId]));
    cache.expressionsFor(latency);
    expect(render).toHaveBeenCalledTimes(5);
  });

  it('keeps a rendering error until the spec changes', () => {
    const render = jest.fn(() => {
      throw new Error('no windows for 7d');
    });
    const cache = new SliExpressionCache(render);
    const [availability] = definitionsFrom(SPEC_YAML);
    expect(() => cache.expressionsFor(availability)).toThrow('no windows');
    expect(() => cache.expressionsFor(availability)).toThrow('no windows');
    expect(render).toHaveBeenCalledTimes(1);
  });
});
