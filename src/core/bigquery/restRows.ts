// Turns BigQuery's REST rows ({f: [{v: ...}]}) into typed values, driven by the response schema.
import { ProductError } from '../productError';

/** One column of a result schema, as `schema.fields` gives it. */
export interface RestField {
  name: string;
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED' | string;
  fields?: RestField[];
}

/** One cell as the REST API sends it: a string, null, a list of cells or a nested row. */
export interface RestCell {
  v: string | null | RestCell[] | RestRow | undefined;
}

export interface RestRow {
  f: RestCell[];
}

/** A decoded value: plain JavaScript for scalars, arrays for REPEATED, objects for RECORD. */
export type DecodedValue =
  string | number | boolean | null | DecodedValue[] | { [field: string]: DecodedValue };

/** One decoded row, keyed by column name. */
export type DecodedRecord = Record<string, DecodedValue>;

/**
 * How each type arrives and what it becomes. Nothing loses precision: integers past 2^53 and
 * every NUMERIC or BIGNUMERIC stay decimal text, and TIMESTAMP seconds are read as decimal text
 * rather than through a float.
 *
 * | type                      | arrives as                     | becomes                               |
 * |---------------------------|--------------------------------|---------------------------------------|
 * | INT64, INTEGER            | `"42"`                         | 42, or `"9007199254740993"` past 2^53 |
 * | NUMERIC, BIGNUMERIC       | `"1234.50"`                    | `"1234.50"` (exact decimal text)      |
 * | FLOAT64, FLOAT            | `"0.25"`, `"NaN"`, `"Infinity"`| 0.25, NaN, Infinity                   |
 * | BOOL, BOOLEAN             | `"true"`                       | true                                  |
 * | TIMESTAMP                 | `"1.6725312E9"` (seconds)      | `"2023-01-01T00:00:00.000Z"`          |
 * | DATE, DATETIME, TIME      | `"2024-01-31"`, ...            | the same text                         |
 * | STRING, BYTES (base64), JSON, GEOGRAPHY, INTERVAL, others | text | the same text          |
 * | RECORD, STRUCT            | `{f: [...]}`                   | an object keyed by field name         |
 * | mode REPEATED             | `[{v: ...}, ...]`              | an array                              |
 */
export function decodeRestValue(cell: RestCell | undefined, field: RestField): DecodedValue {
  const raw = cell?.v;
  if (raw === null || raw === undefined) return field.mode === 'REPEATED' ? [] : null;
  if (field.mode === 'REPEATED') {
    if (!Array.isArray(raw)) throw unreadable(field, raw);
    const element: RestField = { ...field, mode: 'NULLABLE' };
    return raw.map((item) => decodeRestValue(item, element));
  }
  const type = field.type.toUpperCase();
  if (type === 'RECORD' || type === 'STRUCT') {
    if (typeof raw !== 'object' || Array.isArray(raw) || !Array.isArray(raw.f)) {
      throw unreadable(field, raw);
    }
    return decodeRestRow(raw, field.fields ?? []);
  }
  if (typeof raw !== 'string') throw unreadable(field, raw);
  return decodeScalar(raw, type, field);
}

function decodeScalar(text: string, type: string, field: RestField): DecodedValue {
  switch (type) {
    case 'INT64':
    case 'INTEGER': {
      if (!/^[+-]?\d+$/.test(text)) throw unreadable(field, text);
      const exact = BigInt(text);
      return exact <= MAX_SAFE && exact >= -MAX_SAFE ? Number(exact) : exact.toString();
    }
    case 'NUMERIC':
    case 'BIGNUMERIC':
    case 'BIGDECIMAL':
    case 'DECIMAL':
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw unreadable(field, text);
      return text;
    case 'FLOAT64':
    case 'FLOAT': {
      const number = Number(text);
      if (Number.isNaN(number) && text !== 'NaN') throw unreadable(field, text);
      return number;
    }
    case 'BOOL':
    case 'BOOLEAN':
      if (text !== 'true' && text !== 'false') throw unreadable(field, text);
      return text === 'true';
    case 'TIMESTAMP':
      return timestampText(text, field);
    case 'DATE':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw unreadable(field, text);
      return text;
    default:
      return text;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Decodes one REST row by the schema.
 *
 * @example
 * decodeRestRow({ f: [{ v: 'spring' }, { v: '3' }] },
 *   [{ name: 'campaign', type: 'STRING' }, { name: 'visits', type: 'INT64' }]);
 * // { campaign: 'spring', visits: 3 }
 */
export function decodeRestRow(row: RestRow, fields: RestField[]): DecodedRecord {
  const record: DecodedRecord = {};
  fields.forEach((field, i) => {
    record[field.name] = decodeRestValue(row.f[i], field);
  });
  return record;
}

/**
 * Decodes every row of a `jobs.query` or `jobs.getQueryResults` page.
 *
 * @example
 * decodeQueryRows([{ name: 'seen', type: 'TIMESTAMP' }], [{ f: [{ v: '1.6725312E9' }] }]);
 * // [{ seen: '2023-01-01T00:00:00.000Z' }]
 */
export function decodeQueryRows(fields: RestField[], rows: RestRow[] | undefined): DecodedRecord[] {
  return (rows ?? []).map((row) => decodeRestRow(row, fields));
}

/**
 * Epoch seconds written as decimal text (`1672531200.5`, `1.6725312E9`, `-1.5E-3`) to whole
 * microseconds, exactly; digits past the microsecond round half away from zero.
 */
export function secondsTextToMicros(text: string): bigint | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === '' && !match[3])) return null;
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const digits = BigInt((whole + fraction).replace(/^0+(?=\d)/, '') || '0');
  // value = digits x 10^(exponent - fraction length) seconds = digits x 10^shift micros.
  const shift = Number(exponentText) - fraction.length + 6;
  let micros: bigint;
  if (shift >= 0) {
    micros = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    micros = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) micros += 1n;
  }
  return sign === '-' ? -micros : micros;
}

/**
 * Whole microseconds since the epoch as RFC 3339 UTC text: milliseconds always shown (as
 * `Date.prototype.toISOString` writes them), microseconds when they are not zero.
 *
 * @example
 * microsToIsoText(1672531200000001n); // '2023-01-01T00:00:00.000001Z'
 */
export function microsToIsoText(micros: bigint): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const extra = Number(micros - millis * 1000n);
  const iso = new Date(Number(millis)).toISOString();
  return extra === 0 ? iso : `${iso.slice(0, -1)}${String(extra).padStart(3, '0')}Z`;
}

// The range BigQuery's TIMESTAMP covers: years 0001 to 9999.
const FIRST_MICROS = -62135596800000000n;
const LAST_MICROS = 253402300799999999n;

function timestampText(text: string, field: RestField): string {
  const micros = secondsTextToMicros(text);
  if (micros === null || micros < FIRST_MICROS || micros > LAST_MICROS) {
    throw unreadable(field, text);
  }
  return microsToIsoText(micros);
}

function unreadable(field: RestField, value: unknown): ProductError {
  return new ProductError('bigquery/unreadable-cell', {
    column: field.name,
    type: field.mode === 'REPEATED' ? `ARRAY<${field.type}>` : field.type,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  });
}
