// The ROI workbook's formulas, evaluated by a real formula engine after a round trip through
// the .xlsx file; every expected number is worked out by hand in the comments.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import type { FunnelResult, FunnelRow } from '../../src/core/funnel/funnelRows';
import {
  buildRoiSheetLayout,
  CostInputs,
  columnLetter,
  NOT_IN_LATEST_PULL,
  ROI_COLUMNS,
  RoiColumnId,
} from '../../src/core/roi/roiSheetLayout';
import { expectCleanValidations, sheetValidations } from '../support/xlsxValidations';
import { writeRoiWorkbook } from '../../src/local/roiWorkbook';
import { roiFigures } from '../../src/core/roi/roiFigures';

function funnelRow(campaign: string, figures: [number, number, number, number, bigint]): FunnelRow {
  const [storeVisitors, productViewers, buyers, orders, revenueCents] = figures;
  return {
    keys: campaign ? { campaign } : {},
    visits: storeVisitors,
    storeVisitors,
    productViewers,
    buyers,
    orders,
    revenueCents,
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
  };
}

const funnel: FunnelResult = {
  groupBy: ['campaign'],
  rows: [
    funnelRow('spring sale', [100, 40, 10, 12, 120000n]),
    funnelRow('brunch club', [50, 20, 5, 5, 50000n]),
    funnelRow('no costs yet', [10, 2, 0, 0, 0n]),
  ],
  // 140 people, not 160: twenty of them saw both spring sale and brunch club.
  allGroups: funnelRow('', [140, 55, 14, 16, 160000n]),
  currency: 'USD',
};

const costs = new Map<string, CostInputs>([
  ['spring sale', { people: 2, hours: 10, hourly_rate: 50, media_spend: 300, margin: 0.4 }],
  ['brunch club', { people: 1, hours: 20, annual_salary: 52000 }],
  ['gift cards', { media_spend: 100 }],
]);

async function evaluatedSheet() {
  const layout = buildRoiSheetLayout({
    funnel,
    periodText: '2024-01-01 to 2024-01-31 (UTC)',
    costs,
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'roi-'));
  const file = path.join(folder, 'campaign-roi.xlsx');
  await writeRoiWorkbook(file, layout);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Campaign ROI');
  if (!sheet) throw new Error('the workbook has no Campaign ROI sheet');
  const grid: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: (string | number | null)[] = [];
    for (let column = 1; column <= ROI_COLUMNS.length; column++) {
      const value = row.getCell(column).value;
      if (value && typeof value === 'object' && 'formula' in value) {
        cells.push(`=${value.formula}`);
      } else {
        cells.push((value as string | number | null) ?? null);
      }
    }
    grid[rowNumber - 1] = cells;
  });
  const engine = HyperFormula.buildFromArray(
    grid.map((r) => r ?? []),
    {
      licenseKey: 'gpl-v3',
    },
  );
  const at = (sheetRow: number, id: RoiColumnId) =>
    engine.getCellValue({
      sheet: 0,
      row: sheetRow - 1,
      col: ROI_COLUMNS.findIndex((c) => c.id === id),
    });
  const rowOf = (campaign: string) => grid.findIndex((r) => r?.[0] === campaign) + 1;
  return { layout, at, rowOf, sheet };
}

