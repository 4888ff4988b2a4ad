// Reads numbers that arrive as text the way marketers paste them: $1,234.50, 12%, (250), 1 234,50.

/** What a piece of text turned out to be. `percent` values are already divided by 100. */
export type TextNumber =
  | { readonly kind: 'number'; readonly value: number; readonly percent: boolean }
  | { readonly kind: 'blank' }
  | { readonly kind: 'unreadable' }
  | {
      readonly kind: 'ambiguous';
      /** The mark that could group thousands or mark decimals. */
      readonly mark: '.' | ',';
      /** The two readings, each written so that it reads one way only: `1200` and `1.2`. */
      readonly asThousands: string;
      readonly asDecimal: string;
    }
  | { readonly kind: 'percentWithCurrency' };

const BLANK = { kind: 'blank' } as const;
const UNREADABLE = { kind: 'unreadable' } as const;

// Symbols and codes a pasted amount may carry, before or after the number.
const CURRENCY =
  '(?:US\\$|CA\\$|A\\$|C\\$|R\\$|[$€£¥₹₩₽₺₫₪₦₱]|USD|EUR|GBP|JPY|INR|CAD|AUD|CHF|SEK|NOK|DKK|PLN|BRL|MXN)';
const SIGN = '[-+\u2212]';
// Spaces that group thousands (plain, no-break, thin, narrow no-break, figure) and apostrophes.
const GROUP_SPACES = " \u00a0\u2009\u202f\u2007'\u2019";
const EXPONENT_FORM = '(?:\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d{1,3}';
const GROUPED_FORM = `[0-9.,${GROUP_SPACES}]*[0-9][0-9.,${GROUP_SPACES}]*`;
const PASTED = new RegExp(
  `^(${SIGN})?\\s*(${CURRENCY})?\\s*(${SIGN})?\\s*(${EXPONENT_FORM}|${GROUPED_FORM})` +
    `\\s*(${CURRENCY})?\\s*(%)?$`,
  'i',
);
const PLAIN_WITH_EXPONENT = /^(\d+\.?\d*|\.\d+)[eE]([-+]?\d{1,3})$/;
const GROUP_SPACE = new RegExp(`[${GROUP_SPACES}]`);

/**
 * Reads a number written as text. Grouping and decimal separators follow the English reading
 * (1,234 is one thousand two hundred and thirty-four; 1.5 is one and a half), and the other
 * convention is accepted where it can only mean one thing: 1.234,50 and 1 234,50 are 1234.5.
 * Text that reads both ways is refused as ambiguous, with both readings written out, rather
 * than guessed:
 * - a lone dot before exactly three digits, after one to three digits that do not start with a
 *   zero (1.200, €1.200, -1.500, 12.500): 1.2 in an English sheet, 1200 in a German one. The
 *   dot is a decimal point wherever grouping cannot explain it (0.125, .125, 1234.567, 1.25,
 *   1.2345) and in a percentage (12.125%): the add-on takes percentages only as shares of at
 *   most 100%, so 1.200% cannot mean 1200%;
 * - a decimal comma before exactly three digits after other grouping (1 234,567).
 * A lone comma before three digits is grouping, as an English sheet reads it (1,234 is 1234).
 * Whitespace-only text is blank.
 *
 * @example
 * parseTextNumber('$1,234.50'); // { kind: 'number', value: 1234.5, percent: false }
 * parseTextNumber('12%'); // { kind: 'number', value: 0.12, percent: true }
 * parseTextNumber('(250)'); // { kind: 'number', value: -250, percent: false }
 * parseTextNumber('€1.200');
 * // { kind: 'ambiguous', mark: '.', asThousands: '1200', asDecimal: '1.2' }
 * parseTextNumber('1 234,567');
 * // { kind: 'ambiguous', mark: ',', asThousands: '1234567', asDecimal: '1234.567' }
 */
export function parseTextNumber(text: string): TextNumber {
  let rest = text.trim();
  if (rest === '') return BLANK;

  let negative = false;
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }

  const parts = PASTED.exec(rest);
  if (!parts) return UNREADABLE;
  const [, signBefore, currencyBefore, signAfterCurrency, written, currencyAfter, percentSign] =
    parts;
  const signs = [signBefore, signAfterCurrency].filter(Boolean);
  if (signs.length > 1 || (negative && signs.length > 0)) return UNREADABLE;
  if (currencyBefore && currencyAfter) return UNREADABLE;
  if (percentSign && (currencyBefore || currencyAfter)) return { kind: 'percentWithCurrency' };
  if (signs.length === 1 && signs[0] !== '+') negative = true;

  const decimal = readDigits(written.trim(), Boolean(percentSign));
  if (decimal.kind === 'ambiguous') {
    const signed = (reading: string) => `${negative ? '-' : ''}${reading}${percentSign ?? ''}`;
    return {
      kind: 'ambiguous',
      mark: decimal.mark,
      asThousands: signed(decimal.asThousands),
      asDecimal: signed(decimal.asDecimal),
    };
  }
  if (decimal.kind !== 'number') return decimal;

  const exponent = decimal.exponent - (percentSign ? 2 : 0);
  const magnitude = Number(`${decimal.digits}e${exponent}`);
  if (!Number.isFinite(magnitude)) return UNREADABLE;
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  return { kind: 'number', value, percent: Boolean(percentSign) };
}

