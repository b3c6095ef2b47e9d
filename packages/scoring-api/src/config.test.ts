import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('has loopback defaults and Redis on its standard port', () => {
    expect(readConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('uses the in-process store for SCORING_REDIS_URL=none', () => {
    expect(readConfig({ SCORING_REDIS_URL: 'none' }).redisUrl).toBeUndefined();
  });

  it('reads the admin token, preferring VIGIL_SCORING_ADMIN_TOKEN', () => {
    expect(readConfig({}).adminToken).toBeUndefined();
    expect(readConfig({ SCORING_ADMIN_TOKEN: 'old' }).adminToken).toBe('old');
    expect(
      readConfig({
        SCORING_ADMIN_TOKEN: 'old',
        VIGIL_SCORING_ADMIN_TOKEN: 'new',
      }).adminToken,
    ).toBe('new');
  });

  it('accepts loopback names by default and SCORING_ALLOWED_HOSTS', () => {
    expect(readConfig({}).allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
    expect(
      readConfig({ SCORING_ALLOWED_HOSTS: 'a.internal, b.example:443' })
        .allowedHosts,
    ).toEqual(['a.internal', 'b.example:443']);
  });

  it.each([
    [{ SCORING_ALLOWED_HOSTS: ' , ' }, /SCORING_ALLOWED_HOSTS/],
    [{ SCORING_ALLOWED_HOSTS: 'http://evil' }, /SCORING_ALLOWED_HOSTS/],
    [{ SCORING_PORT: 'eighty' }, /SCORING_PORT/],
    [{ SCORING_PORT: '70000' }, /SCORING_PORT/],
    [{ SCORING_REDIS_URL: 'localhost:6379' }, /SCORING_REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('rejects %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
