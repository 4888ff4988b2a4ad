// Exact money arithmetic in whole cents, so revenue never picks up binary rounding.

/**
 * Reads a decimal number (as the warehouse returns it) into whole cents, rounding half away
 * from zero. Returns null for text that is not a plain decimal number.
 *
 * @example
 * toCents('1234.5'); // 123450n
 * toCents('-0.005'); // -1n
 */
export function toCents(text: string | number | bigint): bigint | null {
  const written = typeof text === 'number' ? numberToPlainText(text) : String(text).trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(written);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const [, sign, whole, fraction = ''] = match;
  const cents = BigInt((whole || '0') + (fraction + '00').slice(0, 2));
  const roundsUp = (fraction[2] ?? '0') >= '5';
  const magnitude = roundsUp ? cents + 1n : cents;
  return sign === '-' ? -magnitude : magnitude;
}

function numberToPlainText(value: number): string {
  if (!Number.isFinite(value)) return 'not a number';
  return value.toFixed(9);
}

/**
 * Writes whole cents as a decimal with two places.
 *
 * @example
 * centsToText(123450n); // '1234.50'
 * centsToText(-5n); // '-0.05'
 */
export function centsToText(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * A quotient of whole numbers written with the given places, rounded half away from zero
 * exactly (no binary fractions on the way); '' when the divisor is zero.
 *
 * @example
 * quotientText(12747n, 200n, 2); // '63.74' (127.47 / 2, in cents over 100)
 * quotientText(1n, 3n, 4); // '0.3333'
 */
export function quotientText(numerator: bigint, denominator: bigint, places: number): string {
  if (denominator === 0n) return '';
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const [top, bottom] = [
    numerator < 0n ? -numerator : numerator,
    denominator < 0n ? -denominator : denominator,
  ];
  const scaled = (top * 10n ** BigInt(places) * 2n + bottom) / (2n * bottom);
  const digits = scaled.toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return scaled > 0n && negative ? `-${text}` : text;
}
