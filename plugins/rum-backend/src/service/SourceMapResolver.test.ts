import { mockServices } from '@backstage/backend-test-utils';
import { SOURCE_MAPS_DIR } from '../__testUtils__/backend';
import { bundleName, SourceMapResolver } from './SourceMapResolver';

describe('SourceMapResolver', () => {
  const resolver = new SourceMapResolver({
    directory: SOURCE_MAPS_DIR,
    logger: mockServices.logger.mock(),
  });

  it.each([
    ['http://localhost:3000/static/main.1a2b3c4d.js', 'main.1a2b3c4d.js'],
    [
      'https://vigil.example.com/static/812.0a1b2c3d.chunk.js?x=1',
      '812.0a1b2c3d.chunk.js',
    ],
    ['http://h/static/../../etc/passwd', undefined],
    ['http://h/static/.hidden.js', undefined],
    ['<anonymous>', undefined],
  ])('the bundle of %s is %s', (filename, name) => {
    expect(bundleName(filename)).toBe(name);
  });

  it('maps a production frame to its source, function and position', async () => {
    const frame = {
      filename: 'http://localhost:3000/static/main.1a2b3c4d.js',
      function: 'a',
      lineno: 1,
      colno: 10,
    };
    expect(await resolver.mapFrames([frame])).toEqual({
      mapped: true,
      frames: [
        {
          function: 'explodeOnClick',
          filename: 'plugins/rum/src/components/ExplodingWidget.tsx',
          lineno: 12,
          colno: 5,
        },
      ],
    });
  });

  it('leaves frames without a map, line or column as they are', async () => {
    const frames = [
      {
        filename: 'http://localhost:3000/static/other.ffffffff.js',
        function: 'b',
        lineno: 1,
        colno: 1,
      },
      {
        filename: 'http://localhost:3000/static/main.1a2b3c4d.js',
        function: 'c',
      },
    ];
    expect(await resolver.mapFrames(frames)).toEqual({ mapped: false, frames });
  });
});
