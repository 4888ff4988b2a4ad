// A Google sheet's cells as a grid the refresh merge reads, and the merged grid written back
// a block at a time: formulas as formulas, text as text, never cell by cell.
import { isFormulaCell, RowInsertion, SheetCell, SheetGrid } from '../core/refresh/sheetGrid';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Every cell up to the last row and column with content. A formula reads as `{ formula }`;
 * text the pull kept as text with a leading apostrophe reads without it.
 */
export function readSheetGrid(sheet: Sheet): SheetGrid {
  const rows = sheet.getLastRow();
  const columns = sheet.getLastColumn();
  if (rows === 0 || columns === 0) return [];
  const range = sheet.getRange(1, 1, rows, columns);
  const values = range.getValues();
  const formulas = range.getFormulas();
  return values.map((cells, row) =>
    cells.map((value, column): SheetCell => {
      const formula = formulas[row][column];
      if (formula) return { formula: formula.replace(/^=/, '') };
      if (value === '') return null;
      if (typeof value === 'string' && /^'[=+\-@]/.test(value)) return value.slice(1);
      return value as SheetCell;
    }),
  );
}

/**
 * A cell as `setValues` takes it: a formula with its `=`, and text that Sheets would otherwise
 * read as a formula kept as text by a leading apostrophe.
 */
export function sheetsValue(cell: SheetCell | undefined): unknown {
  if (cell === null || cell === undefined) return '';
  if (isFormulaCell(cell)) return `=${cell.formula}`;
  if (typeof cell === 'string' && /^[=+\-@']/.test(cell)) return `'${cell}`;
  return cell;
}

/** Writes a rectangle of the grid (1-based, inclusive) with one setValues. */
export function writeGridBlock(
  sheet: Sheet,
  grid: SheetGrid,
  block: { row: number; column: number; rows: number; columns: number },
): void {
  if (block.rows < 1 || block.columns < 1) return;
  const values = Array.from({ length: block.rows }, (_, r) =>
    Array.from({ length: block.columns }, (_, c) =>
      sheetsValue(grid[block.row - 1 + r]?.[block.column - 1 + c]),
    ),
  );
  sheet.getRange(block.row, block.column, block.rows, block.columns).setValues(values);
}

/** Makes room for new rows the way the merge planned them; Sheets moves and re-points the rest. */
export function insertPlannedRows(sheet: Sheet, insertion: RowInsertion | null): void {
  if (!insertion || insertion.count === 0) return;
  // A table that ends on the sheet's last row has no row to insert before.
  if (insertion.beforeRow > sheet.getMaxRows()) {
    sheet.insertRowsAfter(sheet.getMaxRows(), insertion.count);
  } else {
    sheet.insertRowsBefore(insertion.beforeRow, insertion.count);
  }
}

/**
 * Puts a sheet back as it was read before a write that failed half way: the rows the write
 * inserted are removed, and every cell read before is written again. Formats are not put back.
 */
export function restoreSheet(
  sheet: Sheet,
  insertion: RowInsertion | null,
  before: { cells: SheetGrid; maxRows: number },
): void {
  try {
    // Rows are taken out only when the sheet shows they went in.
    if (insertion && sheet.getMaxRows() === before.maxRows + insertion.count) {
      sheet.deleteRows(insertion.beforeRow, insertion.count);
    }
    const { cells } = before;
    const columns = Math.max(0, ...cells.map((row) => row.length));
    writeGridBlock(sheet, cells, { row: 1, column: 1, rows: cells.length, columns });
  } catch {
    // The write's own error says what went wrong; a failed restore must not hide it.
  }
}

/** Grows the sheet so a block fits, since a range past its edge is an error. */
export function makeRoomFor(sheet: Sheet, rows: number, columns: number): void {
  if (rows > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (columns > sheet.getMaxColumns()) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
  }
}
