// A pulled-data sheet pulled again (from the sidebar or by a refresh): the new block merged into
// the one the pull wrote before, row by row on the grouping keys, with a Status column beside it.
import { GROUPING_KEYS } from '../funnel/funnelOptions';
import { ProductError } from '../productError';
import { OwnedBlock } from '../pull/savedPulls';
import { columnLetter } from '../roi/roiSheetLayout';
import { PulledBlock } from '../sheet/pulledBlock';
import { mergeKeyedTable, TableColumn, TablePlace } from './keyedTableMerge';
import {
  cellAt,
  cellText,
  copyGrid,
  insertGridRows,
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
  /** The block's last row is the "no rows" line, not a group. */
  hadNoRows: boolean;
}

export interface PulledSheetMerge {
  grid: SheetGrid;
  place: TablePlace;
  insertion: RowInsertion | null;
  /** Rows and columns the pull owns now: the block and its Status column. */
  rows: number;
  columns: number;
  /** The pull returned no groups, so the block's last row is the "no rows" line. */
  noRowsLine: boolean;
  added: string[][];
  missing: string[][];
  updated: number;
}

// Text the block keeps as text with a leading apostrophe, as it reads in the sheet.
const unescapeText = (cell: string | number) =>
  typeof cell === 'string' && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;

/**
 * Merges a pull's new block into its sheet. The header row must still name the same grouping
 * keys, and no more of them (`refresh/grouping-changed` otherwise: the rows cannot be matched,
 * and the caller writes the block afresh); the column right of the block must be its Status
 * column, or empty so it can become one (`refresh/no-room-for-status`). Cells right of that,
 * and rows below the block, are the person's and stay with their group or in place. A pull
 * with no groups keeps every row, marked as not returned, and ends the block with the "no rows"
 * line: in the old line's row, or in a row inserted after the kept ones.
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
  // The first figure's header is compared too: a sheet pulled by more keys than now has a key
  // there, and its rows would otherwise match the new ones on their first keys alone.
  for (let column = 0; column <= Math.min(keyCount, width - 1); column++) {
    if (cellText(cellAt(grid, 0, column)) !== String(header[column])) {
      throw new ProductError('refresh/grouping-changed', { sheet: sheetName });
    }
  }

  const start = copyGrid(grid);
  // The "no rows" line is the pull's, not a group: it gives way to the groups. Its Status cell
  // was never the pull's to write, so what a person typed there stays.
  const lineRow = previous.hadNoRows && previous.rows > 1 ? previous.rows - 1 : null;
  if (lineRow !== null) {
    const lineWidth = Math.min(previous.columns, width);
    for (let column = 0; column < lineWidth; column++) setCell(start, lineRow, column, null);
  }
  const bodyEnd = lineRow ?? previous.rows;
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

  let { grid: merged, insertion } = merge;
  let rows = merge.place.bodyEnd;
  const noRowsLine = block.groupRows === 0;
  if (noRowsLine) {
    // With no groups the table gained no row, so the old line's row is still where it was.
    if (lineRow === null) {
      insertion = { beforeRow: rows + 1, count: 1 };
      merged = insertGridRows(merged, insertion, sheetName);
    }
    block.values[1].forEach((cell, column) =>
      setCell(merged, rows, column, cell === '' ? null : cell),
    );
    rows += 1;
  }
  return {
    grid: merged,
    place: merge.place,
    insertion,
    rows,
    columns: width + 1,
    noRowsLine,
    added: merge.added,
    missing: merge.missing,
    updated: merge.updated,
  };
}

/** How a pull's block goes into its sheet: written afresh, or merged into the block there. */
export type PulledSheetWrite = { kind: 'afresh' } | { kind: 'merge'; merge: PulledSheetMerge };

const isGroupingKey = (id: string) => (GROUPING_KEYS as readonly string[]).includes(id);

/**
 * Decides how a pull writes its sheet, for every host alike. When the sheet still holds the
 * block this pull wrote before, the new block is merged into it (rows matched on the grouping
 * keys, so a person's cells beside a campaign stay beside it); on a first pull, when that sheet
 * is gone, or when the pull's grouping keys changed, the block is written afresh. A merge that
 * cannot be made (`refresh/no-room-for-status`) throws before anything is written.
 *
 * @example
 * planPulledSheetWrite(null, block, null); // { kind: 'afresh' }
 * planPulledSheetWrite({ name: 'Campaign funnel', grid }, block, lastPull.block);
 * // { kind: 'merge', merge: { rows: 7, columns: 13, added: [['toast day']], ... } }
 */
export function planPulledSheetWrite(
  sheet: { name: string; grid: SheetGrid } | null,
  block: PulledBlock,
  previous: OwnedBlock | null,
): PulledSheetWrite {
  if (!sheet || !previous) return { kind: 'afresh' };
  const keyCount = block.columns.filter((column) => isGroupingKey(column.id)).length;
  const owned = {
    rows: previous.rows,
    columns: previous.columns,
    hadNoRows: previous.noRowsLine ?? false,
  };
  try {
    return {
      kind: 'merge',
      merge: mergePulledSheet(sheet.grid, sheet.name, block, owned, keyCount),
    };
  } catch (error) {
    if (error instanceof ProductError && error.code === 'refresh/grouping-changed') {
      return { kind: 'afresh' };
    }
    throw error;
  }
}

function hasCells(grid: SheetGrid, fromRow: number, toRow: number, column: number): boolean {
  for (let row = fromRow; row < toRow; row++) {
    if (!isBlankCell(cellAt(grid, row, column))) return true;
  }
  return false;
}
