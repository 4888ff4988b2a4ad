import { centsToText, toCents } from '../../../src/core/funnel/decimal';

describe('toCents', () => {
  test.each([
    ['12.5', 1250n],
    ['12.50', 1250n],
    ['0.005', 1n],
    ['-0.005', -1n],
    ['2.344999', 234n],
    ['1234', 123400n],
    ['.5', 50n],
    ['9007199254740993.01', 900719925474099301n],
    [12.34, 1234n],
  ])('reads %j as %s cents', (text, cents) => {
    expect(toCents(text)).toBe(cents);
  });

  test.each(['', 'twelve', '1e3', '1,234', '--1', '.'])('returns null for %j', (text) => {
    expect(toCents(text)).toBeNull();
  });
});

describe('centsToText', () => {
  test.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [123450n, '1234.50'],
  ])('writes %s cents as %s', (cents, text) => {
    expect(centsToText(cents)).toBe(text);
  });
});
