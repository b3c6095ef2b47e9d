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

  it.each([
    [{ SCORING_PORT: 'eighty' }, /SCORING_PORT/],
    [{ SCORING_PORT: '70000' }, /SCORING_PORT/],
    [{ SCORING_REDIS_URL: 'localhost:6379' }, /SCORING_REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('rejects %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
