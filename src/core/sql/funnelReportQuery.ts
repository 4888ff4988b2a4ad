// The data-quality report beside the funnel: what was read, what was set aside, and why.
import { FunnelSpec } from '../funnel/funnelOptions';
import { dialectSpelling } from './dialect';
import {
  BuiltQuery,
  funnelParameters,
  keyExpression,
  periodFilter,
  tableReference,
  WarehouseColumns,
  ALL_OPTIONAL_COLUMNS,
} from './funnelQuery';
import { SqlDialect } from './identifiers';

/** One table's line of the report, as the query returns it. */
export const REPORT_COLUMNS = [
  'table_name',
  'rows_read',
  'duplicate_copies',
  'rows_without_id',
  'rows_without_person',
  'rows_without_time',
  'touches_missing_key',
] as const;

/**
 * Builds the report query: one row per funnel table with rows read, duplicate copies set
 * aside, rows without a message id (kept), without a person or a time (set aside), and for
 * pages the page views of the period left out because a grouping key is missing.
 *
 * @example
 * buildFunnelReportQuery(resolveFunnelSpec({}), 'duckdb').sql; // 'SELECT ... UNION ALL ...'
 */
export function buildFunnelReportQuery(
  spec: FunnelSpec,
  dialect: SqlDialect,
  columns: WarehouseColumns = ALL_OPTIONAL_COLUMNS,
): BuiltQuery {
  const spelling = dialectSpelling(dialect);
  const present = (column: string) => spelling.unlessBlank(spelling.quote(column));
  const keysMissing = spec.groupBy
    .map((key) => `${keyExpression(spec, key, spelling)} IS NULL`)
    .join(' OR ');
  const urlMatch =
    spec.storeUrlPattern && columns.pagesUrl
      ? ` AND STRPOS(LOWER(${spelling.quote('url')}), LOWER(${spelling.parameter('store_url_pattern', 'STRING')})) > 0`
      : '';

  const tableLine = (
    name: string,
    table: string,
    withKeys: boolean,
  ) => `SELECT '${name}' AS table_name,
  COUNT(*) AS rows_read,
  COUNT(*) - COUNT(DISTINCT message_id) - SUM(CASE WHEN message_id IS NULL THEN 1 ELSE 0 END)
    AS duplicate_copies,
  SUM(CASE WHEN message_id IS NULL THEN 1 ELSE 0 END) AS rows_without_id,
  SUM(CASE WHEN person IS NULL THEN 1 ELSE 0 END) AS rows_without_person,
  SUM(CASE WHEN received_at IS NULL THEN 1 ELSE 0 END) AS rows_without_time,
  ${withKeys ? 'SUM(CASE WHEN first_copy AND in_period AND keys_missing THEN 1 ELSE 0 END)' : '0'} AS touches_missing_key
FROM (
  SELECT message_id, person, received_at,
    ${withKeys ? `(${keysMissing})` : 'FALSE'} AS keys_missing,
    ${withKeys ? `${periodFilter(spec, spelling)}${urlMatch}` : 'FALSE'} AS in_period,
    message_id IS NULL OR ROW_NUMBER() OVER (
      PARTITION BY message_id
      ORDER BY received_at ASC NULLS LAST, user_key ASC NULLS FIRST, anonymous_key ASC NULLS FIRST
    ) = 1 AS first_copy
  FROM (
    SELECT *,
      ${present('id')} AS message_id,
      ${present('user_id')} AS user_key,
      ${present('anonymous_id')} AS anonymous_key,
      COALESCE(${present('user_id')}, ${present('anonymous_id')}) AS person
    FROM ${tableReference(spec, table, spelling)}
  ) AS rows_as_stored
) AS flagged_rows`;

  const sql = [
    tableLine(spec.tables.pages, spec.tables.pages, true),
    tableLine(spec.tables.productViewed, spec.tables.productViewed, false),
    tableLine(spec.tables.orderCompleted, spec.tables.orderCompleted, false),
  ].join('\nUNION ALL\n');
  const wanted = new Set(['from_time', 'to_time', ...(urlMatch ? ['store_url_pattern'] : [])]);
  return { sql, parameters: funnelParameters(spec).filter((p) => wanted.has(p.name)) };
}
