// Google Sheets number formats for the ROI sheet in the spreadsheet's locale. Sheets shows the
// separators of the locale by itself; what the pattern decides is the currency symbol and on
// which side of the amount it goes.
import { CellFormat } from './roiSheetLayout';

const CURRENCY_SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CAD: 'CA$',
  AUD: 'A$',
  NZD: 'NZ$',
  CHF: 'CHF',
  SEK: 'kr',
  NOK: 'kr',
  DKK: 'kr',
  PLN: 'zł',
  INR: '₹',
  BRL: 'R$',
  MXN: 'MX$',
};

// The currency a spreadsheet's region uses, for revenue whose currency the events do not name.
const REGION_CURRENCIES: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  IE: 'EUR',
  FR: 'EUR',
  DE: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  NL: 'EUR',
  BE: 'EUR',
  AT: 'EUR',
  PT: 'EUR',
  FI: 'EUR',
  JP: 'JPY',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  IN: 'INR',
  BR: 'BRL',
  MX: 'MXN',
};

// Languages that write the currency after the amount (1 234,50 €).
const SYMBOL_AFTER_LANGUAGES = new Set([
  'fr',
  'de',
  'es',
  'it',
  'pt',
  'nl',
  'fi',
  'sv',
  'no',
  'nb',
  'da',
  'pl',
]);

/**
 * The currency of a Sheets locale such as `fr_FR` or `en_GB`; null when the region is not known.
 *
 * @example
 * localeCurrency('en_GB'); // 'GBP'
 */
export function localeCurrency(locale: string): string | null {
  const region = locale.split(/[_-]/)[1]?.toUpperCase() ?? '';
  return REGION_CURRENCIES[region] ?? null;
}

/**
 * The Sheets number format of each cell format, for revenue in `currency` (or, when the events
 * name none, the locale's own currency) in a spreadsheet of `locale`.
 *
 * @example
 * sheetNumberFormat('currency', 'fr_FR', 'EUR'); // '#,##0.00 [$€]'
 * sheetNumberFormat('currency', 'en_US', null); // '[$$]#,##0.00'
 * sheetNumberFormat('percent', 'de_DE', null); // '0.0%'
 */
export function sheetNumberFormat(
  format: CellFormat | undefined,
  locale: string,
  currency: string | null,
): string {
  switch (format) {
    case 'count':
      return '#,##0';
    case 'hours':
      return '#,##0.##';
    case 'percent':
      return '0.0%';
    case 'ratio':
      return '0.00"x"';
    case 'currency': {
      const code = currency ?? localeCurrency(locale);
      if (!code) return '#,##0.00';
      const symbol = CURRENCY_SYMBOLS[code] ?? code;
      const language = locale.split(/[_-]/)[0].toLowerCase();
      return SYMBOL_AFTER_LANGUAGES.has(language)
        ? `#,##0.00 [$${symbol}]`
        : `[$${symbol}]#,##0.00`;
    }
    default:
      return '@';
  }
}
