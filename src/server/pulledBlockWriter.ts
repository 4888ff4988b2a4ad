// Writes a pulled block into its sheet: one setValues for the whole block, and only the cells
// the pull owns are cleared; a marketer's cells beside the block are never touched.
import { ProductError } from '../core/productError';
import { PulledBlockWriter } from '../core/pull/pullService';
import { OwnedBlock } from '../core/pull/savedPulls';
import { CellRect, planBlockWrite, rectA1 } from '../core/sheet/blockPlan';
import { PulledBlock } from '../core/sheet/pulledBlock';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const rangeOf = (sheet: Sheet, rect: CellRect) =>
  sheet.getRange(rect.row, rect.column, rect.rows, rect.columns);

/** The sheet the block went to last time (found by id, so a rename is followed), or by name. */
function findSheet(spreadsheet: Spreadsheet, block: PulledBlock, previous: OwnedBlock | null) {
  if (previous?.sheetId !== null && previous?.sheetId !== undefined) {
    const owned = spreadsheet.getSheets().find((sheet) => sheet.getSheetId() === previous.sheetId);
    if (owned) return { sheet: owned, owned: previous };
  }
  // A sheet found only by name is a sheet the pull never wrote (its own was deleted), so every
  // cell the block needs must be empty.
  const named = spreadsheet.getSheetByName(block.sheetName);
  if (named) return { sheet: named, owned: null };
  return { sheet: spreadsheet.insertSheet(block.sheetName), owned: null };
}

/** Grows the sheet when the block is larger than it, since a range past its edge is an error. */
function makeRoom(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** The first cell in a rectangle that holds a value or a formula, in A1 notation, or null. */
function firstFilledCell(sheet: Sheet, rect: CellRect): string | null {
  const range = rangeOf(sheet, rect);
  const values = range.getValues();
  const formulas = range.getFormulas();
  for (let row = 0; row < rect.rows; row++) {
    for (let column = 0; column < rect.columns; column++) {
      if (values[row][column] !== '' || formulas[row][column] !== '') {
        return rectA1({ row: rect.row + row, column: rect.column + column, rows: 1, columns: 1 });
      }
    }
  }
  return null;
}

/**
 * A writer for the active spreadsheet. Number formats go down before the values, so a
 * campaign named "2024" or "3/4" is kept as text rather than read as a number or a date.
 */
export function appsScriptBlockWriter(spreadsheet: Spreadsheet): PulledBlockWriter {
  return {
    write(block, previous) {
      const { sheet, owned } = findSheet(spreadsheet, block, previous);
      const rows = block.values.length;
      const columns = block.values[0].length;
      makeRoom(sheet, rows, columns);

      const plan = planBlockWrite(owned, rows, columns);
      for (const rect of plan.mustBeEmpty) {
        const cell = firstFilledCell(sheet, rect);
        if (cell) {
          throw new ProductError('sheet/would-overwrite', {
            sheet: sheet.getName(),
            range: rectA1(plan.target),
            cell,
          });
        }
      }

      if (plan.clear) rangeOf(sheet, plan.clear).clear();
      const target = rangeOf(sheet, plan.target);
      target.setNumberFormats(block.numberFormats);
      target.setValues(block.values);
      sheet.getRange(1, 1, 1, columns).setFontWeight('bold');
      sheet.getRange(1, 1).setNote(block.note);
      sheet.setFrozenRows(1);
      return { sheetName: sheet.getName(), sheetId: sheet.getSheetId(), rows, columns };
    },
  };
}
