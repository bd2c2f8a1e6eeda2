import { ConfigError } from '../env.js';
import { databaseOptions } from './database-options.js';

const url = 'postgres://nobody@127.0.0.1:1/none';

describe('databaseOptions', () => {
  it('reads the URL and the pool size, with the defaults', () => {
    expect(databaseOptions({ DATABASE_URL: url })).toMatchObject({
      url,
      poolSize: 10,
      extra: { connectionTimeoutMillis: 2000 },
    });
    expect(
      databaseOptions({ DATABASE_URL: url, DATABASE_POOL_MAX: '3', DATABASE_CONNECT_TIMEOUT_MS: '500' }),
    ).toMatchObject({ poolSize: 3, extra: { connectionTimeoutMillis: 500 } });
  });

  it.each([
    [{ DATABASE_URL: '' }, 'DATABASE_URL is not set: give the postgres:// URL of the database (see .env.example)'],
    [{ DATABASE_URL: url, DATABASE_POOL_MAX: 'ten' }, 'DATABASE_POOL_MAX must be a whole number, 1 or more, got "ten"'],
    [
      { DATABASE_URL: url, DATABASE_CONNECT_TIMEOUT_MS: '2s' },
      'DATABASE_CONNECT_TIMEOUT_MS must be a whole number, 1 or more, got "2s"',
    ],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => databaseOptions(env)).toThrow(new ConfigError(message));
  });
});
