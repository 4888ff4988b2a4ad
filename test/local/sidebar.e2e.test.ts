// `npm run sidebar` in real headless Chromium: a person fills the form, estimates, pulls, and
// sees the rows the DuckDB funnel query returns; errors point at the field; nothing is fetched
// from outside the local server. Saves a screenshot of the sidebar with rows to out/.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { resolveFunnelSpec } from '../../src/core/funnel/funnelOptions';
import { FunnelResult } from '../../src/core/funnel/funnelRows';
import { inspectFunnelTables, runLocalFunnel } from '../../src/local/duckdbWarehouse';
import { openJobWarehouse } from '../../src/local/funnelJob';
import { memoryLogger } from '../../src/local/logger';
import { sheetFileName } from '../../src/local/localPullHost';
import { launchChromium } from '../support/chromium';

const ROOT = path.join(__dirname, '..', '..');
const SCREENSHOT = path.join(ROOT, 'out', 'sidebar-pull.png');
// The built-in sample's last page view is on 2024-06-30, so the server takes 2024-07-01 as
// today and "Last 30 days" is 2024-06-01 to 2024-06-30.
const LAST_30_DAYS = { from: '2024-06-01', to: '2024-06-30' };

let server: ChildProcess;
let url: string;
let outFolder: string;
let expected: FunnelResult;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const requested: string[] = [];

/** Starts `npm run sidebar`'s server on a free port and resolves with the address it prints. */
function startServer(out: string): Promise<string> {
  server = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), 'src/local/sidebarServer.ts', '--port', '0', '--out', out],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let printed = '';
    let errors = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const address = /Sidebar: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed);
      if (address) resolve(address[1]);
    });
    server.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    server.on('exit', (code) =>
      reject(new Error(`the sidebar server exited (${code}): ${errors}`)),
    );
  });
}

/** The same funnel, computed by the local runner's DuckDB path with no sidebar involved. */
async function duckDbFunnel(): Promise<FunnelResult> {
  const warehouse = await openJobWarehouse(
    { dataFolder: null, samplePeople: 5000, sampleSeed: 1, sampleSkewed: false },
    memoryLogger(),
  );
  try {
    const spec = resolveFunnelSpec({ groupBy: ['campaign', 'source'], ...LAST_30_DAYS });
    const { columns } = await inspectFunnelTables(warehouse, spec);
    return await runLocalFunnel(warehouse, spec, columns);
  } finally {
    warehouse.close();
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'ignore' });
  outFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-roi-sidebar-'));
  [url, expected] = await Promise.all([startServer(outFolder), duckDbFunnel()]);
  browser = await launchChromium({ width: 300, height: 1600 });
  page = await browser.context.newPage();
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(url);
  await page.getByRole('button', { name: 'Pull data' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#datePreset option').length > 0);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (outFolder) fs.rmSync(outFolder, { recursive: true, force: true });
});

const statusText = () => page.locator('#status').innerText();

describe('the sidebar in Chromium on the local warehouse', () => {
  test('labels every field and reaches every control from the keyboard', async () => {
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea'))
        .filter((field) => {
          const control = field as HTMLInputElement;
          return control.labels?.length === 0 && !control.getAttribute('aria-label');
        })
        .map((field) => field.id || field.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    await page.locator('#name').focus();
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(reached).toEqual(expect.arrayContaining(['project', 'dataset', 'group-source', 'pull']));
  });

  test('estimates the pull it describes', async () => {
    await page.getByLabel('Google Cloud project').fill('local-warehouse');
    await page.getByLabel('Dataset').fill('segment');
    await page.getByLabel('source').check();
    await expect(page.locator('#date-hint').innerText()).resolves.toBe(
      `${LAST_30_DAYS.from} to ${LAST_30_DAYS.to} (UTC)`,
    );
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.locator('#status .status:not(.busy)').waitFor();
    expect(await statusText()).toMatch(/would scan about [\d.]+ MB of these tables/);
  });

  test('pulls, showing progress without a second submission, then the same rows DuckDB returns', async () => {
    const pull = page.getByRole('button', { name: 'Pull data' });
    await pull.click();
    // While the call runs every button is disabled, so a second click cannot start another.
    const during = await page.evaluate(() => ({
      busy: document.querySelector('#pull-form')?.getAttribute('aria-busy'),
      disabled: Array.from(document.querySelectorAll('.buttons button')).map(
        (button) => (button as HTMLButtonElement).disabled,
      ),
    }));
    expect(during).toEqual({ busy: 'true', disabled: [true, true, true] });
    await page.locator('#result').waitFor();
    expect(await statusText()).toContain(
      `${expected.rows.length} rows written to the sheet "Campaign funnel"`,
    );
    expect(await page.locator('#result-rows').innerText()).toBe(String(expected.rows.length));
    expect(await page.locator('#result-bytes').innerText()).toBe('none (local warehouse)');
    expect(await page.locator('#result-time').innerText()).toMatch(/^\d+\.\d s$/);

    const shown = await page
      .locator('#preview-table tr')
      .evaluateAll((rows) =>
        rows.slice(1).map((row) => Array.from(row.children).map((cell) => cell.textContent ?? '')),
      );
    const money = (cents: bigint) =>
      (Number(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(
      shown.map((cells) => [cells[0], cells[1], cells[2], cells[3], cells[5], cells[7]]),
    ).toEqual(
      expected.rows
        .slice(0, 10)
        .map((row) => [
          row.keys.campaign,
          row.keys.source,
          row.visits.toLocaleString('en-US'),
          row.storeVisitors.toLocaleString('en-US'),
          row.buyers.toLocaleString('en-US'),
          money(row.revenueCents),
        ]),
    );
    expect(expected.rows.length).toBeGreaterThan(0);

    const sheet = fs.readFileSync(
      path.join(outFolder, 'sheets', sheetFileName('Campaign funnel')),
      'utf8',
    );
    expect(sheet.trim().split('\n')).toHaveLength(1 + expected.rows.length);
    expect(await page.locator('#saved-list').innerText()).toContain('Campaign funnel');

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test('says what to do when a setting is wrong, and points at the field', async () => {
    await page.getByLabel('Dataset').fill('segmnt');
    await page.getByRole('button', { name: 'Pull data' }).click();
    await page.locator('#status .status.error').waitFor();
    expect(await statusText()).toContain('tables are in project local-warehouse, dataset segment');
    expect(await page.locator('#dataset').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dataset');
  });

  test('points at the project, not the dataset, when the project is wrong', async () => {
    await page.getByLabel('Dataset').fill('segment');
    await page.getByLabel('Google Cloud project').fill('local-warehous');
    await page.getByRole('button', { name: 'Pull data' }).click();
    await page
      .locator('#status .status.error', { hasText: 'no dataset local-warehous.' })
      .waitFor();
    expect(await page.locator('#project').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#dataset').getAttribute('aria-invalid')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('project');
    await page.getByLabel('Google Cloud project').fill('local-warehouse');
  });

  test('brings the saved settings back when the sidebar opens again', async () => {
    await page.reload();
    await page.waitForFunction(
      () => (document.getElementById('project') as HTMLInputElement).value !== '',
    );
    expect(await page.getByLabel('Google Cloud project').inputValue()).toBe('local-warehouse');
    expect(await page.getByLabel('source').isChecked()).toBe(true);
  });

  test('fetched nothing but the local server', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((address) => !address.startsWith(url))).toEqual([]);
  });
});
