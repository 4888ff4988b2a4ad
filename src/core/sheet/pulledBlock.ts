// The block of cells a pull writes: header, one row per group, number formats and a note, as
// plain arrays any sheet writer can put down in one call.
import { wallClockFields } from '../funnel/dayBounds';
import { GROUPING_KEYS, GroupingKey } from '../funnel/funnelOptions';
import { FunnelResult, FunnelRow, funnelRates } from '../funnel/funnelRows';
import { messageFor } from '../messages';

/** How a column's numbers are shown. */
export type ColumnFormat = 'text' | 'count' | 'money' | 'rate';

/** Spreadsheet number formats for each kind of column. */
export const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  // Plain text, so a campaign called "2024", "3/4" or "=sale" stays as written: the writer sets
  // formats before values, and Sheets reads nothing into a plain-text cell.
  text: '@',
  count: '#,##0',
  money: '#,##0.00',
  rate: '0.0%',
};

/** One column of the block: a stable id other code can find it by, and its format. */
export interface BlockColumn {
  id: GroupingKey | FigureId;
  format: ColumnFormat;
}

type FigureId = (typeof FIGURE_COLUMNS)[number]['id'];

/** The figures after the key columns, in the order the CSV writes them. */
export const FIGURE_COLUMNS = [
  { id: 'visits', format: 'count' },
  { id: 'store_visitors', format: 'count' },
  { id: 'product_viewers', format: 'count' },
  { id: 'buyers', format: 'count' },
  { id: 'orders', format: 'count' },
  { id: 'revenue', format: 'money' },
  { id: 'orders_missing_total', format: 'count' },
  { id: 'view_rate', format: 'rate' },
  { id: 'buy_rate', format: 'rate' },
  { id: 'average_order_value', format: 'money' },
  { id: 'revenue_per_visitor', format: 'money' },
] as const satisfies readonly { id: string; format: ColumnFormat }[];

/** A cell value: a number, or text ('' for a blank cell). */
export type BlockCell = string | number;

/** Everything a writer puts down for one pull. Every row is as wide as the header. */
export interface PulledBlock {
  sheetName: string;
  columns: BlockColumn[];
  /** The header row, then one row per group (or one "no rows" line). */
  values: BlockCell[][];
  /** Number formats, the same shape as `values`. */
  numberFormats: string[][];
  /** Groups written; 0 when the block holds the "no rows" line. */
  groupRows: number;
  /** Recorded on the header's first cell: when and with which settings the rows were pulled. */
  note: string;
}

/** What the note says about the pull. */
export interface PullRecord {
  sheetName: string;
  pulledAt: Date;
  timeZone: string;
  /** Where the tables are, in words, e.g. `my-project.segment (US)`. */
  source: string;
  from: string;
  to: string;
  campaigns: string[];
  storeUrlPattern: string;
  windowDays: number;
  bytesBilled: number | null;
  bytesText: string | null;
}

function figureCells(row: FunnelRow): BlockCell[] {
  const rates = funnelRates(row);
  const blankIfNull = (value: number | null) => (value === null ? '' : value);
  return [
    row.visits,
    row.storeVisitors,
    row.productViewers,
    row.buyers,
    row.orders,
    Number(row.revenueCents) / 100,
    row.ordersMissingTotal,
    blankIfNull(rates.viewRate),
    blankIfNull(rates.buyRate),
    blankIfNull(rates.averageOrderValue),
    blankIfNull(rates.revenuePerVisitor),
  ];
}

/** The time of a pull as the spreadsheet's clock shows it, e.g. `2024-07-01 09:15`. */
export function wallClockText(instant: Date, timeZone: string): string {
  const clock = wallClockFields(instant, timeZone);
  return `${clock.year}-${clock.month}-${clock.day} ${clock.hour}:${clock.minute}`;
}

/**
 * Lays out a funnel result as the block a pull writes: key columns in the fixed order, then
 * the figures; rows in the funnel's order; the all-campaigns line left out (it is not a group,
 * and a sum down the column would count it twice). Zero groups give the header and one line
 * saying so, never an empty block.
 *
 * @example
 * const block = buildPulledBlock(result, record);
 * block.values[0]; // ['campaign', 'visits', 'store visitors', ...]
 * block.values[1]; // ['spring sale', 120, 80, 30, 9, 11, 529.5, 0, 0.375, 0.1125, 48.14, 6.62]
 */
export function buildPulledBlock(result: FunnelResult, record: PullRecord): PulledBlock {
  const keys = GROUPING_KEYS.filter((key) => result.groupBy.includes(key));
  const columns: BlockColumn[] = [
    ...keys.map((id): BlockColumn => ({ id, format: 'text' })),
    ...FIGURE_COLUMNS.map((column): BlockColumn => ({ ...column })),
  ];
  const header = columns.map((column) =>
    messageFor(`sheet/column/${column.id}`, { currency: result.currency }),
  );
  const rows: BlockCell[][] = result.rows.map((row) => [
    ...keys.map((key) => row.keys[key] ?? ''),
    ...figureCells(row),
  ]);
  const formats = columns.map((column) => NUMBER_FORMATS[column.format]);
  const textRow = columns.map(() => NUMBER_FORMATS.text);

  const values: BlockCell[][] = [header];
  const numberFormats: string[][] = [textRow];
  if (rows.length === 0) {
    values.push(columns.map((_column, i) => (i === 0 ? messageFor('sheet/no-rows') : '')));
    numberFormats.push(textRow);
  } else {
    values.push(...rows);
    numberFormats.push(...rows.map(() => formats));
  }

  return {
    sheetName: record.sheetName,
    columns,
    values,
    numberFormats,
    groupRows: rows.length,
    note: messageFor('sheet/pull-note', {
      ...record,
      pulledAtText: wallClockText(record.pulledAt, record.timeZone),
      groupBy: keys,
      groupRows: rows.length,
    }),
  };
}
