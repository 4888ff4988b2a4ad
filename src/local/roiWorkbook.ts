// Writes the ROI sheet layout to a real .xlsx workbook, styled like the Google Sheet.
import ExcelJS from 'exceljs';
import { TablePlace } from '../core/refresh/keyedTableMerge';
import {
  CellFormat,
  CellRole,
  columnLetter,
  LayoutCell,
  ROI_COLUMNS,
  RoiColumn,
  RoiSheetLayout,
  TOTALS_NOTE,
} from '../core/roi/roiSheetLayout';
import { removeValidations, worksheetValidations } from './workbookGrid';

const INPUT_FILL = 'FFFFF2CC';
const HEADER_FILL = 'FFE8EAED';

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** The spreadsheet number format for a cell format, in the run's currency. */
export function numberFormat(format: CellFormat | undefined, currency: string | null): string {
  const symbol = CURRENCY_SYMBOLS[currency ?? 'USD'] ?? `${currency} `;
  switch (format) {
    case 'count':
      return '#,##0';
    case 'hours':
      return '#,##0.##';
    case 'currency':
      return `"${symbol}"#,##0.00`;
    case 'percent':
      return '0.0%';
    case 'ratio':
      return '0.00"x"';
    default:
      return '@';
  }
}

function writeCell(cell: ExcelJS.Cell, layoutCell: LayoutCell, currency: string | null): void {
  if (layoutCell.formula) {
    cell.value = { formula: layoutCell.formula };
  } else if (layoutCell.value !== null && layoutCell.value !== undefined) {
    cell.value = layoutCell.value;
  }
  if (layoutCell.note) cell.note = layoutCell.note;
  dressCell(cell, layoutCell.role, layoutCell.format, currency);
}

/** Gives a cell the look of its role: number format, fill, font, border. */
function dressCell(
  cell: ExcelJS.Cell,
  role: CellRole,
  format: CellFormat | undefined,
  currency: string | null,
): void {
  if (format && format !== 'text') {
    cell.numFmt = numberFormat(format, currency);
  }
  switch (role) {
    case 'title':
      cell.font = { bold: true, size: 14 };
      break;
    case 'subtitle':
      cell.font = { italic: true, color: { argb: 'FF5F6368' } };
      break;
    case 'header':
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      break;
    case 'input':
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
      break;
    case 'total':
      cell.font = { bold: true };
      cell.border = { top: { style: 'thin' } };
      break;
    default:
      break;
  }
}

/** The validation of an input cell: a number of zero or more; a margin from 0% to 100%. */
function inputValidation(column: RoiColumn): ExcelJS.DataValidation {
  return {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: column.id === 'margin' ? ['0', '1'] : ['0', '1000000000000'],
    showErrorMessage: true,
    errorTitle: column.header,
    error:
      column.id === 'margin' ? 'Type a margin from 0% to 100%.' : 'Type a number of zero or more.',
  };
}

/** Adds the ROI sheet to a workbook: values, formulas, formats, notes and input validation. */
export function addRoiSheet(workbook: ExcelJS.Workbook, layout: RoiSheetLayout): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(layout.title, {
    views: [{ state: 'frozen', ySplit: layout.headerRow, xSplit: 1 }],
  });
  layout.rows.forEach((cells, rowIndex) => {
    cells.forEach((layoutCell, columnIndex) => {
      writeCell(sheet.getCell(rowIndex + 1, columnIndex + 1), layoutCell, layout.currency);
    });
  });
  layout.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.id === 'campaign' ? 34 : 15;
  });
  validateInputs(sheet, layout.firstCampaignRow, layout.lastCampaignRow);
  colourRoiBySign(sheet, layout.firstCampaignRow, layout.totalsRow);
  return sheet;
}

