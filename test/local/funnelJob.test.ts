// The runner's job on small warehouse folders under test/fixtures, each showing one kind of
// bad input; figures are worked out by hand from the files.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { FunnelJobOptions, runFunnelJob } from '../../src/local/funnelJob';
import { memoryLogger } from '../../src/local/logger';
import { openWarehouse } from '../../src/local/duckdbWarehouse';
import { describeError } from '../../src/core/messages';

const FIXTURES = path.resolve(__dirname, '../fixtures');

function jobOptions(overrides: Partial<FunnelJobOptions>): FunnelJobOptions {
  return {
    request: {},
    dataFolder: null,
    samplePeople: 300,
    sampleSeed: 1,
    sampleSkewed: false,
    outFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-job-')),
    costsFile: null,
    writeCostsTemplate: false,
    top: 25,
    ...overrides,
  };
}

const warehouse = (name: string) => path.join(FIXTURES, 'warehouses', name);

describe('funnel job', () => {
  test('keeps a workbook of other data whole beside the new one, merging nothing', async () => {
    const options = jobOptions({});
    await runFunnelJob(options, memoryLogger());
    const workbookFile = path.join(options.outFolder, 'campaign-roi.xlsx');
    const sampleBytes = fs.readFileSync(workbookFile);

    const logger = memoryLogger();
    await runFunnelJob({ ...options, dataFolder: warehouse('text-revenue') }, logger);
    const keptAside = fs
      .readdirSync(options.outFolder)
      .filter((name) => /^campaign-roi\.before-.*\.xlsx$/.test(name));
    expect(keptAside).toHaveLength(1);
    expect(fs.readFileSync(path.join(options.outFolder, keptAside[0])).equals(sampleBytes)).toBe(
      true,
    );
    expect(logger.lines.join('\n')).toContain('held figures from the built-in sample warehouse');
    // The new workbook has the fixture's campaigns only; the kept one, the sample's.
    const firstColumn = async (file: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const cells: string[] = [];
      workbook.worksheets[0].eachRow((row) => cells.push(String(row.getCell(1).value ?? '')));
      return cells;
    };
    expect(await firstColumn(path.join(options.outFolder, keptAside[0]))).toContain(
      'toast-your-friend',
    );
    expect(await firstColumn(workbookFile)).not.toContain('toast-your-friend');

    // The same data again merges as before: nothing more is set aside.
    await runFunnelJob({ ...options, dataFolder: warehouse('text-revenue') }, memoryLogger());
    expect(
      fs.readdirSync(options.outFolder).filter((name) => name.includes('.before-')),
    ).toHaveLength(1);
  });

  test('sets aside rows whose time does not read, and says how many and where', async () => {
    const logger = memoryLogger();
    const outcome = await runFunnelJob(
      jobOptions({ dataFolder: warehouse('unreadable-times') }),
      logger,
    );
    expect(logger.lines.join('\n')).toContain(
      '1 row of pages.csv has a received_at that is not a time',
    );
    // ann and cat visit (bob's row has no time); ann views and buys for 12.00
    expect(outcome.funnel.allGroups).toMatchObject({
      storeVisitors: 2,
      buyers: 1,
      revenueCents: 1200n,
    });
  });

  test('counts an order whose total is text as missing one, and warns', async () => {
    const logger = memoryLogger();
    const outcome = await runFunnelJob(
      jobOptions({ dataFolder: warehouse('text-revenue') }),
      logger,
    );
    // two orders count; only bob's 8.50 reads
    expect(outcome.funnel.rows[0]).toMatchObject({
      orders: 2,
      revenueCents: 850n,
      ordersMissingTotal: 1,
      ordersUnreadableTotal: 1,
    });
    expect(logger.lines.join('\n')).toContain(
      '1 of them holds text that is not a number, such as "n/a": write totals as plain numbers',
    );
  });

  test('warns when the revenue column is missing and counts every order as missing a total', async () => {
    const logger = memoryLogger();
    const outcome = await runFunnelJob(
      jobOptions({ dataFolder: warehouse('no-revenue-column') }),
      logger,
    );
    expect(logger.lines.join('\n')).toContain('has no total column');
    expect(logger.lines.join('\n')).toContain(
      'The one counted order has no total: order_completed has no total column',
    );
    expect(outcome.funnel.rows[0]).toMatchObject({
      orders: 1,
      revenueCents: 0n,
      ordersMissingTotal: 1,
    });
  });

  test('stops before writing anything when the workbook there cannot be read', async () => {
    const options = jobOptions({});
    fs.writeFileSync(path.join(options.outFolder, 'campaign-roi.xlsx'), 'not a workbook');
    await expect(runFunnelJob(options, memoryLogger())).rejects.toMatchObject({
      code: 'refresh/workbook-unreadable',
    });
    expect(fs.readdirSync(options.outFolder)).toEqual(['campaign-roi.xlsx']);
    expect(fs.readFileSync(path.join(options.outFolder, 'campaign-roi.xlsx'), 'utf8')).toBe(
      'not a workbook',
    );
  });

  test('names the campaign filter and store pattern in the printed heading', async () => {
    const outcome = await runFunnelJob(
      jobOptions({ request: { campaigns: ['Spring+Sale'], storeUrlPattern: 'store' } }),
      memoryLogger(),
    );
    expect(outcome.printed).toContain(
      ', campaigns spring sale only, store pages matching "store", revenue in USD',
    );
  });

  test.each([
    ['missing-campaign-column', 'The pages table has no context_campaign_name column'],
    ['mixed-currencies', 'more than one currency (EUR, USD)'],
  ])('fails on %s with a message naming what to fix', async (name, message) => {
    const running = runFunnelJob(jobOptions({ dataFolder: warehouse(name) }), memoryLogger());
    await expect(running.catch((error) => Promise.reject(describeError(error)))).rejects.toContain(
      message,
    );
  });

  test('fails on an empty folder, naming the tables it looked for', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-warehouse-'));
    const running = runFunnelJob(jobOptions({ dataFolder: empty }), memoryLogger());
    await expect(running.catch((error) => Promise.reject(describeError(error)))).rejects.toContain(
      'holds none of the tables pages, product_viewed, order_completed',
    );
  });

  test('updates a workbook already written instead of replacing it, keeping typed costs', async () => {
    const options = jobOptions({ dataFolder: warehouse('text-revenue') });
    await runFunnelJob(options, memoryLogger());
    const file = path.join(options.outFolder, 'campaign-roi.xlsx');
    const typed = new ExcelJS.Workbook();
    await typed.xlsx.readFile(file);
    const sheet = typed.getWorksheet('Campaign ROI');
    if (!sheet) throw new Error('the workbook has no Campaign ROI sheet');
    const header = sheet.getRow(4).values as string[];
    const mediaColumn = header.indexOf('Media spend');
    sheet.getCell(5, mediaColumn).value = 321;
    sheet.getCell(5, header.length + 1).value = 'my own note';
    await typed.xlsx.writeFile(file);

    const logger = memoryLogger();
    await runFunnelJob(options, logger);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    const again = after.getWorksheet('Campaign ROI');
    expect(again?.getCell(5, mediaColumn).value).toBe(321);
    expect(again?.getCell(5, header.length + 1).value).toBe('my own note');
    expect(logger.lines.join('\n')).toContain('Typed costs, notes and your own columns');
  });

  test('reads Parquet tables the same as CSV tables', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parquet-warehouse-'));
    const converter = await openWarehouse();
    try {
      for (const table of ['pages', 'product_viewed', 'order_completed']) {
        const csv = path.join(warehouse('text-revenue'), `${table}.csv`);
        const parquet = path.join(folder, `${table}.parquet`);
        await converter.connection.run(
          `COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`,
        );
      }
    } finally {
      converter.close();
    }
    const fromParquet = await runFunnelJob(jobOptions({ dataFolder: folder }), memoryLogger());
    const fromCsv = await runFunnelJob(
      jobOptions({ dataFolder: warehouse('text-revenue') }),
      memoryLogger(),
    );
    expect(fromParquet.funnel).toEqual(fromCsv.funnel);
    expect(fromParquet.funnel.rows[0]?.orders).toBe(2);
  });

  test('writes the CSV named after the grouping, the workbook and the costs template', async () => {
    const options = jobOptions({
      request: { groupBy: ['medium', 'source'] },
      writeCostsTemplate: true,
    });
    const outcome = await runFunnelJob(options, memoryLogger());
    const names = outcome.files.map((file) => path.basename(file));
    expect(names).toEqual([
      'funnel_by_source_medium.csv',
      'campaign-roi.xlsx',
      'costs-template.csv',
    ]);
    const csv = fs.readFileSync(outcome.files[0], 'utf8').split('\n');
    expect(csv[0]).toBe(
      'source,medium,visits,store_visitors,product_viewers,buyers,orders,revenue,orders_missing_total,view_rate,buy_rate,average_order_value,revenue_per_visitor',
    );
    // one line per group plus the header and the final newline; the all-campaigns line is not written
    expect(csv.length).toBe(outcome.funnel.rows.length + 2);
    const template = fs.readFileSync(outcome.files[2], 'utf8').split('\n');
    expect(template.length - 2).toBe(outcome.campaignFunnel.rows.length);
  });

  test('stops on a costs file with cells to fix, listing every one, and writes nothing', async () => {
    const costsFile = path.join(FIXTURES, 'costs', 'costs-with-cells-to-fix.csv');
    const options = jobOptions({ dataFolder: warehouse('text-revenue'), costsFile });
    const failure = await runFunnelJob(options, memoryLogger()).catch((e) => describeError(e));
    expect(failure).toContain(
      'has 5 cells to fix before its costs can be used; nothing was written',
    );
    expect(failure).toContain('repeats campaign "spring sale" from line 2');
    expect(failure).toContain('"lots" is not a number');
    expect(failure).toContain('-5 is negative');
    expect(failure).toContain('a margin of 40 is more than 100%. Did you mean 40%?');
    expect(failure).toContain('"1.200" could be read two ways');
    expect(fs.readdirSync(options.outFolder)).toEqual([]);
  });

  test.each(['spring-sale-costs.csv', 'semicolon-separated-costs.csv'])(
    'reads the cost inputs of %s into the ROI table',
    async (name) => {
      const logger = memoryLogger();
      const costsFile = path.join(FIXTURES, 'costs', name);
      const outcome = await runFunnelJob(
        jobOptions({ dataFolder: warehouse('text-revenue'), costsFile }),
        logger,
      );
      // spring sale: revenue 8.50 at 40% margin = 3.40 profit; cost 2 x 10 x 50 + 1,200 = 2,200
      expect(outcome.printed).toMatch(/spring sale\s+8\.50\s+2,200\.00\s+3\.40/);
    },
  );

  test.each([
    [
      { campaigns: ['nonexistent'] },
      'No page view matched these settings, so every figure is zero: check --campaign "nonexistent"',
    ],
    [{ from: '2999-01-01' }, 'check --from 2999-01-01'],
    [
      { campaigns: ['spring sale', 'winter sale'] },
      'No page view carries the campaign "winter sale"',
    ],
  ])('says which settings matched nothing: %j', async (request, message) => {
    const logger = memoryLogger();
    await runFunnelJob(jobOptions({ dataFolder: warehouse('text-revenue'), request }), logger);
    expect(logger.lines.join('\n')).toContain(message);
  });

  test('warns about costs for a campaign the data does not have', async () => {
    const logger = memoryLogger();
    const costsFile = path.join(FIXTURES, 'costs', 'spring-sale-costs.csv');
    await runFunnelJob(jobOptions({ dataFolder: warehouse('text-revenue'), costsFile }), logger);
    expect(logger.lines.join('\n')).toContain(
      'has costs for 1 campaign the data does not have: "gift cards"',
    );
  });
});
