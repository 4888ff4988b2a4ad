// A pulled-data sheet on a refresh: the new block merged into the one the pull wrote before,
// row by row on the grouping keys, with a Status column beside it.
import { ProductError } from '../productError';
import { columnLetter } from '../roi/roiSheetLayout';
import { mergeKeyedTable, TableColumn, TablePlace } from './keyedTableMerge';
import {
  cellAt,
  cellText,
  copyGrid,
  isBlankCell,
  RowInsertion,
  SheetCell,
  SheetGrid,
  setCell,
} from './sheetGrid';

export const PULL_STATUS_HEADER = 'Status';
export const PULL_NOT_RETURNED = 'not in the latest pull';

/** The block a pull writes (the pull service's PulledBlock has this shape and more). */
export interface PulledBlockCells {
  /** The header, then one row per group, or one "no rows" line when `groupRows` is 0. */
  values: (string | number)[][];
  groupRows: number;
}

/** The cells the pull wrote last time, as it recorded them: rows and columns from A1. */
export interface PreviousBlock {
  rows: number;
  columns: number;
  /** The block held the "no rows" line rather than groups. */
  hadNoRows: boolean;
}

export interface PulledSheetMerge {
  grid: SheetGrid;
  place: TablePlace;
  insertion: RowInsertion | null;
  /** Rows and columns the pull owns now: the block and its Status column. */
  rows: number;
  columns: number;
  added: string[][];
  missing: string[][];
  updated: number;
}

// Text the block keeps as text with a leading apostrophe, as it reads in the sheet.
const unescapeText = (cell: string | number) =>
  typeof cell === 'string' && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;

/**
 * Merges a pull's new block into its sheet. The header row's key cells must still name the
 * same grouping keys (`refresh/grouping-changed` otherwise: the rows cannot be matched, and the
 * caller writes the block afresh); the column right of the block must be its Status column, or
 * empty so it can become one (`refresh/no-room-for-status`). Cells right of that, and rows
 * below the block, are the person's and stay with their group or in place.
 *
 * @example
 * mergePulledSheet(grid, 'Campaign funnel', block, { rows: 6, columns: 12, hadNoRows: false }, 1);
 * // { rows: 7, columns: 13, added: [['toast day']], missing: [], updated: 5, ... }
 */
export function mergePulledSheet(
  grid: SheetGrid,
  sheetName: string,
  block: PulledBlockCells,
  previous: PreviousBlock,
  keyCount: number,
): PulledSheetMerge {
  const header = block.values[0].map(unescapeText);
  const width = header.length;
  for (let column = 0; column < keyCount; column++) {
    if (cellText(cellAt(grid, 0, column)) !== String(header[column])) {
      throw new ProductError('refresh/grouping-changed', { sheet: sheetName });
    }
  }

  const start = copyGrid(grid);
  // The "no rows" line is the pull's, not a group: it gives way to the groups.
  if (previous.hadNoRows) {
    for (let column = 0; column < previous.columns; column++) setCell(start, 1, column, null);
  }
  const bodyEnd = previous.hadNoRows ? 1 : previous.rows;
  const statusHeader = cellText(cellAt(start, 0, width));
  if (statusHeader !== PULL_STATUS_HEADER) {
    const taken = statusHeader !== '' || hasCells(start, 1, bodyEnd, width);
    if (taken) {
      throw new ProductError('refresh/no-room-for-status', {
        sheet: sheetName,
        column: columnLetter(width),
      });
    }
  }
  header.forEach((cell, column) => setCell(start, 0, column, cell));
  setCell(start, 0, width, PULL_STATUS_HEADER);

  const columns: TableColumn[] = [
    ...header.map((text, i): TableColumn => ({
      header: String(text),
      role: i < keyCount ? 'key' : 'pulled',
    })),
    { header: PULL_STATUS_HEADER, role: 'status' },
  ];
  const groups = block.groupRows === 0 ? [] : block.values.slice(1);
  const merge = mergeKeyedTable(
    {
      sheetName,
      columns,
      place: { headerRow: 0, bodyEnd, hasTotalsRow: false },
      groups: groups.map((row) => ({
        keys: row.slice(0, keyCount).map((cell) => String(unescapeText(cell))),
        figures: row.slice(keyCount).map((cell): SheetCell => (cell === '' ? null : cell)),
      })),
      missingStatus: PULL_NOT_RETURNED,
    },
    start,
  );
  return {
    grid: merge.grid,
    place: merge.place,
    insertion: merge.insertion,
    rows: merge.place.bodyEnd,
    columns: width + 1,
    added: merge.added,
    missing: merge.missing,
    updated: merge.updated,
  };
}

function hasCells(grid: SheetGrid, fromRow: number, toRow: number, column: number): boolean {
  for (let row = fromRow; row < toRow; row++) {
    if (!isBlankCell(cellAt(grid, row, column))) return true;
  }
  return false;
}
