// Writes a pulled block into its sheet: merged into the block the pull wrote before, or written
// afresh with one setValues; only the cells the pull owns are written, never a marketer's.
import { ProductError } from '../core/productError';
import { PulledBlockWriter } from '../core/pull/pullService';
import { OwnedBlock } from '../core/pull/savedPulls';
import { PulledSheetMerge, planPulledSheetWrite } from '../core/refresh/pulledSheetMerge';
import { CellRect, planBlockWrite, rectA1 } from '../core/sheet/blockPlan';
import { NUMBER_FORMATS, PulledBlock } from '../core/sheet/pulledBlock';
import { insertPlannedRows, readSheetGrid, restoreSheet, writeGridBlock } from './sheetCells';

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
 * Writes the block as a first pull does: the old block (if any) cleared, every new cell it
 * needs checked to be empty first. Number formats go down before the values, so a campaign
 * named "2024" or "3/4" is kept as text rather than read as a number or a date.
 */
function writeBlockAfresh(
  spreadsheet: Spreadsheet,
  block: PulledBlock,
  previous: OwnedBlock | null,
): OwnedBlock {
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
  return {
    sheetName: sheet.getName(),
    sheetId: sheet.getSheetId(),
    rows,
    columns,
    noRowsLine: block.groupRows === 0,
  };
}

/** Writes a planned merge: new rows made room for, then the block and Status in one setValues. */
function writeMerge(sheet: Sheet, block: PulledBlock, merge: PulledSheetMerge): void {
  insertPlannedRows(sheet, merge.insertion);
  const formats = [
    ...block.columns.map((column) => NUMBER_FORMATS[column.format]),
    NUMBER_FORMATS.text,
  ];
  const bodyRows = merge.rows - 1;
  if (bodyRows > 0) {
    sheet
      .getRange(2, 1, bodyRows, merge.columns)
      .setNumberFormats(Array.from({ length: bodyRows }, () => formats));
  }
  writeGridBlock(sheet, merge.grid, {
    row: 1,
    column: 1,
    rows: merge.rows,
    columns: merge.columns,
  });
  sheet.getRange(1, 1, 1, merge.columns).setFontWeight('bold');
  sheet.getRange(1, 1).setNote(block.note);
}

/**
 * More writing that belongs with the pulled sheet's (the ROI sheet, on a refresh): planned
 * before either sheet is written, and run right after the pulled sheet, so that when it fails
 * the pulled sheet is put back too. Returns null when there is nothing more to write.
 */
export type CompanionWrite = () => (() => void) | null;

/**
 * The pull's writer for the active spreadsheet, for the sidebar and the refresh alike. When the
 * sheet still holds this pull's block (found by id, so a rename is followed), the new block is
 * merged into it: rows matched on the grouping keys, a new campaign in a new row, one no longer
 * returned kept and marked, a marketer's cells left where they are. Otherwise the block is
 * written afresh. A write that fails half way puts the sheet back as it was read.
 */
export function appsScriptBlockWriter(
  spreadsheet: Spreadsheet,
  companion: CompanionWrite = () => null,
): PulledBlockWriter {
  return {
    write(block, previous) {
      const writeCompanion = companion();
      const sheet = previous
        ? spreadsheet.getSheets().find((candidate) => candidate.getSheetId() === previous.sheetId)
        : undefined;
      const before = sheet && { cells: readSheetGrid(sheet), maxRows: sheet.getMaxRows() };
      const plan = planPulledSheetWrite(
        sheet && before ? { name: sheet.getName(), grid: before.cells } : null,
        block,
        previous,
      );
      if (plan.kind === 'afresh' || !sheet || !before) {
        const owned = writeBlockAfresh(spreadsheet, block, previous);
        writeCompanion?.();
        return owned;
      }

      const { merge } = plan;
      try {
        writeMerge(sheet, block, merge);
        writeCompanion?.();
      } catch (error) {
        // A companion puts its own sheet back; the pulled sheet is put back here.
        restoreSheet(sheet, merge.insertion, before);
        throw error;
      }
      return {
        sheetName: sheet.getName(),
        sheetId: sheet.getSheetId(),
        rows: merge.rows,
        columns: merge.columns,
        noRowsLine: merge.noRowsLine,
      };
    },
  };
}
