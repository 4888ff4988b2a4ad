// The ROI sheet in Google Sheets: laid out or merged by the core, then given its formats,
// shaded and validated inputs, protected formulas, ROI colours and two charts.
import { CampaignFunnel } from '../core/refresh/campaignFunnel';
import { TablePlace } from '../core/refresh/keyedTableMerge';
import { mergeRoiSheet, RoiSheetMerge } from '../core/refresh/roiSheetMerge';
import { DocumentStore } from '../core/pull/savedPulls';
import { cellText, SheetGrid } from '../core/refresh/sheetGrid';
import { sheetNumberFormat } from '../core/roi/sheetNumberFormats';
import {
  columnLetter,
  PERIOD_LINE_START,
  ROI_COLUMNS,
  ROI_SHEET_TITLE,
} from '../core/roi/roiSheetLayout';
import {
  insertPlannedRows,
  makeRoomFor,
  readSheetGrid,
  restoreSheet,
  writeGridBlock,
} from './sheetCells';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Marks the protections this add-on sets, so a re-run replaces them and leaves others. */
export const ROI_PROTECTION_DESCRIPTION = 'Campaign ROI for Sheets: figures and formulas';
export const REVENUE_COST_CHART_TITLE = 'Revenue and cost per campaign';
export const FUNNEL_CHART_TITLE = 'Funnel steps, all campaigns';
const INPUT_BACKGROUND = '#fff2cc';
const HEADER_BACKGROUND = '#e8eaed';
export const ROI_POSITIVE_COLOUR = '#137333';
export const ROI_NEGATIVE_COLOUR = '#c5221f';
const WIDTH = ROI_COLUMNS.length;
const CHART_ROWS = 20;

const columnOf = (id: string) => ROI_COLUMNS.findIndex((column) => column.id === id) + 1;
const kindColumns = (kind: string) =>
  ROI_COLUMNS.flatMap((column, i) => (column.kind === kind ? [i + 1] : []));

/** The document property holding the ROI sheet's id, which survives a rename. */
export const ROI_SHEET_ID_PROPERTY = 'campaignRoi.roiSheetId';

/** The ROI sheet: the one this add-on made (by id, so a renamed sheet is still found), else by name. */
export function findRoiSheet(spreadsheet: Spreadsheet, store: DocumentStore): Sheet | null {
  const id = Number(store.get(ROI_SHEET_ID_PROPERTY) ?? NaN);
  const owned = spreadsheet.getSheets().find((sheet) => sheet.getSheetId() === id);
  return owned ?? spreadsheet.getSheetByName(ROI_SHEET_TITLE);
}

/** The ROI sheet worked out, not yet written: what a refresh holds until every merge is ready. */
export interface RoiSheetPlan {
  sheet: Sheet | null;
  /** The sheet's cells and size as read, to put back if writing fails half way. */
  before: { cells: SheetGrid; maxRows: number };
  merge: RoiSheetMerge;
  campaign: CampaignFunnel;
}

/**
 * Reads the ROI sheet (if there is one) and merges the campaign funnel into it. Writes nothing;
 * throws the core's `roi/...` errors when the sheet cannot be trusted.
 */
export function planRoiSheet(
  spreadsheet: Spreadsheet,
  store: DocumentStore,
  campaign: CampaignFunnel,
): RoiSheetPlan {
  const sheet = findRoiSheet(spreadsheet, store);
  const cells = sheet ? readSheetGrid(sheet) : [];
  const merge = mergeRoiSheet(cells, sheet?.getName() ?? ROI_SHEET_TITLE, {
    funnel: campaign.funnel,
    periodText: campaign.periodText,
  });
  return { sheet, before: { cells, maxRows: sheet?.getMaxRows() ?? 0 }, merge, campaign };
}

/**
 * Writes a planned ROI sheet and dresses it; returns the sheet. If a write fails half way, the
 * cells are put back as they were read (a new sheet is removed) and the error is passed on.
 */
