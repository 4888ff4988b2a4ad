// A1 notation as Sheets reads and writes it: A1, A1:B2, B:B, 2:2, A2:B, $A$1, 'My sheet'!A1.

/** A block of cells, 1-based. `open` marks whole columns or rows, which A1 writes as B:B or 2:2. */
export interface CellBlock {
  readonly sheetName?: string;
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
  readonly open?: 'columns' | 'rows';
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([1-9]\d*)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?([1-9]\d*)$/;

/** The column's letters: 1 is A, 27 is AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** The column number of letters: A is 1, AA is 27. */
export function columnNumber(letters: string): number {
  return letters
    .toUpperCase()
    .split('')
    .reduce((number, letter) => number * 26 + letter.charCodeAt(0) - 64, 0);
}

/**
 * Reads A1 notation against a sheet of `maxRows` by `maxColumns`; null when it is not A1
 * notation (Sheets then says "Range not found").
 */
export function parseA1(text: string, maxRows: number, maxColumns: number): CellBlock | null {
  const bang = text.lastIndexOf('!');
  const sheetPart = bang === -1 ? undefined : text.slice(0, bang);
  const sheetName = sheetPart === undefined ? undefined : unquoteSheetName(sheetPart);
  if (sheetName === null) return null;
  const [start, end, extra] = text
    .slice(bang + 1)
    .trim()
    .split(':');
  if (extra !== undefined || !start) return null;

  const from = CELL.exec(start);
  if (from && end === undefined) {
    return {
      sheetName,
      row: Number(from[2]),
      column: columnNumber(from[1]),
      numRows: 1,
      numColumns: 1,
    };
  }
  const to = end === undefined ? null : CELL.exec(end);
  if (from && to) {
    return box(
      sheetName,
      Number(from[2]),
      columnNumber(from[1]),
      Number(to[2]),
      columnNumber(to[1]),
    );
  }
  const toColumn = end === undefined ? null : COLUMN.exec(end);
  if (from && toColumn) {
    return box(
      sheetName,
      Number(from[2]),
      columnNumber(from[1]),
      maxRows,
      columnNumber(toColumn[1]),
    );
  }
  const fromColumn = COLUMN.exec(start);
  if (fromColumn && toColumn) {
    const block = box(
      sheetName,
      1,
      columnNumber(fromColumn[1]),
      maxRows,
      columnNumber(toColumn[1]),
    );
    return { ...block, open: 'columns' };
  }
  const fromRow = ROW.exec(start);
  const toRow = end === undefined ? null : ROW.exec(end);
  if (fromRow && toRow) {
    const block = box(sheetName, Number(fromRow[1]), 1, Number(toRow[1]), maxColumns);
    return { ...block, open: 'rows' };
  }
  return null;
}

/** A block written back as A1 notation, the way Range.getA1Notation writes it. */
export function formatA1(block: CellBlock): string {
  const first = columnLetters(block.column);
  const last = columnLetters(block.column + block.numColumns - 1);
  if (block.open === 'columns') return `${first}:${last}`;
  if (block.open === 'rows') return `${block.row}:${block.row + block.numRows - 1}`;
  const topLeft = `${first}${block.row}`;
  if (block.numRows === 1 && block.numColumns === 1) return topLeft;
  return `${topLeft}:${last}${block.row + block.numRows - 1}`;
}

/** A sheet name as A1 notation writes it: quoted when it is not a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// Sheets accepts the corners in any order and normalises them to top-left:bottom-right.
function box(
  sheetName: string | undefined,
  rowA: number,
  columnA: number,
  rowB: number,
  columnB: number,
): CellBlock {
  const row = Math.min(rowA, rowB);
  const column = Math.min(columnA, columnB);
  return {
    sheetName,
    row,
    column,
    numRows: Math.max(rowA, rowB) - row + 1,
    numColumns: Math.max(columnA, columnB) - column + 1,
  };
}

function unquoteSheetName(text: string): string | null {
  if (!text.startsWith("'")) return text === '' || text.includes("'") ? null : text;
  if (!text.endsWith("'") || text.length < 3) return null;
  const inner = text.slice(1, -1);
  if (inner.replace(/''/g, '').includes("'")) return null;
  return inner.replace(/''/g, "'");
}
