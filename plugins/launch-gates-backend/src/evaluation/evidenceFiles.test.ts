// The test's own temporary directories.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CycleMemo } from './CycleMemo';
import { createEvidenceFiles } from './evidenceFiles';

describe('evidenceFiles', () => {
  let parent: string;
  let root: string;
  beforeAll(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-files-'));
    root = path.join(parent, 'validation');
    fs.mkdirSync(path.join(root, 'drills'), { recursive: true });
    fs.writeFileSync(path.join(root, 'drills', 'b.json'), '{"b":1}');
    fs.writeFileSync(path.join(root, 'drills', 'a.json'), '{"a":1}');
    fs.writeFileSync(path.join(root, 'drills', 'broken.json'), '{');
    fs.writeFileSync(path.join(root, 'drills', '.hidden.json'), '{}');
    fs.mkdirSync(path.join(root, 'drills', 'sub.json'));
    fs.writeFileSync(path.join(parent, 'secret.json'), '{"secret":true}');
    fs.symlinkSync(
      path.join(parent, 'secret.json'),
      path.join(root, 'drills', 'link.json'),
    );
  });
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  const files = (options: { directory?: string; linkBase?: string } = {}) =>
    createEvidenceFiles({ directory: root, memo: new CycleMemo(), ...options });

  it('lists the files of a subdirectory, sorted, without hidden files or directories', async () => {
    expect(await files().list('drills')).toEqual([
      'a.json',
      'b.json',
      'broken.json',
    ]);
    expect(await files().list('load-tests')).toEqual([]);
  });

  it('reads listed JSON files and names a broken one', async () => {
    expect(await files().readJson('drills', 'a.json')).toEqual({ a: 1 });
    await expect(files().readJson('drills', 'broken.json')).rejects.toThrow(
      /^drills\/broken.json is not valid JSON: /,
    );
  });

  it.each([
    [
      'drills',
      '../../secret.json',
      'no evidence file drills/../../secret.json',
    ],
    ['drills', 'link.json', 'no evidence file drills/link.json'],
    ['drills', 'missing.json', 'no evidence file drills/missing.json'],
    ['..', 'secret.json', 'Not an evidence subdirectory: ".."'],
    ['drills/..', 'secret.json', 'Not an evidence subdirectory: "drills/.."'],
    ['/etc', 'passwd', 'Not an evidence subdirectory: "/etc"'],
    [
      'drills/../..',
      'secret.json',
      'Not an evidence subdirectory: "drills/../.."',
    ],
  ])('never reads outside the directory: %s %s', async (sub, name, message) => {
    await expect(files().readJson(sub, name)).rejects.toThrow(message);
  });

  it('reports that no directory is configured', async () => {
    await expect(files({ directory: '' }).list('drills')).rejects.toThrow(
      'no evidence directory is configured (launchGates.evidence.directory)',
    );
  });

  it('links files under linkBase when one is configured', () => {
    expect(files().linkTo('drills', 'a.json')).toBeUndefined();
    expect(
      files({
        linkBase: 'https://git.example/vigil/blob/main/validation/',
      }).linkTo('drills', 'a b.json'),
    ).toBe('https://git.example/vigil/blob/main/validation/drills/a%20b.json');
  });

  it('reads each file and listing once per memo', async () => {
    const memo = new CycleMemo();
    const shared = createEvidenceFiles({ directory: root, memo });
    await Promise.all([
      shared.readJson('drills', 'a.json'),
      shared.readJson('drills', 'a.json'),
      shared.list('drills'),
    ]);
    expect(memo.size).toBe(2);
  });
});
