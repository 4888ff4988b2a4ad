// The ROI sheet on a refresh: found in the sheet's cells, merged with the new campaign funnel,
// or laid out fresh when the sheet is new. Google Sheets and the local workbook both use it.
import { ProductError } from '../productError';
import {
  buildRoiSheetLayout,
  columnLetter,
  CostInputs,
  LayoutCell,
  NOT_IN_LATEST_PULL,
  periodOfLine,
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
const statusColumn = ROI_COLUMNS.findIndex((column) => column.kind === 'status');

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

/** A cost input typed in the sheet that the costs file gives another value for. */
export interface CostConflict {
  campaign: string;
  /** The column's header, as the sheet shows it. */
  column: string;
  /** What the sheet holds, which is kept: a number, or the text of anything else. */
  typed: number | string;
  /** What the costs file says, which is not used. */
  file: number;
  /** The column is the margin, a share better shown as a percentage. */
  percent: boolean;
}

/** What the costs given to the merge did to the sheet. */
export interface CostsApplied {
  /** Blank input cells filled from the costs, in new and existing rows alike. */
  filled: number;
  /** Typed cells that differ from the costs; the typed value stays. */
  conflicts: CostConflict[];
  /**
   * Campaigns with costs that the pull does not return: their row (made for them when the sheet
   * had none) is marked "not in the latest pull" and left out of the totals.
   */
  withoutFigures: string[];
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
  costs: CostsApplied;
  /**
   * The sheet held typed costs and stated another period than the new figures cover: the costs
   * were most likely typed for the old period. Null when the period is the same, the sheet
   * states none, or no cost was typed.
   */
  periodChange: { typedFor: string; nowCovers: string } | null;
}

function inputColumns(): { index: number; id: keyof CostInputs; header: string }[] {
  return ROI_COLUMNS.flatMap((column, index) =>
    column.kind === 'input'
      ? [{ index, id: column.id as keyof CostInputs, header: column.header }]
      : [],
  );
}

/** The campaign of each keyed row of the table, by 0-based row. */
function campaignRows(grid: SheetGrid, place: TablePlace): Map<number, string> {
  const rows = new Map<number, string>();
  for (let row = place.headerRow + 1; row < place.bodyEnd; row++) {
    const campaign = cellText(cellAt(grid, row, 0));
    if (campaign !== '') rows.set(row, campaign);
  }
  return rows;
}

function hasTypedCosts(grid: SheetGrid, place: TablePlace): boolean {
  return [...campaignRows(grid, place).keys()].some((row) =>
    inputColumns().some(({ index }) => !isBlankCell(cellAt(grid, row, index))),
  );
}

// The costs file fills what is blank and never overwrites what a person typed: a file written
// once for the campaigns of last month must not undo corrections made in the sheet since.
function applyCosts(
  grid: SheetGrid,
  place: TablePlace,
  costs: Map<string, CostInputs>,
): Pick<CostsApplied, 'filled' | 'conflicts'> {
  let filled = 0;
  const conflicts: CostConflict[] = [];
  for (const [row, campaign] of campaignRows(grid, place)) {
    const inputs = costs.get(campaign);
    if (!inputs) continue;
    for (const { index, id, header } of inputColumns()) {
      const value = inputs[id];
      if (value === undefined) continue;
      const typed = cellAt(grid, row, index);
      if (isBlankCell(typed)) {
        setCell(grid, row, index, value);
        filled++;
      } else if (!(typeof typed === 'number' && Math.abs(typed - value) < 1e-9)) {
        conflicts.push({
          campaign,
          column: header,
          typed: typeof typed === 'number' ? typed : cellText(typed),
          file: value,
          percent: id === 'margin',
        });
      }
    }
  }
  return { filled, conflicts };
}

function statedPeriod(grid: SheetGrid, headerRow: number): { row: number; period: string } | null {
  for (let row = 0; row < headerRow; row++) {
    const period = periodOfLine(cellText(cellAt(grid, row, 0)));
    if (period !== null) return { row, period };
  }
  return null;
}

/**
 * The ROI sheet after a pull: a blank sheet gets the whole layout; an ROI sheet already there
 * keeps every typed cell and its rows, gets the new figures in each campaign's row, a row for
 * each new campaign, the missing status on campaigns the pull no longer returns, formulas and
 * totals re-pointed, and the new period. `costs` fill the blank input cells of their campaigns,
 * new or already in the sheet (a campaign with costs but no figures gets a row marked "not in
 * the latest pull", as in a fresh layout); a typed cell is never overwritten, and where the
 * costs differ from it the merge lists the conflict. The grid given is not changed; a sheet
 * that is not an ROI sheet is refused.
 *
 * @example
 * const merge = mergeRoiSheet(sheetCells, 'Campaign ROI', { funnel, periodText: '2024-02-01 to 2024-02-29 (UTC)' });
 * merge.added; // ['new campaign']
 * merge.periodChange; // { typedFor: '2024-01-01 to 2024-01-31 (UTC)', nowCovers: '2024-02-01 to 2024-02-29 (UTC)' }
 */
export function mergeRoiSheet(
  grid: SheetGrid,
  sheetName: string,
  input: RoiSheetInput,
): RoiSheetMerge {
  const costs = input.costs ?? new Map<string, CostInputs>();
  const { funnel } = input;
  const pulled = new Set(funnel.rows.map((row) => row.keys.campaign ?? ''));
  const withoutFigures = [...costs.keys()].filter((campaign) => !pulled.has(campaign));

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
      costs: {
        filled: [...costs.values()].reduce((n, inputs) => n + Object.keys(inputs).length, 0),
        conflicts: [],
        withoutFigures,
      },
      periodChange: null,
    };
  }

  const place = locateRoiTable(grid, sheetName);
  const inSheet = new Set(campaignRows(grid, place).values());
  const costsOnly = withoutFigures.filter((campaign) => !inSheet.has(campaign));
  const merge: KeyedTableMergeResult = mergeKeyedTable(
    {
      sheetName,
      columns: ROI_TABLE_COLUMNS,
      place,
      // A campaign with costs but no figures joins as a group without figures; its row is
      // marked missing below, as a fresh layout marks it.
      groups: [
        ...funnel.rows.map((row) => ({
          keys: [row.keys.campaign ?? ''],
          figures: roiPulledValues(row),
        })),
        ...costsOnly.map((campaign) => ({ keys: [campaign], figures: [] })),
      ],
      rowFormulas: (sheetRow) => roiRowFormulas(sheetRow).map((formula) => ({ formula })),
      totalsRow: (first, last, sheetRow) =>
        roiTotalsRow(funnel.allGroups, first, last, sheetRow).map(layoutCellToSheetCell),
      missingStatus: NOT_IN_LATEST_PULL,
    },
    grid,
  );
  const added = merge.added.map(([campaign]) => campaign);
  added.forEach((campaign, i) => {
    if (!pulled.has(campaign))
      setCell(merge.grid, place.bodyEnd + i, statusColumn, NOT_IN_LATEST_PULL);
  });
  const applied = applyCosts(merge.grid, merge.place, costs);

  const stated = statedPeriod(merge.grid, place.headerRow);
  if (stated) setCell(merge.grid, stated.row, 0, roiPeriodLine(input.periodText));
  const periodChange =
    stated && stated.period !== input.periodText && hasTypedCosts(grid, place)
      ? { typedFor: stated.period, nowCovers: input.periodText }
      : null;

  return {
    grid: merge.grid,
    place: merge.place,
    insertion: merge.insertion,
    added: added.filter((campaign) => pulled.has(campaign)),
    missing: [
      ...merge.missing.map(([campaign]) => campaign),
      ...added.filter((campaign) => !pulled.has(campaign)),
    ],
    updated: merge.updated,
    created: false,
    costs: { ...applied, withoutFigures },
    periodChange,
  };
}

/** A warning for the person about a merge, as a message code and its details. */
export interface RoiMergeWarning {
  code: string;
  details: Record<string, unknown>;
}

/**
 * What a person should hear about a merge, in order: costs typed for another period, costs
 * in the file that differ from typed cells (kept), campaigns with costs but no figures. Turn
 * each into a sentence with `messageFor(code, details)`.
 *
 * @example
 * roiMergeWarnings(merge).map((w) => messageFor(w.code, w.details));
 * // ['The costs in the sheet were typed for 2024-01-01 to 2024-01-15 (UTC); ...']
 */
export function roiMergeWarnings(merge: RoiSheetMerge): RoiMergeWarning[] {
  const warnings: RoiMergeWarning[] = [];
  if (merge.periodChange)
    warnings.push({ code: 'roi/period-changed', details: merge.periodChange });
  for (const conflict of merge.costs.conflicts) {
    warnings.push({ code: 'roi/cost-conflict', details: { ...conflict } });
  }
  if (merge.costs.withoutFigures.length) {
    warnings.push({
      code: 'roi/costs-without-figures',
      details: { campaigns: merge.costs.withoutFigures },
    });
  }
  return warnings;
}
