// The ROI sheet on a refresh: found in the sheet's cells, merged with the new campaign funnel,
// or laid out fresh when the sheet is new. Google Sheets and the local workbook both use it.
import { ProductError } from '../productError';
import {
  buildRoiSheetLayout,
  columnLetter,
  CostInputs,
  LayoutCell,
  NOT_IN_LATEST_PULL,
  PERIOD_LINE_START,
  ROI_COLUMNS,
  roiPeriodLine,
  roiPulledValues,
  roiRowFormulas,
  RoiSheetInput,
  roiTotalsRow,
  TOTALS_LABEL,
} from '../roi/roiSheetLayout';
import { KeyedTableMergeResult, mergeKeyedTable, TableColumn, TablePlace } from './keyedTableMerge';
import {
  cellAt,
  cellText,
  isBlankCell,
  isFormulaCell,
  RowInsertion,
  SheetCell,
  SheetGrid,
  setCell,
} from './sheetGrid';

/** The ROI table's columns as the merge sees them: inputs are the person's. */
export const ROI_TABLE_COLUMNS: TableColumn[] = ROI_COLUMNS.map((column) => ({
  header: column.header,
  role: column.kind === 'input' ? 'typed' : column.kind,
}));

/** The ROI sheet's cells as they are written: formulas apart from values. */
export function layoutCellToSheetCell(cell: LayoutCell): SheetCell {
  if (cell.formula) return { formula: cell.formula };
  return cell.value ?? null;
}

/**
 * The whole layout as a grid, row 1 first.
 *
 * @example
 * layoutToGrid(buildRoiSheetLayout({ funnel, periodText }).rows)[0]; // ['Campaign ROI']
 */
export function layoutToGrid(rows: LayoutCell[][]): SheetGrid {
  return rows.map((cells) => cells.map(layoutCellToSheetCell));
}

function isBlankGrid(grid: SheetGrid): boolean {
  return grid.every((row) => row.every((cell) => isBlankCell(cell)));
}

const peopleColumn = ROI_COLUMNS.findIndex((column) => column.id === 'people');

/**
 * Finds the ROI table in a sheet's cells: the header row (every column where the add-on put
 * it, so figures never land in a column a person moved), and the totals row below it.
 * Throws ProductError `roi/...` saying what to restore when the table cannot be trusted.
 *
 * @example
 * locateRoiTable(layoutToGrid(buildRoiSheetLayout({ funnel, periodText }).rows), 'Campaign ROI');
 * // { headerRow: 3, bodyEnd: 4 + funnel.rows.length, hasTotalsRow: true }
 */
export function locateRoiTable(grid: SheetGrid, sheetName: string): TablePlace {
  const headerRow = grid.findIndex(
    (row) =>
      cellText(row[0]) === ROI_TABLE_COLUMNS[0].header &&
      cellText(row[1]) === ROI_TABLE_COLUMNS[1].header,
  );
  if (headerRow < 0) throw new ProductError('roi/table-not-found', { sheet: sheetName });
  ROI_TABLE_COLUMNS.forEach((column, index) => {
    const found = cellText(cellAt(grid, headerRow, index));
    if (found !== column.header) {
      throw new ProductError('roi/column-moved', {
        sheet: sheetName,
        column: columnLetter(index),
        expected: column.header,
        found,
      });
    }
  });
  for (let row = headerRow + 1; row < grid.length; row++) {
    if (
      cellText(cellAt(grid, row, 0)) === TOTALS_LABEL &&
      isFormulaCell(cellAt(grid, row, peopleColumn))
    ) {
      return { headerRow, bodyEnd: row, hasTotalsRow: true };
    }
  }
  throw new ProductError('roi/totals-row-missing', { sheet: sheetName });
}

export interface RoiSheetMerge {
  grid: SheetGrid;
  place: TablePlace;
  /** Rows to insert before the totals row before writing, so the sheet moves what is below. */
  insertion: RowInsertion | null;
  added: string[];
  missing: string[];
  updated: number;
  /** The sheet was blank and is laid out fresh. */
  created: boolean;
}

function inputColumns(): { index: number; id: keyof CostInputs }[] {
  return ROI_COLUMNS.flatMap((column, index) =>
    column.kind === 'input' ? [{ index, id: column.id as keyof CostInputs }] : [],
  );
}

/**
 * The ROI sheet after a pull: a blank sheet gets the whole layout; an ROI sheet already there
 * keeps every typed cell and its rows, gets the new figures in each campaign's row, a row for
 * each new campaign (with inputs from `costs` where given, else empty), the missing status on
 * campaigns the pull no longer returns, formulas and totals re-pointed, and the new period.
 * The grid given is not changed; a sheet that is not an ROI sheet is refused.
 *
 * @example
 * const merge = mergeRoiSheet(sheetCells, 'Campaign ROI', { funnel, periodText: '2024-02-01 to 2024-02-29 (UTC)' });
 * merge.added; // ['new campaign']
 */
export function mergeRoiSheet(
  grid: SheetGrid,
  sheetName: string,
  input: RoiSheetInput,
): RoiSheetMerge {
  if (isBlankGrid(grid)) {
    const layout = buildRoiSheetLayout(input);
    return {
      grid: layoutToGrid(layout.rows),
      place: { headerRow: layout.headerRow - 1, bodyEnd: layout.totalsRow - 1, hasTotalsRow: true },
      insertion: null,
      added: layout.rows
        .slice(layout.firstCampaignRow - 1, layout.lastCampaignRow)
        .map((row) => String(row[0].value)),
      missing: [],
      updated: 0,
      created: true,
    };
  }

  const place = locateRoiTable(grid, sheetName);
  const { funnel } = input;
  const merge: KeyedTableMergeResult = mergeKeyedTable(
    {
      sheetName,
      columns: ROI_TABLE_COLUMNS,
      place,
      groups: funnel.rows.map((row) => ({
        keys: [row.keys.campaign ?? ''],
        figures: roiPulledValues(row),
      })),
      rowFormulas: (sheetRow) => roiRowFormulas(sheetRow).map((formula) => ({ formula })),
      totalsRow: (first, last, sheetRow) =>
        roiTotalsRow(funnel.allGroups, first, last, sheetRow).map(layoutCellToSheetCell),
      missingStatus: NOT_IN_LATEST_PULL,
    },
    grid,
  );

  const costs = input.costs ?? new Map<string, CostInputs>();
  merge.added.forEach(([campaign], i) => {
    const inputs = costs.get(campaign);
    if (!inputs) return;
    for (const { index, id } of inputColumns()) {
      const value = inputs[id];
      if (value !== undefined) setCell(merge.grid, place.bodyEnd + i, index, value);
    }
  });

  for (let row = 0; row < place.headerRow; row++) {
    if (cellText(cellAt(merge.grid, row, 0)).startsWith(PERIOD_LINE_START)) {
      setCell(merge.grid, row, 0, roiPeriodLine(input.periodText));
      break;
    }
  }

  return {
    grid: merge.grid,
    place: merge.place,
    insertion: merge.insertion,
    added: merge.added.map(([campaign]) => campaign),
    missing: merge.missing.map(([campaign]) => campaign),
    updated: merge.updated,
    created: false,
  };
}
