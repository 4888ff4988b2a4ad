// Merges a new pull into a table already in a sheet, row by row on the grouping keys, leaving
// every cell a person typed where it was. The ROI sheet and the pulled-data sheets both use it.
import {
  cellAt,
  cellText,
  copyGrid,
  insertGridRows,
  RowInsertion,
  SheetCell,
  SheetGrid,
  setCell,
} from './sheetGrid';

/**
 * Who owns a column of the table: `key` (the grouping keys, written once when the row is
 * made), `pulled` (figures rewritten by every pull), `typed` (the person's: never written),
 * `formula` (rewritten for its row) and `status` (whether the latest pull returned the row).
 */
export type TableColumnRole = 'key' | 'pulled' | 'typed' | 'formula' | 'status';

export interface TableColumn {
  header: string;
  role: TableColumnRole;
}

/** Where the table sits in the grid, 0-based: its header row, and the rows of its groups. */
export interface TablePlace {
  headerRow: number;
  /** The first row after the group rows: the totals row where there is one. */
  bodyEnd: number;
  hasTotalsRow: boolean;
}

/** One group of a pull: its key values in key-column order and its pulled cells in order. */
export interface PulledGroup {
  keys: string[];
  figures: SheetCell[];
}

export interface KeyedTableMergeInput {
  sheetName: string;
  columns: TableColumn[];
  place: TablePlace;
  groups: PulledGroup[];
  /** The cells of a group row's formula columns, in order, for its 1-based sheet row. */
  rowFormulas?: (sheetRow: number) => SheetCell[];
  /** The cells of the totals row across the table, for the group rows' 1-based span. */
  totalsRow?: (firstRow: number, lastRow: number, sheetRow: number) => SheetCell[];
  /** The status of a row the pull did not return; a returned row's status is blank. */
  missingStatus: string;
}

export interface KeyedTableMergeResult {
  grid: SheetGrid;
  place: TablePlace;
  /** Rows inserted before the totals row (or the end of the table) for new groups. */
  insertion: RowInsertion | null;
  added: string[][];
  missing: string[][];
  updated: number;
}

const keyOf = (keys: string[]) => JSON.stringify(keys);

function columnsWith(columns: TableColumn[], role: TableColumnRole): number[] {
  return columns.flatMap((column, index) => (column.role === role ? [index] : []));
}

/**
 * Merges a pull into a table: a group already in the table gets its pulled cells, formulas
 * and status rewritten in its own row; a new group gets a new row, inserted at the end of the
 * table (rows below move down, formulas re-pointed as the spreadsheet would); a group the pull
 * no longer returns keeps its row with blank figures and the missing status. Typed columns,
 * cells to the right of the table, rows without keys and rows above and below the table are
 * never written. Existing rows never move, so a typed cell cannot change campaign. The input
 * grid is not changed.
 *
 * @example
 * mergeKeyedTable({ sheetName: 'Pull', columns: [{ header: 'Campaign', role: 'key' },
 *   { header: 'Visitors', role: 'pulled' }, { header: 'Note', role: 'typed' }],
 *   place: { headerRow: 0, bodyEnd: 2, hasTotalsRow: false },
 *   groups: [{ keys: ['b'], figures: [7] }], missingStatus: 'gone' }, grid);
 * // grid [['Campaign','Visitors','Note'], ['a', 5, 'hi']] becomes
 * // [['Campaign','Visitors','Note'], ['a', null, 'hi'], ['b', 7]]
 */
export function mergeKeyedTable(
  input: KeyedTableMergeInput,
  grid: SheetGrid,
): KeyedTableMergeResult {
  const { columns, place, groups } = input;
  const keyColumns = columnsWith(columns, 'key');
  const pulledColumns = columnsWith(columns, 'pulled');
  const formulaColumns = columnsWith(columns, 'formula');
  const statusColumns = columnsWith(columns, 'status');

  const byKey = new Map(groups.map((group) => [keyOf(group.keys), group]));
  const rowKeys = new Map<number, string>();
  const present = new Set<string>();
  for (let row = place.headerRow + 1; row < place.bodyEnd; row++) {
    const keys = keyColumns.map((column) => cellText(cellAt(grid, row, column)));
    // A row with no key is the person's own row inside the table: it is left alone.
    if (keys.every((key) => key === '')) continue;
    rowKeys.set(row, keyOf(keys));
    present.add(keyOf(keys));
  }
  const added = groups.filter((group) => !present.has(keyOf(group.keys)));

  const insertion: RowInsertion | null = added.length
    ? { beforeRow: place.bodyEnd + 1, count: added.length }
    : null;
  const merged = insertion ? insertGridRows(grid, insertion, input.sheetName) : copyGrid(grid);
  added.forEach((group, i) => {
    const row = place.bodyEnd + i;
    keyColumns.forEach((column, k) => setCell(merged, row, column, group.keys[k] ?? ''));
    rowKeys.set(row, keyOf(group.keys));
  });
  const bodyEnd = place.bodyEnd + added.length;

  const missing: string[][] = [];
  let updated = 0;
  for (const [row, key] of rowKeys) {
    const group = byKey.get(key);
    if (group) updated++;
    else missing.push(JSON.parse(key) as string[]);
    pulledColumns.forEach((column, i) => setCell(merged, row, column, group?.figures[i] ?? null));
    const formulas = input.rowFormulas?.(row + 1) ?? [];
    formulaColumns.forEach((column, i) => setCell(merged, row, column, formulas[i] ?? null));
    statusColumns.forEach((column) =>
      setCell(merged, row, column, group ? '' : input.missingStatus),
    );
  }

  if (place.hasTotalsRow && input.totalsRow) {
    const cells = input.totalsRow(place.headerRow + 2, bodyEnd, bodyEnd + 1);
    columns.forEach((_column, index) => setCell(merged, bodyEnd, index, cells[index] ?? null));
  }

  return {
    grid: merged,
    place: { ...place, bodyEnd },
    insertion,
    added: added.map((group) => group.keys),
    missing,
    updated: updated - added.length,
  };
}
