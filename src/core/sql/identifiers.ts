// Checking and quoting of warehouse names: the only way a table or column name enters SQL.
import { ProductError } from '../productError';

export type SqlDialect = 'bigquery' | 'duckdb';

/** What kind of name is being checked; project ids follow Google Cloud's own rule. */
export type IdentifierKind = 'project' | 'dataset' | 'table' | 'column';

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
const PROJECT_PATTERN = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * Returns the name unchanged when it is a plain warehouse name, else throws.
 *
 * @example
 * checkIdentifier('order_completed', 'table'); // 'order_completed'
 * checkIdentifier('pages; drop', 'table'); // throws funnel/bad-identifier
 */
export function checkIdentifier(name: string, kind: IdentifierKind): string {
  const pattern = kind === 'project' ? PROJECT_PATTERN : NAME_PATTERN;
  if (!pattern.test(name)) {
    throw new ProductError('funnel/bad-identifier', { what: kind, value: name });
  }
  return name;
}

/**
 * Quotes one name part for the dialect, escaping the quote character.
 *
 * @example
 * quoteIdentifier('pages', 'bigquery'); // '`pages`'
 * quoteIdentifier('say "hi"', 'duckdb'); // '"say ""hi"""'
 */
export function quoteIdentifier(name: string, dialect: SqlDialect): string {
  if (dialect === 'bigquery') {
    return '`' + name.replace(/[\\`]/g, (c) => '\\' + c).replace(/\n/g, '\\n') + '`';
  }
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * Quotes a string literal for the dialect. Used only for constants the code itself writes
 * (never for values a person typed: those are query parameters).
 *
 * @example
 * quoteLiteral("it's", 'bigquery'); // "'it\\'s'"
 * quoteLiteral("it's", 'duckdb'); // "'it''s'"
 */
export function quoteLiteral(text: string, dialect: SqlDialect): string {
  if (dialect === 'bigquery') {
    const escaped = text.replace(/[\\']/g, (c) => '\\' + c).replace(/\n/g, '\\n');
    return `'${escaped}'`;
  }
  return `'${text.replace(/'/g, "''")}'`;
}
