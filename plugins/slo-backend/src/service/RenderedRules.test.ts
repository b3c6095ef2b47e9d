import { RenderedRules } from './RenderedRules';

describe('RenderedRules', () => {
  it('renders once per reader and version, and again when the version changes', async () => {
    const rules = new RenderedRules<string>();
    let renders = 0;
    const render = jest.fn(async () => `rendered ${++renders}`);
    expect(await rules.get('v1', 'all', render)).toBe('rendered 1');
    expect(await rules.get('v1', 'all', render)).toBe('rendered 1');
    expect(await rules.get('v1', 'team-a', render)).toBe('rendered 2');
    expect(await rules.get('v2', 'all', render)).toBe('rendered 3');
    expect(render).toHaveBeenCalledTimes(3);
  });

  it('shares one rendering between concurrent requests', async () => {
    const rules = new RenderedRules<string>();
    let finish: (value: string) => void = () => {};
    const render = jest.fn(
      () => new Promise<string>(resolve => (finish = resolve)),
    );
    const first = rules.get('v1', 'all', render);
    const second = rules.get('v1', 'all', render);
    finish('rules');
    expect(await Promise.all([first, second])).toEqual(['rules', 'rules']);
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed rendering', async () => {
    const rules = new RenderedRules<string>();
    await expect(
      rules.get('v1', 'all', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(await rules.get('v1', 'all', async () => 'rules')).toBe('rules');
  });

  it('keeps the most recently used readers up to its capacity', async () => {
    const rules = new RenderedRules<string>(2);
    const render = jest.fn(async () => 'rules');
    await rules.get('v1', 'a', render);
    await rules.get('v1', 'b', render);
    await rules.get('v1', 'a', render); // a is now the most recent
    await rules.get('v1', 'c', render); // b goes
    expect(render).toHaveBeenCalledTimes(3);
    await rules.get('v1', 'a', render);
    await rules.get('v1', 'c', render);
    expect(render).toHaveBeenCalledTimes(3);
    await rules.get('v1', 'b', render);
    expect(render).toHaveBeenCalledTimes(4);
  });
});
