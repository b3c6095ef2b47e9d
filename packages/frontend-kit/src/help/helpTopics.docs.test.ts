/**
 * @jest-environment node
 */
/* eslint-disable security/detect-non-literal-fs-filename -- paths of the site this test builds */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  helpDocsPath,
  helpTopics,
  HelpTopicId,
  VIGIL_DOCS_PATH,
} from './helpTopics';

// Vigil's own TechDocs (the `vigil` component's backstage.io/techdocs-ref).
const techdocs = path.resolve(__dirname, '../../../../techdocs');

describe('every help topic links to a page and heading that exist', () => {
  let site: string;

  beforeAll(() => {
    // The real generator: Debian's mkdocs, strict, so a broken link between
    // the help pages fails here too. Anchors are its own heading slugs.
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-help-site-'));
    execFileSync(
      'mkdocs',
      [
        'build',
        '--strict',
        '--quiet',
        '-f',
        path.join(techdocs, 'mkdocs.yml'),
        '-d',
        site,
      ],
      { stdio: 'pipe' },
    );
  }, 120_000);

  afterAll(() => fs.rmSync(site, { recursive: true, force: true }));

  it.each(Object.keys(helpTopics) as HelpTopicId[])('%s', topic => {
    const { page, anchor } = helpTopics[topic];
    expect(helpDocsPath(topic)).toBe(
      `${VIGIL_DOCS_PATH}/help/${page}/${anchor ? `#${anchor}` : ''}`,
    );
    const html = path.join(site, 'help', page, 'index.html');
    const ids = fs.existsSync(html)
      ? new Set(
          [...fs.readFileSync(html, 'utf8').matchAll(/\sid="([^"]+)"/g)].map(
            m => m[1],
          ),
        )
      : undefined;
    // Both at once, so a failure names the page and the missing heading.
    expect({
      page,
      anchor,
      built: Boolean(ids),
      found: anchor ? ids?.has(anchor) : true,
    }).toEqual({
      page,
      anchor,
      built: true,
      found: true,
    });
  });

  it('the search index holds the help pages, the FAQ and the glossary', () => {
    const { docs } = JSON.parse(
      fs.readFileSync(path.join(site, 'search/search_index.json'), 'utf8'),
    ) as { docs: { location: string }[] };
    const locations = new Set(docs.map(d => d.location));
    for (const location of [
      'faq/',
      'glossary/',
      'help/slos/',
      'help/slos/#burn-rate',
      'help/incidents/#statuses',
    ]) {
      expect({ location, indexed: locations.has(location) }).toEqual({
        location,
        indexed: true,
      });
    }
  });
});
