// Writes the ROI sheet layout to a real .xlsx workbook, styled like the Google Sheet.
import ExcelJS from 'exceljs';
import { CellFormat, columnLetter, LayoutCell, RoiSheetLayout } from '../core/roi/roiSheetLayout';

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
  if (layoutCell.format && layoutCell.format !== 'text') {
    cell.numFmt = numberFormat(layoutCell.format, currency);
  }
  if (layoutCell.note) cell.note = layoutCell.note;
  switch (layoutCell.role) {
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
    if (column.kind !== 'input' || layout.lastCampaignRow < layout.firstCampaignRow) return;
    const bounds = column.id === 'margin' ? ['0', '1'] : ['0', '1000000000000'];
    for (let row = layout.firstCampaignRow; row <= layout.lastCampaignRow; row++) {
      sheet.getCell(row, index + 1).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: bounds,
        showErrorMessage: true,
        errorTitle: column.header,
        error:
          column.id === 'margin'
            ? 'Type a margin from 0% to 100%.'
            : 'Type a number of zero or more.',
      };
    }
  });
  const roiIndex = layout.columns.findIndex((column) => column.id === 'roi');
  const roiLetter = columnLetter(roiIndex);
  const roiRange = `${roiLetter}${layout.firstCampaignRow}:${roiLetter}${layout.totalsRow}`;
  sheet.addConditionalFormatting({
    ref: roiRange,
    rules: [
      signRule(roiLetter, layout.firstCampaignRow, '>', 'FF137333', 1),
      signRule(roiLetter, layout.firstCampaignRow, '<', 'FFC5221F', 2),
    ],
  });
  return sheet;
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

/** Writes a workbook holding the ROI sheet to a file. */
export async function writeRoiWorkbook(file: string, layout: RoiSheetLayout): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Campaign ROI for Sheets';
  addRoiSheet(workbook, layout);
  await workbook.xlsx.writeFile(file);
}
