// Which cells rewriting a pulled block touches: the old block to clear, and the new cells that
// must be empty first so a marketer's own cells beside the block are never overwritten.
import { OwnedBlock } from '../pull/savedPulls';

/** A rectangle of cells, 1-based, as `Sheet.getRange(row, column, rows, columns)` takes it. */
export interface CellRect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface BlockPlan {
  /** The block the pull wrote last time, cleared before writing; null on a first write. */
  clear: CellRect | null;
  /** Cells the new block covers that the old one did not: they must hold nothing. */
  mustBeEmpty: CellRect[];
  /** The new block. */
  target: CellRect;
}

/**
 * Plans the rewrite of a block anchored at A1.
 *
 * @example
 * planBlockWrite({ sheetName: 'Funnel', sheetId: 1, rows: 5, columns: 12 }, 8, 13);
 * // clear A1:L5; must be empty: M1:M8 (the new column) and A6:L8 (the new rows)
 */
export function planBlockWrite(
  previous: OwnedBlock | null,
  rows: number,
  columns: number,
): BlockPlan {
  const target = { row: 1, column: 1, rows, columns };
  if (!previous) return { clear: null, mustBeEmpty: [target], target };
  const mustBeEmpty: CellRect[] = [];
  if (columns > previous.columns) {
    mustBeEmpty.push({
      row: 1,
      column: previous.columns + 1,
      rows,
      columns: columns - previous.columns,
    });
  }
  if (rows > previous.rows) {
    mustBeEmpty.push({
      row: previous.rows + 1,
      column: 1,
      rows: rows - previous.rows,
      columns: Math.min(columns, previous.columns),
    });
  }
  return {
    clear: { row: 1, column: 1, rows: previous.rows, columns: previous.columns },
    mustBeEmpty,
    target,
  };
}

/** A1 notation of a rectangle, e.g. `A1:L13`. */
export function rectA1(rect: CellRect): string {
  const corner = (row: number, column: number) => `${columnLetters(column)}${row}`;
  const start = corner(rect.row, rect.column);
  if (rect.rows === 1 && rect.columns === 1) return start;
  return `${start}:${corner(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`;
}

/** Column letters: 1 is A, 27 is AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let left = column; left > 0; left = Math.floor((left - 1) / 26)) {
    letters = String.fromCharCode(65 + ((left - 1) % 26)) + letters;
  }
  return letters;
}
