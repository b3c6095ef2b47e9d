import { markdownToPlainText } from './text';

describe('markdownToPlainText', () => {
  it.each([
    ['**Bold** and __strong__ words', 'Bold and strong words'],
    [
      '*em* and _em_ but snake_case_name stays',
      'em and em but snake_case_name stays',
    ],
    ['~~gone~~ here', 'gone here'],
    ['# Title\n\n## Sub ##', 'Title\n\nSub'],
    ['- one\n* two\n+ three\n1. four\n2) five', 'one\ntwo\nthree\nfour\nfive'],
    ['- [x] done\n- [ ] todo', 'done\ntodo'],
    ['> quoted **text**\n>> deeper', 'quoted text\ndeeper'],
    ['See [the runbook](https://x.example/r "t") now', 'See the runbook now'],
    ['![graph of p99](https://x.example/g.png)', 'graph of p99'],
    ['[ref link][1]\n\n[1]: https://x.example', 'ref link'],
    ['<https://x.example/a>', 'https://x.example/a'],
    ['Use `kubectl rollout undo` fast', 'Use kubectl rollout undo fast'],
    ['```sh\nkubectl get pods\n```', 'kubectl get pods'],
    ['~~~\n**not bold** in code\n~~~\nafter', 'not bold in code\nafter'],
    [
      '| Metric | Value |\n| --- | ---: |\n| p99 | 4 s |',
      'Metric Value\np99 4 s',
    ],
    ['Text\n\n---\n\nMore', 'Text\n\nMore'],
    ['<!-- prompt -->\nReal content', 'Real content'],
    ['<!-- unterminated prompt', ''],
    ['a <b>bold</b> <br/> tag', 'a bold tag'],
    ['2 \\* 3 \\_x\\_', '2 * 3 _x_'],
    ['Heading\n=======', 'Heading'],
    ['5 * 3 * 2 = 30', '5 * 3 * 2 = 30'],
    ['plain text stays', 'plain text stays'],
    ['', ''],
  ])('%j → %j', (markdown, expected) => {
    expect(markdownToPlainText(markdown)).toBe(expected);
  });

  it('is fast on pathological input', () => {
    for (const input of [
      '*_'.repeat(20_000),
      '['.repeat(20_000),
      '![a]('.repeat(20_000),
      '[a]['.repeat(20_000),
      '[a\n'.repeat(20_000),
      `${'`'.repeat(20_000)}x`,
      '```a\n'.repeat(20_000),
      '<a '.repeat(20_000),
      '**a'.repeat(20_000),
      '| a '.repeat(20_000),
      '- '.repeat(20_000),
    ]) {
      const started = Date.now();
      markdownToPlainText(input);
      expect([input.slice(0, 6), Date.now() - started < 200]).toEqual([
        input.slice(0, 6),
        true,
      ]);
    }
  });
});
