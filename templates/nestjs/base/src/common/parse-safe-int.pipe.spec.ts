import { BadRequestException } from '@nestjs/common';
import { ParseSafeIntPipe } from './parse-safe-int.pipe.js';

describe('ParseSafeIntPipe', () => {
  const pipe = new ParseSafeIntPipe();
  const metadata = { type: 'param', data: 'id' } as const;

  it.each([
    ['42', 42],
    ['-7', -7],
    ['0', 0],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ])('turns %s into %d', (value, expected) => {
    expect(pipe.transform(value, metadata)).toBe(expected);
  });

  it.each(['abc', '1.5', '1e3', '0x10', '', ' 5', String(Number.MAX_SAFE_INTEGER + 1), '99999999999999999999999'])(
    'refuses %j with a 400 that names the parameter',
    (value) => {
      expect(() => pipe.transform(value, metadata)).toThrow(BadRequestException);
      expect(() => pipe.transform(value, metadata)).toThrow(/id must be an integer/);
    },
  );
});
