// Updating an ROI workbook on disk: a written .xlsx gets typed costs and a person's own
// validation as a spreadsheet program would leave them, is merged with a new pull that adds
// and drops campaigns (so rows move), and is read back: from the zip's XML for validations,
// with exceljs for cells, and with HyperFormula for what the totals compute.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FunnelResult, FunnelRow } from '../../src/core/funnel/funnelRows';
import {
  buildRoiSheetLayout,
  columnLetter,
  CostInputs,
  NOT_IN_LATEST_PULL,
  ROI_COLUMNS,
  RoiColumnId,
} from '../../src/core/roi/roiSheetLayout';
import { writeRoiWorkbook } from '../../src/local/roiWorkbook';
import { updateRoiWorkbook } from '../../src/local/roiWorkbookUpdate';
import { evaluateSheet, openRoiSheet } from '../support/roiWorkbookFile';
import { expectCleanValidations, sheetValidations } from '../support/xlsxValidations';

const JANUARY = '2024-01-01 to 2024-01-31 (UTC)';
const col = (id: RoiColumnId) => ROI_COLUMNS.findIndex((c) => c.id === id) + 1;

function row(campaign: string, revenue: number): FunnelRow {
  return {
    keys: campaign ? { campaign } : {},
    visits: 10,
    storeVisitors: 10,
    productViewers: 5,
    buyers: 2,
    orders: 2,
    revenueCents: BigInt(revenue * 100),
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
  };
}

/** Campaigns `campaign 1` to `campaign n`, each with revenue 100. */
function funnelOf(names: string[]): FunnelResult {
  return {
    groupBy: ['campaign'],
    rows: names.map((name) => row(name, 100)),
    allGroups: row('', 100 * names.length),
    currency: 'USD',
  };
}

const names = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `campaign ${from + i}`);

const open = openRoiSheet;

describe('updateRoiWorkbook', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roi-update-')), 'roi.xlsx');
  let merge: Awaited<ReturnType<typeof updateRoiWorkbook>>;

  beforeAll(async () => {
    // Nine campaigns (rows 5 to 13), totals on row 14.
    await writeRoiWorkbook(
      file,
      buildRoiSheetLayout({ funnel: funnelOf(names(1, 9)), periodText: JANUARY }),
    );
    const { workbook, sheet, rowOf } = await open(file);
    sheet.getCell(rowOf('campaign 1'), col('media_spend')).value = 50;
    sheet.getCell(rowOf('campaign 2'), col('media_spend')).value = 70;
    sheet.getCell(rowOf('campaign 2'), col('people')).value = 1;
    // The person's own list two rows below the totals.
    sheet.getCell(16, 2).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"yes,no"'],
    };
    await workbook.xlsx.writeFile(file);

    // campaign 2 is gone; campaigns 10 to 12 are new, so the totals and below move down 3.
    const costs = new Map<string, CostInputs>([
      ['campaign 1', { media_spend: 60, people: 2 }],
      ['campaign 3', { media_spend: 30 }],
      ['campaign 11', { media_spend: 11 }],
    ]);
    merge = await updateRoiWorkbook(file, {
      funnel: funnelOf([...names(1, 1), ...names(3, 12)]),
      periodText: '2024-01-01 to 2024-02-29 (UTC)',
      costs,
    });
  });

  test('writes no empty and no overlapping validation after rows moved', async () => {
    expectCleanValidations(await sheetValidations(file));
  });

  test('validates each input column with one range over the campaign rows', async () => {
    const { rowOf } = await open(file);
    const last = rowOf('All campaigns') - 1;
    const inputRanges = ROI_COLUMNS.flatMap((c, i) =>
      c.kind === 'input' ? [`${columnLetter(i)}5:${columnLetter(i)}${last}`] : [],
    );
    const written = (await sheetValidations(file)).map((v) => v.sqref);
    expect(written.filter((range) => inputRanges.includes(range)).sort()).toEqual(inputRanges);
  });

  test("moves the person's own validation down with its row", async () => {
    const { sheet } = await open(file);
    expect(sheet.getCell(19, 2).dataValidation).toMatchObject({ type: 'list' });
    expect(sheet.getCell(16, 2).dataValidation).toBeUndefined();
  });

  test('fills blank inputs from the costs file and keeps the typed ones', async () => {
    const { sheet, rowOf } = await open(file);
    expect(sheet.getCell(rowOf('campaign 1'), col('media_spend')).value).toBe(50);
    expect(sheet.getCell(rowOf('campaign 1'), col('people')).value).toBe(2);
    expect(sheet.getCell(rowOf('campaign 3'), col('media_spend')).value).toBe(30);
    expect(sheet.getCell(rowOf('campaign 11'), col('media_spend')).value).toBe(11);
    expect(merge.costs.conflicts).toEqual([
      { campaign: 'campaign 1', column: 'Media spend', typed: 50, file: 60, percent: false },
    ]);
    expect(merge.periodChange).toEqual({
      typedFor: JANUARY,
      nowCovers: '2024-01-01 to 2024-02-29 (UTC)',
    });
  });

  test('leaves the costs of a campaign not in the latest pull out of the totals', async () => {
    const { sheet, rowOf } = await open(file);
    const at = evaluateSheet(sheet);
    const totals = rowOf('All campaigns');
    expect(sheet.getCell(rowOf('campaign 2'), col('status')).value).toBe(NOT_IN_LATEST_PULL);
    expect(at(rowOf('campaign 2'), col('cost'))).toBe(70);
    // media 50 (campaign 1) + 30 (campaign 3) + 11 (campaign 11) = 91; campaign 2's 70 and its
    // one person are left out, as its revenue is
    expect(at(totals, col('media_spend'))).toBe(91);
    expect(at(totals, col('people'))).toBe(2);
    expect(at(totals, col('cost'))).toBeCloseTo(91, 6);
    // 11 campaigns of revenue 100 in the all-campaigns line: ROAS 1100 / 91
    expect(at(totals, col('roas'))).toBeCloseTo(1100 / 91, 6);
    expect(String(sheet.getCell(totals, 1).note)).toContain(NOT_IN_LATEST_PULL);
  });
});