// One validation range per input column, from the first campaign row to the last: per-cell
// rules are joined by exceljs into overlapping ranges, which Excel offers to repair.
function validateInputs(sheet: ExcelJS.Worksheet, firstRow: number, lastRow: number): void {
  if (lastRow < firstRow) return;
  const validations = worksheetValidations(sheet);
  ROI_COLUMNS.forEach((column, index) => {
    if (column.kind !== 'input') return;
    const letter = columnLetter(index);
    validations.add(`${letter}${firstRow}:${letter}${lastRow}`, inputValidation(column));
  });
}

const roiLetter = columnLetter(ROI_COLUMNS.findIndex((column) => column.id === 'roi'));

// ROI in green above zero and red below, from the first campaign to the totals row; the rule
// this add-on wrote before is replaced, a person's own rules stay.
function colourRoiBySign(sheet: ExcelJS.Worksheet, firstRow: number, totalsRow: number): void {
  const ours = (ref: string) => ref.startsWith(`${roiLetter}${firstRow}:${roiLetter}`);
  // Given a function, exceljs keeps the formattings it accepts.
  sheet.removeConditionalFormatting(
    (formatting: ExcelJS.ConditionalFormattingOptions) => !ours(formatting.ref),
  );
  sheet.addConditionalFormatting({
    ref: `${roiLetter}${firstRow}:${roiLetter}${totalsRow}`,
    rules: [
      signRule(roiLetter, firstRow, '>', 'FF137333', 1),
      signRule(roiLetter, firstRow, '<', 'FFC5221F', 2),
    ],
  });
}

/**
 * Gives the ROI table's rows their look again after a refresh: formats, shaded inputs on every
 * campaign row (rows a person added without a campaign are left unshaded), the totals row in
 * bold with its note, input validation written afresh as one range per input column (the
 * table's old rules removed first, a person's rules elsewhere kept), and the ROI colour rule
 * over the new span.
 */
export function restyleRoiTable(
  sheet: ExcelJS.Worksheet,
  place: TablePlace,
  currency: string | null,
): void {
  const firstRow = place.headerRow + 2;
  const totalsRow = place.bodyEnd + 1;
  for (let row = firstRow; row <= totalsRow; row++) {
    const isTotals = row === totalsRow;
    if (!isTotals && sheet.getCell(row, 1).value === null) continue;
    ROI_COLUMNS.forEach((column, index) => {
      dressCell(
        sheet.getCell(row, index + 1),
        isTotals ? 'total' : column.kind,
        column.format,
        currency,
      );
    });
  }
  ROI_COLUMNS.forEach((column, index) => {
    if (column.note) sheet.getCell(place.headerRow + 1, index + 1).note = column.note;
  });
  sheet.getCell(totalsRow, 1).note = TOTALS_NOTE;
  removeValidations(sheet, {
    top: place.headerRow + 1,
    left: 1,
    bottom: totalsRow,
    right: ROI_COLUMNS.length,
  });
  validateInputs(sheet, firstRow, totalsRow - 1);
  colourRoiBySign(sheet, firstRow, totalsRow);
}

function signRule(
  letter: string,
  firstRow: number,
  sign: '>' | '<',
  colour: string,
  priority: number,
): ExcelJS.ConditionalFormattingRule {
  const cell = `${letter}${firstRow}`;
  return {
    type: 'expression',
    priority,
    formulae: [`AND(ISNUMBER(${cell}),${cell}${sign}0)`],
    style: { font: { color: { argb: colour }, bold: true } },
  };
}

/**
 * Where a workbook's figures come from (the built-in sample, or a data folder), kept in its
 * document properties so that a run on other data does not merge into it.
 */
export const SOURCE_PREFIX = 'Campaign ROI figures from: ';

/** Writes a workbook holding the ROI sheet to a file, noting the figures' source if given. */
export async function writeRoiWorkbook(
  file: string,
  layout: RoiSheetLayout,
  source: string | null = null,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Campaign ROI for Sheets';
  if (source) workbook.description = SOURCE_PREFIX + source;
  // Formulas are written without results: the spreadsheet program works them out on opening.
  workbook.calcProperties.fullCalcOnLoad = true;
  addRoiSheet(workbook, layout);
  await workbook.xlsx.writeFile(file);
}
