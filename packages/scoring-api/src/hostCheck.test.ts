import {
  DEFAULT_ALLOWED_HOSTS,
  crossSiteBrowserRequest,
  hostAllowed,
  parseHost,
} from './hostCheck';

describe('parseHost', () => {
  it.each([
    ['localhost:8080', { name: 'localhost', port: 8080 }],
    ['LOCALHOST', { name: 'localhost', port: undefined }],
    ['127.0.0.1:8080', { name: '127.0.0.1', port: 8080 }],
    ['[::1]:8080', { name: '[::1]', port: 8080 }],
    ['[::1]', { name: '[::1]', port: undefined }],
    ['', undefined],
    [undefined, undefined],
    ['localhost:0', undefined],
    ['localhost:99999', undefined],
    ['evil.example/path', undefined],
    ['user@localhost', undefined],
    ['::1', undefined],
    ['localhost:80:80', undefined],
  ])('%j', (header, expected) => {
    expect(parseHost(header)).toEqual(expected);
  });
});

describe('hostAllowed', () => {
  const port = 8080;
  it.each([
    ['127.0.0.1:8080', DEFAULT_ALLOWED_HOSTS, true],
    ['localhost:8080', DEFAULT_ALLOWED_HOSTS, true],
    ['[::1]:8080', DEFAULT_ALLOWED_HOSTS, true],
    ['localhost', DEFAULT_ALLOWED_HOSTS, true],
    ['LocalHost:8080', DEFAULT_ALLOWED_HOSTS, true],
    ['localhost:9090', DEFAULT_ALLOWED_HOSTS, false],
    ['evil.example:8080', DEFAULT_ALLOWED_HOSTS, false],
    ['localhost.evil.example:8080', DEFAULT_ALLOWED_HOSTS, false],
    ['127.0.0.2:8080', DEFAULT_ALLOWED_HOSTS, false],
    ['0.0.0.0:8080', DEFAULT_ALLOWED_HOSTS, false],
    [undefined, DEFAULT_ALLOWED_HOSTS, false],
    ['scoring.example.com:443', ['scoring.example.com:443'], true],
    ['scoring.example.com', ['scoring.example.com:443'], false],
    ['scoring.example.com:8080', ['scoring.example.com:443'], false],
    ['scoring.internal:8080', ['scoring.internal'], true],
  ] as const)('%s against %j: %s', (header, allowed, expected) => {
    expect(hostAllowed(header, allowed, port)).toBe(expected);
  });
});

describe('crossSiteBrowserRequest', () => {
  it.each([
    [undefined, undefined, false],
    ['none', undefined, false],
    ['same-origin', undefined, false],
    ['same-site', undefined, true],
    ['cross-site', undefined, true],
    [undefined, 'http://localhost:8080', false],
    [undefined, 'http://127.0.0.1:8080', false],
    [undefined, 'http://evil.example', true],
    [undefined, 'http://localhost:3000', true],
    [undefined, 'null', true],
  ])('Sec-Fetch-Site %s, Origin %s: %s', (site, origin, expected) => {
    expect(
      crossSiteBrowserRequest(site, origin, DEFAULT_ALLOWED_HOSTS, 8080),
    ).toBe(expected);
  });
});
