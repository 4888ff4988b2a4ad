// Funnel rows as the product uses them: decoded from the query, rated, sorted, written out.
import { spreadsheetSafeField } from '../csvText';
import { ProductError } from '../productError';
import { ALL_GROUPS_LEVEL } from '../sql/funnelQuery';
import { centsToText, quotientText, toCents } from './decimal';
import { GROUPING_KEYS, GroupingKey } from './funnelOptions';

/** One group's funnel: who came, who looked, who bought, and what they paid. */
export interface FunnelRow {
  keys: Partial<Record<GroupingKey, string>>;
  visits: number;
  storeVisitors: number;
  productViewers: number;
  buyers: number;
  orders: number;
  /** Exact revenue in cents. */
  revenueCents: bigint;
  ordersMissingTotal: number;
  ordersUnreadableTotal: number;
}

/** Every group's funnel, plus the all-campaigns line that counts each person once. */
export interface FunnelResult {
  groupBy: GroupingKey[];
  rows: FunnelRow[];
  allGroups: FunnelRow;
  currency: string | null;
}

/** A row as any warehouse client returns it: column name to a plain value. */
export type QueryRecord = Record<string, string | number | bigint | boolean | null | undefined>;

function count(value: QueryRecord[string]): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A row with no keys and every figure zero. */
export function emptyFunnelRow(): FunnelRow {
  return {
    keys: {},
    visits: 0,
    storeVisitors: 0,
    productViewers: 0,
    buyers: 0,
    orders: 0,
    revenueCents: 0n,
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
  };
}

/**
 * Turns the funnel query's rows into a funnel result, refusing mixed currencies.
 *
 * @example
 * decodeFunnelRecords(['campaign'], [{ funnel_level: 'group', campaign: 'spring', visits: '3', ... }]);
 */
export function decodeFunnelRecords(groupBy: GroupingKey[], records: QueryRecord[]): FunnelResult {
  const currencies = new Set<string>();
  let allGroups = emptyFunnelRow();
  const rows: FunnelRow[] = [];

  for (const record of records) {
    const row: FunnelRow = {
      keys: Object.fromEntries(groupBy.map((key) => [key, String(record[key] ?? '')])),
      visits: count(record.visits),
      storeVisitors: count(record.store_visitors),
      productViewers: count(record.product_viewers),
      buyers: count(record.buyers),
      orders: count(record.orders),
      revenueCents: toCents(String(record.revenue ?? '0')) ?? 0n,
      ordersMissingTotal: count(record.orders_missing_total),
      ordersUnreadableTotal: count(record.orders_unreadable_total),
    };
    for (const column of ['first_currency', 'last_currency']) {
      if (record[column]) currencies.add(String(record[column]));
    }
    if (count(record.currency_count) > 2) currencies.add('and others');

    if (record.funnel_level === ALL_GROUPS_LEVEL) {
      allGroups = { ...row, keys: {} };
    } else {
      rows.push(row);
    }
  }

  if (currencies.size > 1) {
    throw new ProductError('funnel/mixed-currencies', { currencies: [...currencies].sort() });
  }
  return {
    groupBy,
    rows: sortFunnelRows(rows, groupBy),
    allGroups,
    currency: [...currencies][0] ?? null,
  };
}

function compareCodePoints(left: string, right: string): number {
  const a = [...left].map((c) => c.codePointAt(0) ?? 0);
  const b = [...right].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return a.length - b.length;
}

/** Revenue first, then visitors, then the keys by code point: one order in every home. */
export function sortFunnelRows(rows: FunnelRow[], groupBy: GroupingKey[]): FunnelRow[] {
  return [...rows].sort((left, right) => {
    if (left.revenueCents !== right.revenueCents) {
      return left.revenueCents > right.revenueCents ? -1 : 1;
    }
    if (left.storeVisitors !== right.storeVisitors) {
      return right.storeVisitors - left.storeVisitors;
    }
    for (const key of groupBy) {
      const order = compareCodePoints(left.keys[key] ?? '', right.keys[key] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** The ratios a marketer reads next to the counts; null where the divisor is zero. */
export interface FunnelRates {
  viewRate: number | null;
  buyRate: number | null;
  averageOrderValue: number | null;
  revenuePerVisitor: number | null;
}

const ratio = (top: number, bottom: number) => (bottom > 0 ? top / bottom : null);

/**
 * Rates of a funnel row. Both step rates are shares of store visitors; the average order
 * value is over orders that have a total.
 *
 * @example
 * funnelRates({ storeVisitors: 200, productViewers: 50, buyers: 10, orders: 12, revenueCents: 60000n, ordersMissingTotal: 2, ... });
 * // { viewRate: 0.25, buyRate: 0.05, averageOrderValue: 60, revenuePerVisitor: 3 }
 */
export function funnelRates(row: FunnelRow): FunnelRates {
  const revenue = Number(row.revenueCents) / 100;
  return {
    viewRate: ratio(row.productViewers, row.storeVisitors),
    buyRate: ratio(row.buyers, row.storeVisitors),
    averageOrderValue: ratio(revenue, row.orders - row.ordersMissingTotal),
    revenuePerVisitor: ratio(revenue, row.storeVisitors),
  };
}

/** The CSV header after the key columns. */
export const FUNNEL_FIGURE_COLUMNS = [
  'visits',
  'store_visitors',
  'product_viewers',
  'buyers',
  'orders',
  'revenue',
  'orders_missing_total',
  'view_rate',
  'buy_rate',
  'average_order_value',
  'revenue_per_visitor',
] as const;

/**
 * The figures of a row as the CSV writes them: money with 2 places, rates with 4, each ratio
 * rounded half away from zero from the exact counts and cents.
 */
export function funnelFigureTexts(row: FunnelRow): string[] {
  return [
    String(row.visits),
    String(row.storeVisitors),
    String(row.productViewers),
    String(row.buyers),
    String(row.orders),
    centsToText(row.revenueCents),
    String(row.ordersMissingTotal),
    quotientText(BigInt(row.productViewers), BigInt(row.storeVisitors), 4),
    quotientText(BigInt(row.buyers), BigInt(row.storeVisitors), 4),
    quotientText(row.revenueCents, BigInt(row.orders - row.ordersMissingTotal) * 100n, 2),
    quotientText(row.revenueCents, BigInt(row.storeVisitors) * 100n, 2),
  ];
}

/**
 * The funnel as CSV: key columns in the fixed order, then the figures; the all-campaigns
 * line is left out (it is not a group).
 */
export function funnelCsv(result: FunnelResult): string {
  const keys = GROUPING_KEYS.filter((key) => result.groupBy.includes(key));
  const lines = [[...keys, ...FUNNEL_FIGURE_COLUMNS].join(',')];
  for (const row of result.rows) {
    const keyTexts = keys.map((key) => spreadsheetSafeField(row.keys[key] ?? ''));
    lines.push([...keyTexts, ...funnelFigureTexts(row)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** The file name a grouping's CSV is written to, e.g. `funnel_by_source_medium.csv`. */
export function funnelFileName(groupBy: GroupingKey[]): string {
  return `funnel_by_${GROUPING_KEYS.filter((key) => groupBy.includes(key)).join('_')}.csv`;
}
