// Number formats of the ROI sheet in Google Sheets, by locale and currency. Sheets shows each
// locale's own separators; the pattern carries the symbol and its side.
import { localeCurrency, sheetNumberFormat } from '../../../src/core/roi/sheetNumberFormats';

describe('sheetNumberFormat', () => {
  test.each([
    ['currency', 'en_US', 'USD', '[$$]#,##0.00'],
    ['currency', 'en_GB', 'GBP', '[$£]#,##0.00'],
    ['currency', 'fr_FR', 'EUR', '#,##0.00 [$€]'],
    ['currency', 'de_DE', 'USD', '#,##0.00 [$$]'],
    ['currency', 'ja_JP', 'JPY', '[$¥]#,##0.00'],
    ['currency', 'en_US', 'ZAR', '[$ZAR]#,##0.00'],
    ['currency', 'fr_FR', null, '#,##0.00 [$€]'],
    ['currency', 'en', null, '#,##0.00'],
    ['percent', 'de_DE', 'EUR', '0.0%'],
    ['count', 'fr_FR', 'EUR', '#,##0'],
    ['ratio', 'en_US', 'USD', '0.00"x"'],
    ['text', 'en_US', 'USD', '@'],
  ] as const)('returns for %s in %s with %s: %s', (format, locale, currency, expected) => {
    expect(sheetNumberFormat(format, locale, currency)).toBe(expected);
  });
});

describe('localeCurrency', () => {
  test.each([
    ['en_US', 'USD'],
    ['fr_CA', 'CAD'],
    ['pt_BR', 'BRL'],
    ['es', null],
  ])('returns the currency of %s: %s', (locale, currency) => {
    expect(localeCurrency(locale)).toBe(currency);
  });
});
