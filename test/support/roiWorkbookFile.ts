// Reading an ROI workbook back in tests: its sheet, a campaign's row, and its formulas
// evaluated by HyperFormula.
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';

/** Opens the "Campaign ROI" sheet of a workbook file; `rowOf` finds a campaign's row (or -1). */
export async function openRoiSheet(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Campaign ROI');
  if (!sheet) throw new Error(`no ROI sheet in ${file}`);
  const rowOf = (campaign: string) => {
    for (let row = 1; row <= sheet.rowCount; row++) {
      if (sheet.getCell(row, 1).value === campaign) return row;
    }
    return -1;
  };
  return { workbook, sheet, rowOf };
}

/** The sheet's cells, formulas written with `=`, evaluated by HyperFormula; 1-based lookup. */
export function evaluateSheet(sheet: ExcelJS.Worksheet) {
  const grid: (string | number | null)[][] = [];
  for (let row = 1; row <= sheet.rowCount; row++) {
    const cells: (string | number | null)[] = [];
    for (let col = 1; col <= sheet.columnCount; col++) {
      const cell = sheet.getCell(row, col);
      cells.push(
        cell.type === ExcelJS.ValueType.Formula
          ? `=${cell.formula}`
          : ((cell.value as string | number | null) ?? null),
      );
    }
    grid.push(cells);
  }
  const engine = HyperFormula.buildFromArray(grid, { licenseKey: 'gpl-v3' });
  return (row: number, col: number) =>
    engine.getCellValue({ sheet: 0, row: row - 1, col: col - 1 });
}
