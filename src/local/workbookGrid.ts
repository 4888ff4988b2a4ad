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

/**
 * A worksheet's data validations as exceljs 4 holds them at run time (its types do not show
 * it): a rule per address, where an address is one cell (`G5`, as read from a file) or a range
 * (`G5:G13`, as this add-on writes them). A range key is written to the file as it is.
 */
export interface WorksheetValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>;
  add(address: string, rule: ExcelJS.DataValidation): void;
}

/** The validations of a worksheet, typed. */
export function worksheetValidations(sheet: ExcelJS.Worksheet): WorksheetValidations {
  return (sheet as unknown as { dataValidations: WorksheetValidations }).dataValidations;
}

/** The 1-based rows and columns an address (`G5` or `G5:H13`) covers, or null if it is none. */
export function addressBounds(
  address: string,
): { top: number; left: number; bottom: number; right: number } | null {
  const [first, last = first] = address.split(':');
  const start = /^\$?([A-Z]+)\$?(\d+)$/.exec(first);
  const end = /^\$?([A-Z]+)\$?(\d+)$/.exec(last);
  if (!start || !end) return null;
  const columnNumber = (letters: string) =>
    [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  const [a, b] = [columnNumber(start[1]), columnNumber(end[1])];
  const [r1, r2] = [Number(start[2]), Number(end[2])];
  return {
    top: Math.min(r1, r2),
    left: Math.min(a, b),
    bottom: Math.max(r1, r2),
    right: Math.max(a, b),
  };
}

// exceljs reads every validated range back as one entry per cell, and its writer joins cells
// into ranges in the text order of their addresses (G10 before G5), which gives overlapping
// ranges; a cleared cell stays as an empty entry. So entries are rebuilt here: empty ones
// dropped, and each column's cells with the same rule joined into runs written as ranges.
function compactValidations(sheet: ExcelJS.Worksheet): void {
  const validations = worksheetValidations(sheet);
  const runs: { column: number; row: number; rule: ExcelJS.DataValidation; text: string }[] = [];
  const kept: Record<string, ExcelJS.DataValidation> = {};
  for (const [address, rule] of Object.entries(validations.model)) {
    if (!rule) continue;
    const bounds = addressBounds(address);
    if (!bounds || bounds.top !== bounds.bottom || bounds.left !== bounds.right) {
      kept[address] = rule;
      continue;
    }
    runs.push({ column: bounds.left, row: bounds.top, rule, text: JSON.stringify(rule) });
  }
  runs.sort((x, y) => x.column - y.column || x.row - y.row);
  for (let i = 0; i < runs.length;) {
    let j = i;
    while (
      j + 1 < runs.length &&
      runs[j + 1].column === runs[i].column &&
      runs[j + 1].row === runs[j].row + 1 &&
      runs[j + 1].text === runs[i].text
    ) {
      j++;
    }
    const letters = sheet.getColumn(runs[i].column).letter;
    const address =
      i === j ? `${letters}${runs[i].row}` : `${letters}${runs[i].row}:${letters}${runs[j].row}`;
    kept[address] = runs[i].rule;
    i = j + 1;
  }
  validations.model = kept;
}

/**
 * Takes every validation off the cells of a block (1-based, inclusive), as clearing them in a
 * spreadsheet program would; a validated range that reaches into the block is split first.
 */
export function removeValidations(
  sheet: ExcelJS.Worksheet,
  block: { top: number; left: number; bottom: number; right: number },
): void {
  compactValidations(sheet);
  const validations = worksheetValidations(sheet);
  const kept: Record<string, ExcelJS.DataValidation> = {};
  for (const [address, rule] of Object.entries(validations.model)) {
    const bounds = addressBounds(address);
    if (!rule || !bounds) continue;
    for (let column = bounds.left; column <= bounds.right; column++) {
      for (let row = bounds.top; row <= bounds.bottom; row++) {
        const inside =
          row >= block.top && row <= block.bottom && column >= block.left && column <= block.right;
        if (!inside) kept[`${sheet.getColumn(column).letter}${row}`] = rule;
      }
    }
  }
  validations.model = kept;
  compactValidations(sheet);
}

// Validations of the cells at or below the insertion move down with them, as inserting rows
// does; they are moved once here rather than cell by cell, which leaves no empty entries.
function moveValidationsDown(sheet: ExcelJS.Worksheet, insertion: RowInsertion): void {
  compactValidations(sheet);
  const validations = worksheetValidations(sheet);
  const moved: Record<string, ExcelJS.DataValidation> = {};
  for (const [address, rule] of Object.entries(validations.model)) {
    const bounds = addressBounds(address);
    if (!rule || !bounds) continue;
    for (let row = bounds.top; row <= bounds.bottom; row++) {
      const to = row >= insertion.beforeRow ? row + insertion.count : row;
      for (let column = bounds.left; column <= bounds.right; column++) {
        moved[`${sheet.getColumn(column).letter}${to}`] = rule;
      }
    }
  }
  validations.model = moved;
  compactValidations(sheet);
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
      source.value = null;
      source.style = {};
      source.note = undefined as unknown as string;
    }
  }
  moveValidationsDown(sheet, insertion);
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
