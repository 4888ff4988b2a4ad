// A sheet's cells as the refresh reads and writes them, with typed values and formulas kept
// apart, and row insertion that re-points formulas the way a spreadsheet does.

/** A formula, written without its leading `=`. */
export interface FormulaCell {
  formula: string;
}

/**
 * One cell: what a person or the add-on put there. Text that starts with `=` is text, not a
 * formula: formulas are always `{ formula }`, so a campaign called `=1+1` stays a name.
 */
export type SheetCell = string | number | boolean | Date | FormulaCell | null;

/** Rows of cells, top to bottom; row 1 of the sheet is `grid[0]`. Rows may differ in length. */
export type SheetGrid = SheetCell[][];

export function isFormulaCell(cell: SheetCell | undefined): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** Blank as a spreadsheet means it: nothing, or empty text. */
export function isBlankCell(cell: SheetCell | undefined): boolean {
  return cell === null || cell === undefined || cell === '';
}

/** The cell at a 0-based row and column; past the end of a row is blank. */
export function cellAt(grid: SheetGrid, row: number, column: number): SheetCell {
  return grid[row]?.[column] ?? null;
}

/** The text a key cell stands for: a campaign typed as 2024 matches the pulled `2024`. */
export function cellText(cell: SheetCell | undefined): string {
  if (isBlankCell(cell)) return '';
  if (isFormulaCell(cell)) return `=${cell.formula}`;
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

/** Two cells hold the same thing (formulas by their text, dates by their instant). */
export function sameCell(left: SheetCell | undefined, right: SheetCell | undefined): boolean {
  if (isBlankCell(left) || isBlankCell(right)) return isBlankCell(left) && isBlankCell(right);
  if (isFormulaCell(left) || isFormulaCell(right)) {
    return isFormulaCell(left) && isFormulaCell(right) && left.formula === right.formula;
  }
  if (left instanceof Date || right instanceof Date) {
    return left instanceof Date && right instanceof Date && left.getTime() === right.getTime();
  }
  return left === right;
}

/** A copy of the grid whose rows can be changed without touching the original. */
export function copyGrid(grid: SheetGrid): SheetGrid {
  return grid.map((row) => [...row]);
}

/** Puts a cell into a grid, growing the grid with blanks as needed. */
export function setCell(grid: SheetGrid, row: number, column: number, cell: SheetCell): void {
  while (grid.length <= row) grid.push([]);
  const cells = grid[row];
  while (cells.length < column) cells.push(null);
  cells[column] = cell;
}

/** Where rows are inserted: `count` rows before 1-based sheet row `beforeRow`. */
export interface RowInsertion {
  beforeRow: number;
  count: number;
}

const SHEET_PREFIX = String.raw`(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const ROW = String.raw`\$?\d+`;
const COLUMN = String.raw`\$?[A-Za-z]{1,3}`;
// A reference: optional sheet, then a cell or a range of cells, rows or columns. Strings are
// matched first so that nothing inside quotes is taken for a reference.
const TOKEN = new RegExp(
  String.raw`"(?:[^"]|"")*"|(${SHEET_PREFIX})?(${CELL}(?::${CELL})?|${ROW}:${ROW}|${COLUMN}:${COLUMN})`,
  'g',
);

function unquoteSheet(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function shiftRowNumbers(reference: string, insertion: RowInsertion): string {
  return reference.replace(
    /(\$?)([A-Za-z]{0,3})(\$?)(\d+)/g,
    (whole, colAbs, letters, rowAbs, row) => {
      // A whole-column reference such as A:A has no row to move.
      if (!row) return whole;
      const number = Number(row);
      const moved = number >= insertion.beforeRow ? number + insertion.count : number;
      return `${colAbs}${letters}${rowAbs}${moved}`;
    },
  );
}

/**
 * Re-points a formula after rows are inserted into a sheet, as the spreadsheet itself does:
 * every reference to a row at or below the insertion moves down, and a range that spans it
 * grows. References to other sheets are left alone. `formulaSheet` is the sheet holding the
 * formula and `insertedSheet` the one that got the rows; unqualified references are to the
 * formula's own sheet.
 *
 * @example
 * shiftFormulaRows('SUM(B5:B9)+B12', { beforeRow: 8, count: 2 }, 'ROI', 'ROI');
 * // 'SUM(B5:B11)+B14'
 */
export function shiftFormulaRows(
  formula: string,
  insertion: RowInsertion,
  formulaSheet: string,
  insertedSheet: string,
): string {
  if (insertion.count === 0) return formula;
  return formula.replace(TOKEN, (token, prefix: string | undefined, reference, offset: number) => {
    if (reference === undefined) return token;
    const before = formula[offset - 1] ?? '';
    const after = formula[offset + token.length] ?? '';
    // LOG10( is a function and A1B is a name, not references; 1:2 inside 11:22 is part of it.
    if (after === '(' || /[A-Za-z0-9_.]/.test(after) || /[A-Za-z0-9_.$]/.test(before)) {
      return token;
    }
    const sheet = prefix ? unquoteSheet(prefix) : formulaSheet;
    if (sheet !== insertedSheet) return token;
    return (prefix ?? '') + shiftRowNumbers(reference, insertion);
  });
}

/**
 * Inserts blank rows into a grid, moving the rows below down and re-pointing every formula
 * in it, as inserting rows into the sheet would.
 *
 * @example
 * insertGridRows([['a'], [{ formula: 'A1' }]], { beforeRow: 1, count: 1 }, 'ROI');
 * // [[], ['a'], [{ formula: 'A2' }]]
 */
export function insertGridRows(grid: SheetGrid, insertion: RowInsertion, sheet: string): SheetGrid {
  const shifted = grid.map((row) =>
    row.map((cell) =>
      isFormulaCell(cell)
        ? { formula: shiftFormulaRows(cell.formula, insertion, sheet, sheet) }
        : cell,
    ),
  );
  const at = Math.min(insertion.beforeRow - 1, shifted.length);
  const blanks: SheetCell[][] = Array.from({ length: insertion.count }, () => []);
  return [...shifted.slice(0, at), ...blanks, ...shifted.slice(at)];
}