export function applyRoiSheetPlan(
  spreadsheet: Spreadsheet,
  store: DocumentStore,
  plan: RoiSheetPlan,
): Sheet {
  const sheet = plan.sheet ?? spreadsheet.insertSheet(ROI_SHEET_TITLE);
  try {
    writeRoiSheet(spreadsheet, sheet, plan);
  } catch (error) {
    if (plan.sheet) restoreSheet(sheet, plan.merge.insertion, plan.before);
    else spreadsheet.deleteSheet(sheet);
    throw error;
  }
  store.set(ROI_SHEET_ID_PROPERTY, String(sheet.getSheetId()));
  return sheet;
}

function writeRoiSheet(spreadsheet: Spreadsheet, sheet: Sheet, plan: RoiSheetPlan): void {
  const { merge } = plan;
  const { headerRow, bodyEnd } = merge.place;
  const header = headerRow + 1;
  const totals = bodyEnd + 1;

  if (merge.created) {
    makeRoomFor(sheet, merge.grid.length, WIDTH);
    setTableFormats(sheet, merge.place, spreadsheet.getSpreadsheetLocale(), plan.campaign);
    writeGridBlock(sheet, merge.grid, {
      row: 1,
      column: 1,
      rows: merge.grid.length,
      columns: WIDTH,
    });
    sheet.setColumnWidth(1, 220);
    sheet.getRange(1, 1).setFontWeight('bold');
  } else {
    insertPlannedRows(sheet, merge.insertion);
    setTableFormats(sheet, merge.place, spreadsheet.getSpreadsheetLocale(), plan.campaign);
    const periodRow = merge.grid
      .slice(0, headerRow)
      .findIndex((row) => cellText(row[0]).startsWith(PERIOD_LINE_START));
    if (periodRow >= 0) {
      writeGridBlock(sheet, merge.grid, { row: periodRow + 1, column: 1, rows: 1, columns: 1 });
    }
    writeGridBlock(sheet, merge.grid, { row: header, column: 1, rows: 1, columns: WIDTH });
    // The campaign and figure columns, then formulas and status, then the totals' inputs:
    // the typed input cells of campaign rows are never written.
    const rows = totals - header;
    const firstInput = Math.min(...kindColumns('input'));
    const lastInput = Math.max(...kindColumns('input'));
    writeGridBlock(sheet, merge.grid, {
      row: header + 1,
      column: 1,
      rows,
      columns: firstInput - 1,
    });
    writeGridBlock(sheet, merge.grid, {
      row: header + 1,
      column: lastInput + 1,
      rows,
      columns: WIDTH - lastInput,
    });
    writeGridBlock(sheet, merge.grid, {
      row: totals,
      column: firstInput,
      rows: 1,
      columns: lastInput - firstInput + 1,
    });
  }
  dressRoiTable(sheet, merge.place);
  placeRoiCharts(sheet, merge.place);
}

// Number formats go down before values, so a campaign called "2024" stays text.
function setTableFormats(
  sheet: Sheet,
  place: TablePlace,
  locale: string,
  campaign: CampaignFunnel,
): void {
  const first = place.headerRow + 2;
  const rows = place.bodyEnd + 1 - first + 1;
  const formats = ROI_COLUMNS.map((column) =>
    sheetNumberFormat(column.format, locale, campaign.funnel.currency),
  );
  sheet
    .getRange(first, 1, rows, WIDTH)
    .setNumberFormats(Array.from({ length: rows }, () => formats));
}

function dressRoiTable(sheet: Sheet, place: TablePlace): void {
  const header = place.headerRow + 1;
  const first = header + 1;
  const last = place.bodyEnd;
  const totals = last + 1;
  const campaignRows = last - first + 1;
  const inputs = kindColumns('input');
  const firstInput = Math.min(...inputs);

  sheet
    .getRange(header, 1, 1, WIDTH)
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND)
    .setNotes([ROI_COLUMNS.map((column) => column.note ?? '')]);
  sheet.getRange(totals, 1, 1, WIDTH).setFontWeight('bold');
  sheet.setFrozenRows(header);
  sheet.setFrozenColumns(1);

  if (campaignRows > 0) {
    sheet.getRange(first, firstInput, campaignRows, inputs.length).setBackground(INPUT_BACKGROUND);
    const amounts = SpreadsheetApp.newDataValidation()
      .requireNumberGreaterThanOrEqualTo(0)
      .setAllowInvalid(false)
      .setHelpText('Type a number of zero or more.')
      .build();
    const margin = SpreadsheetApp.newDataValidation()
      .requireNumberBetween(0, 1)
      .setAllowInvalid(false)
      .setHelpText('Type a margin from 0% to 100%, for example 40%.')
      .build();
    for (const column of inputs) {
      const rule = column === columnOf('margin') ? margin : amounts;
      sheet.getRange(first, column, campaignRows, 1).setDataValidation(rule);
    }
  }

  protectOwnedCells(sheet, header, totals, inputs);
  colourRoiBySign(sheet, first, totals);
}

