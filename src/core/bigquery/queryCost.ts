// Bytes a query reads, in words a marketer reads, and what BigQuery's on-demand price makes of them.

/**
 * BigQuery's on-demand list price in US dollars per TiB (2^40 bytes) scanned, in the US and EU
 * multi-regions since July 2023. Single regions cost somewhat more, the first TiB each month is
 * free, and projects on capacity (slot) pricing pay nothing per byte: the figure shown is an
 * approximation, labelled as one.
 */
export const ON_DEMAND_DOLLARS_PER_TIB = 6.25;

const TIB = 2 ** 40;
const MB = 1_000_000;
const GB = 1_000_000_000;

/** BigQuery bills at least 10 MB for each table a query reads, rounded up to whole MB. */
export const MINIMUM_BILLED_BYTES_PER_TABLE = 10 * 2 ** 20;

/**
 * The bytes an on-demand query is billed for: rounded up to a whole MB (2^20 bytes), and at
 * least 10 MB for each table it reads.
 *
 * @example
 * billedBytes(1, 3); // 31457280 (3 tables x 10 MB)
 */
export function billedBytes(bytesProcessed: number, tablesRead: number): number {
  const roundedUp = Math.ceil(bytesProcessed / 2 ** 20) * 2 ** 20;
  return Math.max(roundedUp, tablesRead * MINIMUM_BILLED_BYTES_PER_TABLE);
}

/**
 * Approximate on-demand cost in US dollars of billing that many bytes.
 *
 * @example
 * onDemandDollars(2 ** 40); // 6.25
 */
export function onDemandDollars(bytes: number): number {
  return (bytes / TIB) * ON_DEMAND_DOLLARS_PER_TIB;
}

/**
 * Bytes in MB or GB (decimal units, as the cap field takes them), two significant places
 * below 10.
 *
 * @example
 * bytesText(1_288_490_188); // '1.3 GB'
 * bytesText(52_000); // '0.05 MB'
 */
export function bytesText(bytes: number): string {
  if (bytes >= GB) return `${trimmed(bytes / GB)} GB`;
  return `${trimmed(bytes / MB)} MB`;
}

function trimmed(amount: number): string {
  if (amount >= 10) return String(Math.round(amount));
  if (amount >= 1) return String(Math.round(amount * 10) / 10);
  if (amount === 0) return '0';
  return String(Number(amount.toPrecision(1)));
}

/**
 * An approximate amount of dollars for people, to the cent.
 *
 * @example
 * dollarsText(0.0004); // 'less than $0.01'
 * dollarsText(12.345); // 'about $12.35'
 */
export function dollarsText(dollars: number): string {
  if (dollars < 0.01) return 'less than $0.01';
  return `about $${dollars.toFixed(2)}`;
}

/**
 * The cap field (in GB) as whole bytes for `maximumBytesBilled`.
 *
 * @example
 * capBytes(2.5); // 2500000000n
 */
export function capBytes(gigabytes: number): bigint {
  return BigInt(Math.round(gigabytes * GB));
}
