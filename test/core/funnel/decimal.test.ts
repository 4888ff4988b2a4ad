import { centsToText, toCents, quotientText } from '../../../src/core/funnel/decimal';

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

describe('quotientText', () => {
  // Each expected text is the quotient worked by hand, rounded half away from zero.
  test.each([
    [12747n, 200n, 2, '63.74'], // 127.47 / 2 = 63.735: binary floating point gives 63.73
    [5705n, 200n, 2, '28.53'], // 57.05 / 2 = 28.525
    [1n, 3n, 4, '0.3333'],
    [2n, 3n, 4, '0.6667'],
    [1n, 8n, 2, '0.13'], // 0.125
    [-1n, 8n, 2, '-0.13'],
    [-1n, 300n, 2, '0.00'], // -0.0033 rounds to zero, written without a sign
    [0n, 5n, 4, '0.0000'],
    [7n, 0n, 2, ''],
    [5n, 2n, 0, '3'],
  ])('%s / %s with %s places is %s', (numerator, denominator, places, text) => {
    expect(quotientText(numerator, denominator, places)).toBe(text);
  });
});
