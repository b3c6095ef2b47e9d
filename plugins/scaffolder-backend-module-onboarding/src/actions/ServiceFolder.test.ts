// Files live in fresh temporary folders the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import path from 'node:path';
import { temporaryFolder } from '../__testUtils__/fixtures';
import { ServiceFolder } from './ServiceFolder';

describe('ServiceFolder', () => {
  let root: ReturnType<typeof temporaryFolder>;
  beforeEach(() => {
    root = temporaryFolder();
  });
  afterEach(() => root.cleanup());

  it.each([['..'], ['../x'], ['/abs'], ['a/b'], [''], ['UPPER']])(
    'refuses the folder name %j',
    name => {
      expect(() => new ServiceFolder(root.folder, name)).toThrow(
        /not a service name/,
      );
    },
  );

  it.each([
    ['../escape.yaml', /goes up with \.\./],
    ['docs/../../escape.yaml', /goes up with \.\./],
    ['/tmp/escape.yaml', /is absolute/],
    ['docs\\..\\..\\escape', /backslash/],
  ])('refuses to write the file %j', async (file, message) => {
    const folder = new ServiceFolder(root.folder, 'svc');
    await expect(folder.write([{ path: file, content: 'x' }])).rejects.toThrow(
      message,
    );
    expect(
      fs
        .readdirSync(path.dirname(root.folder))
        .filter(n => n === 'escape.yaml'),
    ).toEqual([]);
    expect(fs.readdirSync(path.join(root.folder, 'svc'))).toEqual([]);
  });

  it('writes nested files and leaves no temporary files', async () => {
    const folder = new ServiceFolder(root.folder, 'svc');
    await folder.write([
      { path: 'docs/index.md', content: '# x' },
      { path: 'catalog-info.yaml', content: 'kind: Component' },
    ]);
    expect(fs.readdirSync(folder.path).sort()).toEqual([
      'catalog-info.yaml',
      'docs',
    ]);
    expect(fs.readdirSync(path.join(folder.path, 'docs'))).toEqual([
      'index.md',
    ]);
  });
});
