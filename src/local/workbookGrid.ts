// A worksheet of an .xlsx file as a grid of cells, and a merged grid written back into it
// without disturbing what the merge left alone (styles, notes, validation, other sheets).
import ExcelJS from 'exceljs';
import {
  isFormulaCell,
  RowInsertion,
  sameCell,
  SheetCell,
  SheetGrid,
  shiftFormulaRows,
} from '../core/refresh/sheetGrid';

function readCell(cell: ExcelJS.Cell): SheetCell {
  if (cell.type === ExcelJS.ValueType.Formula) return { formula: cell.formula };
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value;
  if (typeof value === 'object' && 'richText' in value) {
    return value.richText.map((run) => run.text).join('');
  }
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'error' in value) return String(value.error);
  return cell.text;
}

/** The worksheet's cells, row 1 first, as far as its last used row and column. */
export function readWorksheetGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const grid: SheetGrid = [];
  for (let row = 1; row <= sheet.rowCount; row++) {
    const cells: SheetCell[] = [];
    const sheetRow = sheet.getRow(row);
    for (let column = 1; column <= sheet.columnCount; column++) {
      cells.push(readCell(sheetRow.getCell(column)));
    }
    while (cells.length && cells[cells.length - 1] === null) cells.pop();
    grid.push(cells);
  }
  return grid;
}

function toExcelValue(cell: SheetCell): ExcelJS.CellValue {
  if (isFormulaCell(cell)) return { formula: cell.formula } as ExcelJS.CellFormulaValue;
  return cell === '' ? null : cell;
}

// A shared formula points at its master cell's address; once rows move that address holds
// something else, so every shared formula becomes a formula of its own first.
function unshareFormulas(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (
        cell.type === ExcelJS.ValueType.Formula &&
        cell.formulaType === ExcelJS.FormulaType.Shared
      ) {
        cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
      }
    });
  });
}

// Moves every cell at or below the insertion down with its value (links and rich text
// intact), style, note and validation, as inserting rows does.
function moveRowsDown(sheet: ExcelJS.Worksheet, insertion: RowInsertion): void {
  const lastRow = sheet.rowCount;
  const lastColumn = sheet.columnCount;
  for (let row = lastRow; row >= insertion.beforeRow; row--) {
    const from = sheet.getRow(row);
    const to = sheet.getRow(row + insertion.count);
    if (from.height) to.height = from.height;
    for (let column = 1; column <= lastColumn; column++) {
      const source = from.getCell(column);
      const target = to.getCell(column);
      target.value = source.value;
      target.style = { ...source.style };
      target.note = source.note as string;
      target.dataValidation = source.dataValidation;
      source.value = null;
      source.style = {};
      source.note = undefined as unknown as string;
      source.dataValidation = undefined as unknown as ExcelJS.DataValidation;
    }
  }
}

/**
 * Writes a merged grid into its worksheet: rows are first made room for (each cell moving
 * with its style, note and validation), then only cells whose content changed are written.
 * Formulas in the workbook's other sheets that point at moved rows are re-pointed.
 */
export function writeWorksheetGrid(
  sheet: ExcelJS.Worksheet,
  merged: SheetGrid,
  insertion: RowInsertion | null,
): void {
  unshareFormulas(sheet);
  if (insertion && insertion.count > 0) {
    moveRowsDown(sheet, insertion);
    sheet.workbook.eachSheet((other) => {
      if (other === sheet) return;
      unshareFormulas(other);
      other.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const moved = shiftFormulaRows(cell.formula, insertion, other.name, sheet.name);
          if (moved !== cell.formula) cell.value = { formula: moved } as ExcelJS.CellFormulaValue;
        });
      });
    });
  }
  const before = readWorksheetGrid(sheet);
  const rows = Math.max(merged.length, before.length);
  for (let row = 0; row < rows; row++) {
    const width = Math.max(merged[row]?.length ?? 0, before[row]?.length ?? 0);
    for (let column = 0; column < width; column++) {
      const next = merged[row]?.[column] ?? null;
      // A formula is rewritten even when its text is the same, so no stale cached result stays.
      if (!sameCell(before[row]?.[column], next) || isFormulaCell(next)) {
        sheet.getCell(row + 1, column + 1).value = toExcelValue(next);
      }
    }
  }
}