// Warning-only protection: a stray keystroke in a figure or formula asks first; nothing else
// about editing changes. The add-on's earlier protections are replaced, a person's kept.
function protectOwnedCells(sheet: Sheet, header: number, totals: number, inputs: number[]): void {
  sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((protection) => protection.getDescription() === ROI_PROTECTION_DESCRIPTION)
    .forEach((protection) => protection.remove());
  const firstInput = Math.min(...inputs);
  const lastInput = Math.max(...inputs);
  const rows = totals - header + 1;
  const ranges = [
    sheet.getRange(header, 1, rows, firstInput - 1),
    sheet.getRange(header, lastInput + 1, rows, WIDTH - lastInput),
    sheet.getRange(header, firstInput, 1, inputs.length),
    sheet.getRange(totals, firstInput, 1, inputs.length),
  ];
  for (const range of ranges) {
    range.protect().setDescription(ROI_PROTECTION_DESCRIPTION).setWarningOnly(true);
  }
}

function colourRoiBySign(sheet: Sheet, first: number, totals: number): void {
  const roi = columnOf('roi');
  const ours = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) =>
    rule.getRanges().every((range) => range.getColumn() === roi && range.getNumColumns() === 1);
  const range = sheet.getRange(first, roi, totals - first + 1, 1);
  const rules = sheet.getConditionalFormatRules().filter((rule) => !ours(rule));
  rules.push(
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberGreaterThan(0)
      .setFontColor(ROI_POSITIVE_COLOUR)
      .setBold(true)
      .setRanges([range])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberLessThan(0)
      .setFontColor(ROI_NEGATIVE_COLOUR)
      .setBold(true)
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules(rules);
}

/**
 * The column where the charts go: two past the last column holding anything, so they cover no
 * cell of the table, of a person's own columns, or of their rows below.
 */
export function chartColumn(sheet: Sheet): number {
  return Math.max(sheet.getLastColumn(), WIDTH) + 2;
}

function placeRoiCharts(sheet: Sheet, place: TablePlace): void {
  for (const chart of sheet.getCharts()) {
    const title = chart.getOptions().get('title');
    if (title === REVENUE_COST_CHART_TITLE || title === FUNNEL_CHART_TITLE) {
      sheet.removeChart(chart);
    }
  }
  const header = place.headerRow + 1;
  const last = place.bodyEnd;
  const totals = last + 1;
  const column = chartColumn(sheet);
  const letter = (id: string) => columnLetter(columnOf(id) - 1);
  const span = (id: string) => `${letter(id)}${header}:${letter(id)}${last}`;

  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange(span('campaign')))
      .addRange(sheet.getRange(span('revenue')))
      .addRange(sheet.getRange(span('cost')))
      .setNumHeaders(1)
      .setPosition(header, column, 0, 0)
      .setOption('title', REVENUE_COST_CHART_TITLE)
      .build(),
  );
  // The four steps of the all-campaigns line, read across the header and totals rows.
  const steps = `${letter('store_visitors')}%:${letter('orders')}%`;
  sheet.insertChart(
    sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange(steps.replace(/%/g, String(header))))
      .addRange(sheet.getRange(steps.replace(/%/g, String(totals))))
      .setMergeStrategy(Charts.ChartMergeStrategy.MERGE_ROWS)
      .setTransposeRowsAndColumns(true)
      .setNumHeaders(1)
      .setPosition(header + CHART_ROWS, column, 0, 0)
      .setOption('title', FUNNEL_CHART_TITLE)
      .setOption('legend', { position: 'none' })
      .build(),
  );
}
