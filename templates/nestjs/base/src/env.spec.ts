import { ConfigError, flag, oneOf, required, wholeNumber } from './env.js';

describe('settings from the environment', () => {
  it('takes defaults when unset or empty, and the values given', () => {
    expect(wholeNumber({}, 'N', 10)).toBe(10);
    expect(wholeNumber({ N: '' }, 'N', 10)).toBe(10);
    expect(wholeNumber({ N: '3' }, 'N', 10)).toBe(3);
    expect(oneOf({ LEVEL: 'warn' }, 'LEVEL', ['info', 'warn'], 'info')).toBe('warn');
    expect(required({ URL: 'x' }, 'URL', 'a URL')).toBe('x');
  });

  it.each(['abc', '0', '-1', '1.5', ' 2', '99999999999999999999'])('refuses N=%j with one line naming it', (bad) => {
    expect(() => wholeNumber({ N: bad }, 'N', 10)).toThrow(
      new ConfigError(`N must be a whole number, 1 or more, got ${JSON.stringify(bad)}`),
    );
  });

  it('refuses a value outside the choices, and a missing required one', () => {
    expect(() => oneOf({ LEVEL: 'loud' }, 'LEVEL', ['info', 'warn'], 'info')).toThrow(
      'LEVEL must be one of info, warn, got "loud"',
    );
    expect(() => required({}, 'URL', 'a URL')).toThrow('URL is not set: give a URL (see .env.example)');
  });

  it('reads a flag (API_DOCS) as 1/true or 0/false, and refuses anything else', () => {
    expect(flag({}, 'API_DOCS', false)).toBe(false);
    expect(flag({ API_DOCS: 'TRUE' }, 'API_DOCS', false)).toBe(true);
    expect(flag({ API_DOCS: '0' }, 'API_DOCS', true)).toBe(false);
    expect(() => flag({ API_DOCS: 'maybe' }, 'API_DOCS', false)).toThrow(
      new ConfigError('API_DOCS must be 1/true or 0/false, got "maybe"'),
    );
  });
});
