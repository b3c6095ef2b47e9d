import fs from 'node:fs';
import path from 'node:path';
import { renderHaproxyConfig } from './renderConfig';

const template = fs.readFileSync(
  path.resolve(__dirname, '../../../../ops/haproxy/haproxy.cfg'),
  'utf8',
);
const ports = { frontend: 18080, blue: 18081, green: 18082, stats: 18404 };

describe('renderHaproxyConfig', () => {
  it('moves every address of ops/haproxy/haproxy.cfg and the socket', () => {
    const config = renderHaproxyConfig(template, ports, '/tmp/x/admin.sock');
    expect(config).toMatch(
      /^\s*stats socket \/tmp\/x\/admin\.sock mode 600 level admin$/m,
    );
    expect(config).toMatch(/^\s*bind 127\.0\.0\.1:18080$/m);
    expect(config).toMatch(/^\s*bind 127\.0\.0\.1:18404$/m);
    expect(config).toMatch(/^\s*server blue 127\.0\.0\.1:18081$/m);
    expect(config).toMatch(/^\s*server green 127\.0\.0\.1:18082 disabled$/m);
    const directives = config
      .split('\n')
      .filter(line => !line.trim().startsWith('#'))
      .join('\n');
    expect(directives).not.toMatch(/:(8080|8081|8082|8404)\b/);
    // Everything else is the production file's.
    expect(config).toContain('retry-on conn-failure empty-response');
    expect(config).toContain('http-check send meth GET uri /readyz');
  });

  it('fails loudly when the template lost a line it rewrites', () => {
    expect(() =>
      renderHaproxyConfig(
        template.replace(
          'server green 127.0.0.1:8082',
          'server green 10.0.0.1:80',
        ),
        ports,
        '/tmp/x.sock',
      ),
    ).toThrow(/no line matching .*server green/);
  });
});
