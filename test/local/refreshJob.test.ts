// npm run refresh on a real workbook: values are typed into the .xlsx with exceljs as a person
// would in a spreadsheet program, the pull is run again, and the file is read back. Expected
// figures come from a workbook built from scratch by npm start's job with the same options,
// and the formulas are evaluated by HyperFormula.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { GroupingKey } from '../../src/core/funnel/funnelOptions';
import { NOT_IN_LATEST_PULL, ROI_COLUMNS, RoiColumnId } from '../../src/core/roi/roiSheetLayout';
import { FunnelJobOptions, runFunnelJob } from '../../src/local/funnelJob';
import { memoryLogger } from '../../src/local/logger';
import { refreshMain } from '../../src/local/refreshCli';
import { runRefreshJob } from '../../src/local/refreshJob';
import { evaluateSheet, openRoiSheet } from '../support/roiWorkbookFile';

const column = (id: RoiColumnId) => ROI_COLUMNS.findIndex((c) => c.id === id) + 1;
const NOTE_COLUMN = ROI_COLUMNS.length + 2;

function jobOptions(outFolder: string, request: FunnelJobOptions['request']): FunnelJobOptions {
  return {
    request: { groupBy: ['campaign'] as GroupingKey[], ...request },
    dataFolder: null,
    samplePeople: 800,
    sampleSeed: 7,
    sampleSkewed: false,
    outFolder,
    costsFile: null,
    writeCostsTemplate: false,
    top: 5,
  };
}

const openSheet = (folder: string) => openRoiSheet(path.join(folder, 'campaign-roi.xlsx'));

