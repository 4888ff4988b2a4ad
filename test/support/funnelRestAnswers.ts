// BigQuery's answers to the funnel query and to tables.get, as the REST API would send them, for
// scripting the Apps Script double. The result schema is checked against ZetaSQL's analysis of
// the real query in test/core/pull/sidebarQueries.zetasql.test.ts, so it cannot drift.
import { GROUPING_KEYS, GroupingKey } from '../../src/core/funnel/funnelOptions';
import type { RestField, RestRow } from './appsScriptDouble';
import { segmentCatalog } from './zetasql';

const INT64_FIGURES = ['visits', 'store_visitors', 'product_viewers', 'buyers', 'orders'] as const;

/** The funnel query's output columns with the types BigQuery gives them. */
export function funnelRestSchema(groupBy: GroupingKey[]): RestField[] {
  const keys = GROUPING_KEYS.filter((key) => groupBy.includes(key));
  return [
    { name: 'funnel_level', type: 'STRING', mode: 'NULLABLE' },
    ...keys.map((key) => ({ name: key, type: 'STRING', mode: 'NULLABLE' })),
    ...INT64_FIGURES.map((name) => ({ name, type: 'INT64', mode: 'NULLABLE' })),
    { name: 'revenue', type: 'NUMERIC', mode: 'NULLABLE' },
    { name: 'orders_missing_total', type: 'INT64', mode: 'NULLABLE' },
    { name: 'orders_unreadable_total', type: 'INT64', mode: 'NULLABLE' },
    { name: 'currency_count', type: 'INT64', mode: 'NULLABLE' },
    { name: 'first_currency', type: 'STRING', mode: 'NULLABLE' },
    { name: 'last_currency', type: 'STRING', mode: 'NULLABLE' },
  ];
}

/** One group's figures as a test writes them; revenue as exact decimal text. */
export interface FunnelFigures {
  keys: Partial<Record<GroupingKey, string>>;
  visits: number;
  storeVisitors: number;
  productViewers: number;
  buyers: number;
  orders: number;
  revenue: string;
  ordersMissingTotal?: number;
}

/** REST rows for the groups and the all-campaigns line, every cell a string or null. */
export function funnelRestRows(
  groupBy: GroupingKey[],
  groups: FunnelFigures[],
  all: FunnelFigures,
  currency: string | null = 'USD',
): RestRow[] {
  const keys = GROUPING_KEYS.filter((key) => groupBy.includes(key));
  const line = (level: string, figures: FunnelFigures): RestRow => ({
    f: [
      level,
      ...keys.map((key) => (level === 'all' ? null : (figures.keys[key] ?? null))),
      String(figures.visits),
      String(figures.storeVisitors),
      String(figures.productViewers),
      String(figures.buyers),
      String(figures.orders),
      figures.revenue,
      String(figures.ordersMissingTotal ?? 0),
      '0',
      currency ? '1' : '0',
      currency,
      currency,
    ].map((v) => ({ v })),
  });
  return [...groups.map((group) => line('group', group)), line('all', all)];
}

/** Tells the double's Tables.get about the Segment tables, typed as Segment writes them. */
export function addSegmentTables(
  addTable: (projectId: string, datasetId: string, tableId: string, fields: RestField[]) => void,
  project: string,
  dataset: string,
): void {
  for (const table of segmentCatalog(project, dataset)) {
    const name = table.name[table.name.length - 1];
    addTable(
      project,
      dataset,
      name,
      table.columns.map((column) => ({ name: column.name, type: column.type, mode: 'NULLABLE' })),
    );
  }
}
