// The warehouse a pull runs on, as the pull service sees it: BigQuery in Apps Script, DuckDB on a
// laptop. Calls are synchronous because Apps Script's services are.
import { FunnelSpec, KEY_COLUMNS } from '../funnel/funnelOptions';
import { QueryRecord } from '../funnel/funnelRows';
import { ProductError } from '../productError';
import { BuiltQuery, WarehouseColumns } from '../sql/funnelQuery';
import { SqlDialect } from '../sql/identifiers';

/** Column name to type name, per table. */
export type TableColumns = Record<string, Record<string, string>>;

/** What a dry run says a query would read. */
export interface QueryEstimate {
  bytesProcessed: number;
  /** True where the figure is BigQuery's own; false where it is worked out locally. */
  fromBigQuery: boolean;
}

/** A finished query with what the warehouse reported about it. */
export interface QueryOutcome {
  records: QueryRecord[];
  bytesProcessed: number | null;
  bytesBilled: number | null;
  cacheHit: boolean;
  jobId: string | null;
}

export interface RunOptions {
  /** The cap on bytes billed; the warehouse refuses rather than bill more. */
  maximumBytesBilled: bigint;
}

export interface FunnelWarehouse {
  readonly dialect: SqlDialect;
  /**
   * Each funnel table's columns with their types (`{ pages: { id: 'STRING', ... } }`); throws
   * a product error when a table is missing.
   */
  tableColumns(spec: FunnelSpec): TableColumns;
  estimate(query: BuiltQuery, spec: FunnelSpec): QueryEstimate;
  run(query: BuiltQuery, spec: FunnelSpec, options: RunOptions): QueryOutcome;
}

/**
 * The columns each funnel table must have for a spec, by table name: the query reads both
 * person ids of every table, so both must exist (either may be empty in a row).
 */
export function requiredFunnelColumns(spec: FunnelSpec): Record<string, string[]> {
  const people = ['id', 'received_at', 'user_id', 'anonymous_id'];
  const pages = [...people, ...spec.groupBy.map((key) => KEY_COLUMNS[key])];
  if (spec.campaigns.length && !pages.includes(KEY_COLUMNS.campaign)) {
    pages.push(KEY_COLUMNS.campaign);
  }
  if (spec.storeUrlPattern) pages.push('url');
  return {
    [spec.tables.pages]: pages,
    [spec.tables.productViewed]: [...people],
    [spec.tables.orderCompleted]: [...people],
  };
}

/**
 * Checks the tables' columns against what the spec needs and tells which optional columns the
 * query can use. Throws `pull/missing-column` naming the first column missing.
 *
 * @example
 * funnelColumnsFrom(spec, { pages: { id: 'STRING', url: 'STRING', ... }, order_completed: { total: 'FLOAT64', ... } });
 * // { pagesUrl: true, orderId: true, currency: false, revenue: true, revenueIsText: false }
 */
export function funnelColumnsFrom(spec: FunnelSpec, tables: TableColumns): WarehouseColumns {
  const present: Record<string, string[]> = {};
  for (const [table, columns] of Object.entries(tables)) present[table] = Object.keys(columns);
  for (const [table, needed] of Object.entries(requiredFunnelColumns(spec))) {
    const columns = present[table] ?? [];
    for (const column of needed) {
      if (!columns.includes(column)) {
        throw new ProductError('pull/missing-column', { table, column });
      }
    }
  }
  const orders = present[spec.tables.orderCompleted] ?? [];
  return {
    pagesUrl: (present[spec.tables.pages] ?? []).includes('url'),
    orderId: orders.includes('order_id'),
    currency: orders.includes('currency'),
    revenue: orders.includes(spec.revenueColumn),
    // Revenue exported as text (CSV) is trimmed before it is read as a number.
    revenueIsText: /^(STRING|VARCHAR|TEXT|CHAR)/i.test(
      tables[spec.tables.orderCompleted]?.[spec.revenueColumn] ?? '',
    ),
  };
}

/**
 * The columns the funnel query reads from each table: what a scan is billed for.
 *
 * @example
 * funnelColumnsRead(resolveFunnelSpec({}), ALL_OPTIONAL_COLUMNS).order_completed;
 * // ['id', 'received_at', 'user_id', 'anonymous_id', 'order_id', 'currency', 'total']
 */
export function funnelColumnsRead(
  spec: FunnelSpec,
  columns: WarehouseColumns,
): Record<string, string[]> {
  const read = requiredFunnelColumns(spec);
  const orders = read[spec.tables.orderCompleted];
  if (columns.orderId) orders.push('order_id');
  if (columns.currency) orders.push('currency');
  if (columns.revenue) orders.push(spec.revenueColumn);
  return read;
}
