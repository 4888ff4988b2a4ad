// The few places where BigQuery Standard SQL and DuckDB spell the same thing differently.
import { quoteIdentifier, SqlDialect } from './identifiers';

/** Spellings of one SQL dialect; everything else in our queries is common to both. */
export interface DialectSpelling {
  name: SqlDialect;
  /** A reference to a named query parameter. */
  parameter(name: string, type: 'STRING' | 'INT64' | 'TIMESTAMP' | 'STRING_ARRAY'): string;
  /** A timestamp as whole microseconds since the epoch (INT64). */
  epochMicros(expression: string): string;
  /** A value as text. */
  asText(expression: string): string;
  /** Text as an exact decimal, or NULL when it does not read as a number. */
  asDecimal(expression: string): string;
  /** Replaces every match of an RE2 pattern (written here, never typed by a person). */
  replaceAll(expression: string, pattern: string, replacement: string): string;
  /** The value, or NULL when it is empty or whitespace only (the value itself is not trimmed). */
  unlessBlank(expression: string): string;
  /** Whether a string is one of the strings in an array parameter. */
  inArray(expression: string, arrayParameter: string): string;
  /** A 64-bit fingerprint of a string: equal strings share one, different ones almost never. */
  fingerprint(expression: string): string;
  /** `WITH name AS (...)`, materialised where the dialect allows it to be asked for. */
  sharedStep(name: string): string;
  /**
   * Whether a shared step is computed once however often it is read (so that rows numbered in
   * it keep their numbers), rather than once per reading.
   */
  sharedStepsComputedOnce: boolean;
  /** Quotes an identifier. */
  quote(name: string): string;
}

// Space, tab, newline, form feed and carriage return: RE2's \s, so TRIM and the regular
// expressions agree on what whitespace is in both dialects.
const WHITESPACE = ' \\t\\n\\f\\r';

export const BIGQUERY: DialectSpelling = {
  name: 'bigquery',
  parameter: (name) => `@${name}`,
  epochMicros: (expression) => `UNIX_MICROS(${expression})`,
  asText: (expression) => `CAST(${expression} AS STRING)`,
  asDecimal: (expression) => `SAFE_CAST(${expression} AS NUMERIC)`,
  replaceAll: (expression, pattern, replacement) =>
    `REGEXP_REPLACE(${expression}, r'${pattern}', '${replacement}')`,
  unlessBlank: (expression) => `IF(REGEXP_CONTAINS(${expression}, r'^\\s*$'), NULL, ${expression})`,
  inArray: (expression, arrayParameter) => `${expression} IN UNNEST(${arrayParameter})`,
  fingerprint: (expression) => `FARM_FINGERPRINT(${expression})`,
  sharedStep: (name) => `${name} AS`,
  sharedStepsComputedOnce: false,
  quote: (name) => quoteIdentifier(name, 'bigquery'),
};

export const DUCKDB: DialectSpelling = {
  name: 'duckdb',
  parameter: (name, type) => {
    const cast = { STRING: 'VARCHAR', INT64: 'BIGINT', TIMESTAMP: 'TIMESTAMPTZ' } as const;
    return type === 'STRING_ARRAY'
      ? `CAST($${name} AS VARCHAR[])`
      : `CAST($${name} AS ${cast[type]})`;
  },
  epochMicros: (expression) => `epoch_us(${expression})`,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
  asDecimal: (expression) => `TRY_CAST(${expression} AS DECIMAL(38, 9))`,
  replaceAll: (expression, pattern, replacement) =>
    `regexp_replace(${expression}, '${pattern}', '${replacement}', 'g')`,
  // Only text below '!' (empty, or starting with whitespace or a control character) can be
  // blank, and the comparison is far cheaper than the regular expression it spares.
  unlessBlank: (expression) =>
    `CASE WHEN ${expression} < '!' AND regexp_full_match(${expression}, '\\s*') THEN NULL ELSE ${expression} END`,
  inArray: (expression, arrayParameter) => `list_contains(${arrayParameter}, ${expression})`,
  fingerprint: (expression) => `hash(${expression})`,
  sharedStep: (name) => `${name} AS MATERIALIZED`,
  sharedStepsComputedOnce: true,
  quote: (name) => quoteIdentifier(name, 'duckdb'),
};

export function dialectSpelling(dialect: SqlDialect): DialectSpelling {
  return dialect === 'bigquery' ? BIGQUERY : DUCKDB;
}

/**
 * A text value with surrounding whitespace removed, or NULL when nothing is left: the one
 * meaning of "missing" for ids, keys and revenue in both dialects.
 */
export function presentText(spelling: DialectSpelling, expression: string): string {
  const characters = spelling.name === 'bigquery' ? `'${WHITESPACE}'` : duckWhitespace;
  return `NULLIF(TRIM(${expression}, ${characters}), '')`;
}

// DuckDB string literals have no backslash escapes, so the characters are spelled by code.
const duckWhitespace = `' ' || chr(9) || chr(10) || chr(12) || chr(13)`;