describe('ROI workbook', () => {
  test('computes cost, profit, ROI, ROAS and cost per order per campaign', async () => {
    const { at, rowOf } = await evaluatedSheet();
    const spring = rowOf('spring sale');
    // labour 2 x 10 h x 50 = 1000; cost 1000 + 300 = 1300; profit 1200 x 40% = 480
    expect(at(spring, 'labour_cost')).toBeCloseTo(1000, 6);
    expect(at(spring, 'cost')).toBeCloseTo(1300, 6);
    expect(at(spring, 'profit')).toBeCloseTo(480, 6);
    // ROI (480 - 1300) / 1300 = -0.6307692; ROAS 1200 / 300 = 4; cost per order 1300 / 12
    expect(at(spring, 'roi')).toBeCloseTo(-820 / 1300, 6);
    expect(at(spring, 'roas')).toBeCloseTo(4, 6);
    expect(at(spring, 'cost_per_order')).toBeCloseTo(1300 / 12, 6);

    const brunch = rowOf('brunch club');
    // salary 52,000 / 2,080 h = 25 an hour; labour 1 x 20 h x 25 = 500; margin blank = 100%
    expect(at(brunch, 'labour_cost')).toBeCloseTo(500, 6);
    expect(at(brunch, 'profit')).toBeCloseTo(500, 6);
    expect(at(brunch, 'roi')).toBeCloseTo(0, 6);
    expect(at(brunch, 'roas')).toBe('');
    expect(at(brunch, 'cost_per_order')).toBeCloseTo(100, 6);
  });

  test('leaves a blank, never an error, where inputs are not typed yet', async () => {
    const { at, rowOf } = await evaluatedSheet();
    const waiting = rowOf('no costs yet');
    for (const id of ['labour_cost', 'cost', 'roi', 'roas', 'cost_per_order'] as const) {
      expect(at(waiting, id)).toBe('');
    }
    expect(at(waiting, 'profit')).toBe(0);
  });

  test('keeps a campaign that only has typed costs, marked as not pulled', async () => {
    const { at, rowOf } = await evaluatedSheet();
    const gifts = rowOf('gift cards');
    expect(at(gifts, 'status')).toBe(NOT_IN_LATEST_PULL);
    expect(at(gifts, 'media_spend')).toBe(100);
    // no revenue, cost 100: ROI (0 - 100) / 100 = -1
    expect(at(gifts, 'roi')).toBeCloseTo(-1, 6);
  });

  test('takes people, orders and revenue of the totals row from the all-campaigns line', async () => {
    const { at, layout } = await evaluatedSheet();
    const totals = layout.totalsRow;
    expect(at(totals, 'store_visitors')).toBe(140);
    expect(at(totals, 'orders')).toBe(16);
    expect(at(totals, 'revenue')).toBe(1600);
  });

  test('sums inputs, costs and profit over the rows of the latest pull only', async () => {
    const { at, layout, rowOf } = await evaluatedSheet();
    const totals = layout.totalsRow;
    // gift cards (media 100) is not in the latest pull, so its cost stays out of the totals
    // as its revenue does: people 2 + 1 = 3, media 300, cost 1300 + 500 = 1800
    expect(at(rowOf('gift cards'), 'cost')).toBe(100);
    expect(at(totals, 'people')).toBe(3);
    expect(at(totals, 'hours')).toBe(30);
    expect(at(totals, 'media_spend')).toBe(300);
    expect(at(totals, 'labour_cost')).toBeCloseTo(1500, 6);
    expect(at(totals, 'cost')).toBeCloseTo(1800, 6);
    // profit: campaign profits 480 + 500 + 0 = 980 over campaign revenue 1700, times 1600
    const profit = (980 / 1700) * 1600;
    expect(at(totals, 'profit')).toBeCloseTo(profit, 6);
    expect(at(totals, 'roi')).toBeCloseTo((profit - 1800) / 1800, 6);
    // ROAS 1600 / 300; cost per order 1800 / 16 orders
    expect(at(totals, 'roas')).toBeCloseTo(1600 / 300, 6);
    expect(at(totals, 'cost_per_order')).toBeCloseTo(1800 / 16, 6);
  });

  test('says on the totals row what it adds up', async () => {
    const { sheet, layout } = await evaluatedSheet();
    expect(String(sheet.getCell(layout.totalsRow, 1).note)).toContain(
      `rows marked "${NOT_IN_LATEST_PULL}" are left out`,
    );
  });

  test('writes one validation range per input column, none overlapping, none empty', async () => {
    // Nine campaigns reach row 13: per-cell rules are joined by exceljs in the text order of
    // their addresses (G10 before G5), which wrote both G10:G13 and G5:G13.
    const many: FunnelResult = {
      ...funnel,
      rows: Array.from({ length: 9 }, (_, i) => funnelRow(`campaign ${i + 1}`, [9, 5, 2, 2, 900n])),
    };
    const layout = buildRoiSheetLayout({ funnel: many, periodText: 'all data' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roi-')), 'campaign-roi.xlsx');
    await writeRoiWorkbook(file, layout);
    const validations = await sheetValidations(file);
    const inputLetters = ROI_COLUMNS.flatMap((c, i) =>
      c.kind === 'input' ? [columnLetter(i)] : [],
    );
    expect(validations.map((v) => v.sqref).sort()).toEqual(
      inputLetters.map((letter) => `${letter}5:${letter}13`),
    );
    expectCleanValidations(validations);
  });

  test('writes formulas, not values, and styles input cells as inputs', async () => {
    const { sheet, layout, rowOf } = await evaluatedSheet();
    const spring = rowOf('spring sale');
    const roiColumn = ROI_COLUMNS.findIndex((c) => c.id === 'roi') + 1;
    expect(sheet.getCell(spring, roiColumn).formula).toMatch(/^IF\(/);
    const marginColumn = ROI_COLUMNS.findIndex((c) => c.id === 'margin') + 1;
    const fill = sheet.getCell(spring, marginColumn).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe('FFFFF2CC');
    expect(sheet.getCell(spring, marginColumn).numFmt).toBe('0.0%');
    expect(sheet.getCell(2, 1).value).toContain('2024-01-01 to 2024-01-31 (UTC)');
    expect(layout.totalsRow).toBe(layout.lastCampaignRow + 1);
  });

  test('computes in TypeScript what the workbook formulas compute', async () => {
    const { at, rowOf } = await evaluatedSheet();
    for (const row of funnel.rows) {
      const campaign = row.keys.campaign ?? '';
      const figures = roiFigures(
        Number(row.revenueCents) / 100,
        row.orders,
        costs.get(campaign) ?? {},
      );
      const sheetRow = rowOf(campaign);
      const cell = (id: RoiColumnId) => {
        const value = at(sheetRow, id);
        return value === '' ? null : value;
      };
      const expectClose = (value: number | null, id: RoiColumnId) =>
        value === null ? expect(cell(id)).toBeNull() : expect(cell(id)).toBeCloseTo(value, 6);
      expectClose(figures.labourCost, 'labour_cost');
      expectClose(figures.cost, 'cost');
      expectClose(figures.profit, 'profit');
      expectClose(figures.roi, 'roi');
      expectClose(figures.roas, 'roas');
      expectClose(figures.costPerOrder, 'cost_per_order');
    }
  });
});
