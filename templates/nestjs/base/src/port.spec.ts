import { parsePort } from './port.js';

describe('PORT', () => {
  it('defaults when unset or empty, and takes 1 to 65535', () => {
    expect(parsePort(undefined, 3000)).toBe(3000);
    expect(parsePort('', 3000)).toBe(3000);
    expect(parsePort('1', 3000)).toBe(1);
    expect(parsePort('65535', 3000)).toBe(65535);
  });

  it.each(['abc', '0', '70000', '-1', '1.5', ' 80'])('refuses %j with one line naming PORT', (bad) => {
    expect(() => parsePort(bad, 3000)).toThrow(
      `PORT must be a port number from 1 to 65535, got ${JSON.stringify(bad)}`,
    );
  });
});