type Digits =
  | { readonly kind: 'number'; readonly digits: string; readonly exponent: number }
  | { readonly kind: 'unreadable' }
  | {
      readonly kind: 'ambiguous';
      readonly mark: '.' | ',';
      readonly asThousands: string;
      readonly asDecimal: string;
    };

// Turns the number part (digits and separators, no sign or symbol) into plain decimal digits.
function readDigits(written: string, percent: boolean): Digits {
  const withExponent = PLAIN_WITH_EXPONENT.exec(written);
  if (withExponent) {
    return { kind: 'number', digits: withExponent[1], exponent: Number(withExponent[2]) };
  }

  const dots = count(written, '.');
  const commas = count(written, ',');
  const spaced = GROUP_SPACE.test(written);
  let decimalMark: '.' | ',' | null = null;
  let groupMark: '.' | ',' | 'space' | null = null;

  if (dots > 0 && commas > 0) {
    if (spaced) return UNREADABLE;
    decimalMark = written.lastIndexOf('.') > written.lastIndexOf(',') ? '.' : ',';
    groupMark = decimalMark === '.' ? ',' : '.';
  } else if (commas > 0) {
    if (spaced) {
      groupMark = 'space';
      decimalMark = ',';
    } else if (commas > 1) {
      groupMark = ',';
    } else {
      groupMark = loneMarkMayGroup(written, ',') ? ',' : null;
      decimalMark = groupMark ? null : ',';
    }
  } else if (dots > 1 && !spaced) {
    groupMark = '.';
  } else if (dots === 1 && !spaced && !percent && loneMarkMayGroup(written, '.')) {
    const [whole, fraction] = written.split('.');
    return ambiguous('.', whole, fraction);
  } else if (dots > 0) {
    groupMark = spaced ? 'space' : null;
    decimalMark = '.';
  } else if (spaced) {
    groupMark = 'space';
  }

  let whole = written;
  let fraction = '';
  if (decimalMark) {
    const at = written.indexOf(decimalMark);
    if (written.indexOf(decimalMark, at + 1) !== -1) return UNREADABLE;
    whole = written.slice(0, at);
    fraction = written.slice(at + 1);
    if (!/^\d*$/.test(fraction)) return UNREADABLE;
    if (fraction === '' && decimalMark === ',') return UNREADABLE;
  }
  if (whole === '' && fraction === '') return UNREADABLE;

  const wholeDigits = groupMark ? ungroup(whole, groupMark) : /^\d*$/.test(whole) ? whole : null;
  if (wholeDigits === null) return UNREADABLE;
  if (decimalMark === ',' && groupMark !== null && fraction.length === 3) {
    return ambiguous(',', wholeDigits, fraction);
  }
  return { kind: 'number', digits: `${wholeDigits || '0'}.${fraction || '0'}`, exponent: 0 };
}

// A single mark with exactly three digits after it and a short group not starting with zero
// before it may group thousands; any other single mark can only be a decimal mark.
function loneMarkMayGroup(written: string, mark: '.' | ','): boolean {
  const [before, after] = written.split(mark);
  return /^\d{3}$/.test(after) && /^[1-9]\d{0,2}$/.test(before);
}

// Both readings of a mark before three digits, as plain numbers that read one way only. The
// decimal reading drops trailing zeros (1.200 is 1.2); where it would again be a lone dot
// before three digits (1.234), a zero is added so that the dot can only be a decimal point.
function ambiguous(mark: '.' | ',', whole: string, fraction: string): Digits {
  const significant = fraction.replace(/0+$/, '');
  let asDecimal = significant ? `${whole}.${significant}` : whole;
  if (significant && loneMarkMayGroup(asDecimal, '.')) asDecimal += '0';
  return { kind: 'ambiguous', mark, asThousands: `${whole}${fraction}`, asDecimal };
}

// Removes grouping marks, checking the groups are where grouping puts them: 1,234,567 or the
// Indian 12,34,567. Returns null when the groups are not well formed.
function ungroup(whole: string, mark: '.' | ',' | 'space'): string | null {
  if (whole === '') return null;
  const separators = mark === 'space' ? whole.match(/[^\d]/g) : null;
  if (separators && new Set(separators).size > 1) return null;
  const splitter = mark === 'space' ? GROUP_SPACE : mark;
  const groups = whole.split(splitter);
  if (groups.some((group) => !/^\d+$/.test(group))) return null;
  if (groups[0].startsWith('0')) return null;

  const western = groups[0].length <= 3 && groups.slice(1).every((group) => group.length === 3);
  const indian =
    mark === ',' &&
    groups.length > 2 &&
    groups[0].length <= 2 &&
    groups.slice(1, -1).every((group) => group.length === 2) &&
    groups[groups.length - 1].length === 3;
  return western || indian ? groups.join('') : null;
}

function count(text: string, mark: string): number {
  let found = 0;
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) found += 1;
  return found;
}