describe('npm run refresh', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-'));
  const freshFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-fresh-'));
  const logger = memoryLogger();

  beforeAll(async () => {
    // Mid-January: only the campaigns that had started by then.
    await runFunnelJob(jobOptions(folder, { to: '2024-01-15' }), logger);
    const { workbook, sheet, rowOf } = await openSheet(folder);
    const toast = rowOf('toast-your-friend');
    if (toast < 0) throw new Error('the sample has no toast-your-friend by mid-January');
    sheet.getCell(toast, column('people')).value = 2;
    sheet.getCell(toast, column('hours')).value = 10;
    sheet.getCell(toast, column('hourly_rate')).value = 50;
    sheet.getCell(toast, column('media_spend')).value = 300;
    sheet.getCell(toast, column('margin')).value = 0.4;
    sheet.getCell(toast, NOTE_COLUMN).value = 'ask Sam about the flyers';
    sheet.getCell(3, 3).value = 'costs from the finance sheet';
    // The person's own row two below the totals, pointing at the totals' profit.
    const totals = rowOf('All campaigns');
    sheet.getCell(totals + 2, 1).value = 'Profit target check';
    sheet.getCell(totals + 2, 2).value = { formula: `O${totals}*2` } as ExcelJS.CellFormulaValue;
    sheet.getCell(totals + 2, 2).note = 'twice the total profit';
    await workbook.xlsx.writeFile(path.join(folder, 'campaign-roi.xlsx'));

    // All data: figures change and new campaigns appear.
    await runRefreshJob(jobOptions(folder, {}), logger);
    await runFunnelJob(jobOptions(freshFolder, {}), logger);
  });

  test('keeps typed inputs, notes and cells with their campaign', async () => {
    const { sheet, rowOf } = await openSheet(folder);
    const toast = rowOf('toast-your-friend');
    expect(sheet.getCell(toast, column('people')).value).toBe(2);
    expect(sheet.getCell(toast, column('hourly_rate')).value).toBe(50);
    expect(sheet.getCell(toast, column('margin')).value).toBe(0.4);
    expect(sheet.getCell(toast, NOTE_COLUMN).value).toBe('ask Sam about the flyers');
    expect(sheet.getCell(3, 3).value).toBe('costs from the finance sheet');
  });

  test('updates every figure to what a workbook built from scratch shows', async () => {
    const refreshed = await openSheet(folder);
    const fresh = await openSheet(freshFolder);
    const campaigns: string[] = [];
    for (let row = 5; fresh.sheet.getCell(row, 1).value !== 'All campaigns'; row++) {
      campaigns.push(String(fresh.sheet.getCell(row, 1).value));
    }
    expect(campaigns.length).toBeGreaterThan(2);
    for (const campaign of [...campaigns, 'All campaigns']) {
      for (const id of [
        'store_visitors',
        'product_viewers',
        'buyers',
        'orders',
        'revenue',
      ] as const) {
        expect({
          campaign,
          id,
          value: refreshed.sheet.getCell(refreshed.rowOf(campaign), column(id)).value,
        }).toEqual({
          campaign,
          id,
          value: fresh.sheet.getCell(fresh.rowOf(campaign), column(id)).value,
        });
      }
    }
  });

  test('shades and validates the inputs of a campaign new to the sheet', async () => {
    const { sheet, rowOf } = await openSheet(folder);
    const brunch = rowOf('brunch club');
    const margin = sheet.getCell(brunch, column('margin'));
    expect((margin.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
    expect(margin.dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 1] });
    expect(margin.value).toBeNull();
    expect(sheet.getCell(brunch, column('roi')).formula).toMatch(new RegExp(`N${brunch}`));
  });

  test('computes the refreshed ROI from the typed costs and the new revenue', async () => {
    const { sheet, rowOf } = await openSheet(folder);
    const fresh = await openSheet(freshFolder);
    const at = evaluateSheet(sheet);
    const toast = rowOf('toast-your-friend');
    const revenue = Number(
      fresh.sheet.getCell(fresh.rowOf('toast-your-friend'), column('revenue')).value,
    );
    // cost 2 x 10 h x 50 + 300 media = 1300; profit = revenue x 40%
    expect(at(toast, column('cost'))).toBeCloseTo(1300, 6);
    expect(at(toast, column('roi'))).toBeCloseTo((revenue * 0.4 - 1300) / 1300, 6);
    // the person's formula still points at the totals row, which moved down with the new rows
    const totals = rowOf('All campaigns');
    expect(sheet.getCell(totals + 2, 1).value).toBe('Profit target check');
    expect(sheet.getCell(totals + 2, 2).formula).toBe(`O${totals}*2`);
    expect(sheet.getCell(totals + 2, 2).note).toBe('twice the total profit');
    expect(at(totals + 2, 2)).toBeCloseTo(2 * Number(at(totals, column('profit'))), 6);
  });

  test('keeps a campaign the next pull leaves out, marked, with its inputs', async () => {
    const narrowed = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-narrow-'));
    fs.copyFileSync(
      path.join(folder, 'campaign-roi.xlsx'),
      path.join(narrowed, 'campaign-roi.xlsx'),
    );
    await runRefreshJob(jobOptions(narrowed, { campaigns: ['brunch club'] }), logger);
    const { sheet, rowOf } = await openSheet(narrowed);
    const toast = rowOf('toast-your-friend');
    expect(sheet.getCell(toast, column('status')).value).toBe(NOT_IN_LATEST_PULL);
    expect(sheet.getCell(toast, column('revenue')).value).toBeNull();
    expect(sheet.getCell(toast, column('people')).value).toBe(2);
    expect(sheet.getCell(toast, NOTE_COLUMN).value).toBe('ask Sam about the flyers');
    expect(sheet.getCell(rowOf('brunch club'), column('status')).value ?? '').toBe('');
  });

  test('warns that the costs were typed for the period the workbook was built for', () => {
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        /^warning: The costs in the sheet were typed for 2024-01-01 to 2024-01-15 \(UTC\); the figures now cover all data, /,
      ),
    );
  });

  test('fills blank inputs of every campaign from --costs, keeps typed ones, writes the template', async () => {
    const withCosts = fs.mkdtempSync(path.join(os.tmpdir(), 'refresh-costs-'));
    fs.copyFileSync(
      path.join(folder, 'campaign-roi.xlsx'),
      path.join(withCosts, 'campaign-roi.xlsx'),
    );
    const costsFile = path.join(withCosts, 'costs.csv');
    fs.writeFileSync(
      costsFile,
      [
        'campaign,people,annual_salary,media_spend',
        // people typed as 2 in the sheet: kept; the salary cell is blank: filled
        'toast-your-friend,3,52000,',
        // already in the sheet with blank inputs
        'brunch club,,,120',
        // not in the data at all
        'gift cards,,,100',
      ].join('\n'),
    );
    const costsLogger = memoryLogger();
    const outcome = await runRefreshJob(
      { ...jobOptions(withCosts, {}), costsFile, writeCostsTemplate: true },
      costsLogger,
    );

    const { sheet, rowOf } = await openSheet(withCosts);
    const toast = rowOf('toast-your-friend');
    expect(sheet.getCell(toast, column('people')).value).toBe(2);
    expect(sheet.getCell(toast, column('annual_salary')).value).toBe(52000);
    expect(sheet.getCell(rowOf('brunch club'), column('media_spend')).value).toBe(120);
    expect(sheet.getCell(rowOf('gift cards'), column('status')).value).toBe(NOT_IN_LATEST_PULL);
    expect(outcome.merge?.costs.filled).toBe(3);
    const warnings = costsLogger.lines.filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([
      'warning: Campaign "toast-your-friend", People: the sheet holds 2 and the costs file says 3; the value typed in the sheet was kept. Clear the cell and run again to take the file\'s value.',
      'warning: The costs file names 1 campaign the data does not have: gift cards. Their rows are marked "not in the latest pull" and left out of the totals; check the spelling, or the date range.',
    ]);
    expect(outcome.printed).toContain('3 blank cost cells filled from the costs file.');

    const template = fs.readFileSync(path.join(withCosts, 'costs-template.csv'), 'utf8');
    const lines = template.trim().split('\n');
    expect(lines[0]).toBe('campaign,people,hours,hourly_rate,annual_salary,media_spend,margin');
    expect(lines).toContain('toast-your-friend,,,,,,');
    expect(lines).toContain('brunch club,,,,,,');
    expect(outcome.files).toContain(path.join(withCosts, 'costs-template.csv'));
  });

  test('refuses to merge the figures of other data, leaving the workbook as it was', async () => {
    const file = path.join(folder, 'campaign-roi.xlsx');
    const before = fs.readFileSync(file);
    const otherData = {
      ...jobOptions(folder, {}),
      dataFolder: path.resolve(__dirname, '../fixtures/warehouses/text-revenue'),
    };
    await expect(runRefreshJob(otherData, logger)).rejects.toMatchObject({
      code: 'refresh/other-source',
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('leaves the workbook byte for byte as it was when the refresh fails', async () => {
    const file = path.join(folder, 'campaign-roi.xlsx');
    const before = fs.readFileSync(file);
    const failing = { ...jobOptions(folder, {}), dataFolder: path.join(folder, 'no-such-folder') };
    await expect(runRefreshJob(failing, logger)).rejects.toThrow(/local\/no-data-folder/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('npm run refresh, the command line', () => {
  const run = async (argv: string[]) => {
    const written: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    try {
      return { code: await refreshMain(argv), printed: written.join('') };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  };

  test("takes npm start's options and lists them with --help", async () => {
    const { code, printed } = await run(['--help']);
    expect(code).toBe(0);
    expect(printed).toContain('npm run refresh -- [options]');
    expect(printed).toContain('--group-by KEYS');
  });

  test('exits 2 on an unknown option, naming it', async () => {
    const { code, printed } = await run(['--colour']);
    expect(code).toBe(2);
    expect(printed).toContain('--colour');
  });
});
