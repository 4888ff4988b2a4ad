// The sidebar's local stand-in pulling twice into the same CSV "sheet" from the local DuckDB
// warehouse: the second pull is merged into the file as a Google sheet is merged into, so a
// person's note and formulas stay with their campaign; a failing pull leaves the file alone.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { csvField, parseCsv } from '../../src/core/csvText';
import { messageFor } from '../../src/core/messages';
import { sidebarFunctions, SidebarFunctions } from '../../src/core/pull/pullService';
import { PULL_NOT_RETURNED } from '../../src/core/refresh/pulledSheetMerge';
import { SheetGrid } from '../../src/core/refresh/sheetGrid';
import {
  csvSheetGrid,
  csvSheetText,
  localPullHost,
  sheetFileName,
} from '../../src/local/localPullHost';
import { openSyncLocalWarehouse, SyncLocalWarehouse } from '../../src/local/syncLocalWarehouse';

// In January spring sale leads, then brunch club and toast day; in February toast day leads,
// summer picnic is new, brunch club is last and spring sale is gone.
const WAREHOUSE = path.join(__dirname, '..', 'fixtures', 'warehouses', 'campaigns-change-by-month');
const JANUARY = {
  name: 'Campaign funnel',
  project: 'local-warehouse',
  dataset: 'segment',
  location: 'US',
  datePreset: 'custom',
  from: '2024-01-01',
  to: '2024-01-31',
  groupBy: ['campaign'],
};
const FEBRUARY = { ...JANUARY, from: '2024-02-01', to: '2024-02-29' };
const MARCH = { ...JANUARY, from: '2024-03-01', to: '2024-03-31' };

let warehouse: SyncLocalWarehouse;
let folder: string;
let sidebar: SidebarFunctions;
let sheetFile: string;

beforeAll(() => {
  warehouse = openSyncLocalWarehouse({
    dataFolder: WAREHOUSE,
    samplePeople: 0,
    project: 'local-warehouse',
    dataset: 'segment',
  });
});

afterAll(() => warehouse.close());

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-roi-local-pull-'));
  const sheetsFolder = path.join(folder, 'sheets');
  sheetFile = path.join(sheetsFolder, sheetFileName('Campaign funnel'));
  sidebar = sidebarFunctions(
    localPullHost({
      warehouse,
      timeZone: 'UTC',
      today: '2024-04-01',
      stateFile: path.join(folder, 'document-properties.json'),
      sheetsFolder,
      log: () => undefined,
    }),
  );
});

afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

function pull(settings: Record<string, unknown>) {
  const answer = sidebar.sidebarPull(settings);
  if (!answer.ok) throw new Error(answer.message);
  return answer.value;
}

const sheetRows = () => parseCsv(fs.readFileSync(sheetFile, 'utf8'), { keepBlankLines: true });
const column = (rows: string[][], index: number) => rows.map((row) => row[index] ?? '');
/** Saves the file as a spreadsheet would, after a person's edits. */
const saveRows = (rows: string[][]) =>
  fs.writeFileSync(sheetFile, rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n');

/**
 * What a person adds to the file after the first pull, as a spreadsheet would save it: a note
 * in N3 beside brunch club, a formula in O3 about the line below, and that line in row 8 with a
 * formula about brunch club's row.
 */
function annotate(): void {
  const rows = sheetRows();
  const width = 16;
  const padded = Array.from({ length: 8 }, (_, i) =>
    Array.from({ length: width }, (_, c) => rows[i]?.[c] ?? ''),
  );
  padded[2][13] = 'brunch: call the agency';
  padded[2][14] = '=B8+1';
  padded[7][0] = 'brunch visits, doubled';
  padded[7][1] = '=B3*2';
  saveRows(padded);
}

describe('the local stand-in pulling into a CSV sheet', () => {
  test('writes the first pull as the block alone, as before', () => {
    const summary = pull(JANUARY);
    expect(summary.groupRows).toBe(3);
    const rows = sheetRows();
    expect(column(rows, 0)).toEqual(['campaign', 'spring sale', 'brunch club', 'toast day']);
    expect(column(rows, 1)).toEqual(['visits', '3', '2', '1']);
    expect(rows.every((row) => row.length === 12)).toBe(true);
    expect(fs.readFileSync(sheetFile, 'utf8')).not.toContain('Status');
  });

  test("keeps the person's note and formulas with their campaign when rows come back reordered", () => {
    pull(JANUARY);
    annotate();
    const again = pull(FEBRUARY);
    expect(again.preview.rows.map((row) => row[0])).toEqual([
      'toast day',
      'summer picnic',
      'brunch club',
    ]);

    const rows = sheetRows();
    expect(column(rows, 0).slice(0, 5)).toEqual([
      'campaign',
      'spring sale',
      'brunch club',
      'toast day',
      'summer picnic',
    ]);
    expect(column(rows, 1).slice(1, 5)).toEqual(['', '1', '3', '2']);
    expect(column(rows, 12).slice(0, 5)).toEqual(['Status', PULL_NOT_RETURNED, '', '', '']);
    expect(rows[2][13]).toBe('brunch: call the agency');
    // The line below moved down a row for summer picnic; the formula about it followed it.
    expect(rows[8].slice(0, 2)).toEqual(['brunch visits, doubled', '=B3*2']);
    expect(rows[2][14]).toBe('=B9+1');
  });

  test('leaves the file byte for byte as it was when the pull after a merge fails', () => {
    pull(JANUARY);
    annotate();
    pull(FEBRUARY);
    const before = fs.readFileSync(sheetFile, 'utf8');
    const answer = sidebar.sidebarPull({ ...FEBRUARY, tables: { pages: 'page_views' } });
    expect(answer.ok).toBe(false);
    expect(fs.readFileSync(sheetFile, 'utf8')).toBe(before);
  });

  test("refuses the person's column beside the block for the Status, leaving the file alone", () => {
    pull(JANUARY);
    annotate();
    const rows = sheetRows();
    rows[1][12] = 'my own column';
    saveRows(rows);
    const before = fs.readFileSync(sheetFile, 'utf8');
    expect(sidebar.sidebarPull(FEBRUARY)).toMatchObject({
      ok: false,
      code: 'refresh/no-room-for-status',
    });
    expect(fs.readFileSync(sheetFile, 'utf8')).toBe(before);
  });

  test('keeps every row, marked, and adds the "no rows" line when nothing matches', () => {
    pull(JANUARY);
    annotate();
    expect(pull(MARCH).groupRows).toBe(0);
    const rows = sheetRows();
    expect(column(rows, 12).slice(1, 4)).toEqual([
      PULL_NOT_RETURNED,
      PULL_NOT_RETURNED,
      PULL_NOT_RETURNED,
    ]);
    expect(rows[4][0]).toMatch(/^No rows for these settings/);
    expect(rows[2][13]).toBe('brunch: call the agency');
  });
});

describe('the local warehouse pointing at the setting to fix', () => {
  test.each([
    ['a project the tables are not in', { project: 'local-warehous' }, 'project'],
    ['a dataset the tables are not in', { dataset: 'segmnt' }, 'dataset'],
    ['both', { project: 'local-warehous', dataset: 'segmnt' }, 'project'],
  ])('marks the field for %s', (_what, change, field) => {
    expect(sidebar.sidebarPull({ ...JANUARY, ...change })).toMatchObject({
      ok: false,
      code: 'local/no-such-dataset',
      field,
    });
  });
});

describe('the local warehouse holding a pull to Max GB billed, as BigQuery does', () => {
  // The fixture's tables are tiny, so BigQuery would bill its minimum of 10 MB for each of the
  // three tables: 31,457,280 bytes, just above 0.0314 GB and just below 0.0315 GB.
  const BILLED = 3 * 10 * 2 ** 20;

  test("refuses a pull that would bill more than the cap, with the add-on's sentence", () => {
    pull(JANUARY);
    const before = fs.readFileSync(sheetFile, 'utf8');
    const answer = sidebar.sidebarPull({ ...FEBRUARY, maxGigabytesBilled: 0.0314 });
    expect(answer).toEqual({
      ok: false,
      code: 'bigquery/bytes-cap-exceeded',
      field: 'maxGigabytesBilled',
      message: messageFor('bigquery/bytes-cap-exceeded', {
        capBytes: '31400000',
        neededBytes: String(BILLED),
      }),
    });
    expect(fs.readFileSync(sheetFile, 'utf8')).toBe(before);
  });

  test.each([
    [0.0314, false],
    [0.0315, true],
  ])('agrees with Estimate at a cap of %p GB (pulled: %p)', (maxGigabytesBilled, pulled) => {
    const estimate = sidebar.sidebarEstimate({ ...JANUARY, maxGigabytesBilled });
    if (!estimate.ok) throw new Error(estimate.message);
    expect(estimate.value.overCap).toBe(!pulled);
    expect(sidebar.sidebarPull({ ...JANUARY, maxGigabytesBilled }).ok).toBe(pulled);
  });
});

describe('a CSV sheet as cells', () => {
  test.each<[string, string, SheetGrid]>([
    ['reads a field starting with = as a formula', 'a,=B2*2\n', [['a', { formula: 'B2*2' }]]],
    ['reads a lone = as text', '=\n', [['=']]],
    ['keeps blank lines, since rows are places', 'a\n\nb\n', [['a'], [null], ['b']]],
    [
      'reads quoted commas and quotes',
      '"spring, sale","say ""hi"""\n',
      [['spring, sale', 'say "hi"']],
    ],
  ])('%s', (_what, text, grid) => {
    expect(csvSheetGrid(text)).toEqual(grid);
  });

  test.each<[string, SheetGrid, string]>([
    ['writes every line as wide as the widest', [['a', 'b', 'c'], ['d']], 'a,b,c\nd,,\n'],
    ['writes formulas with their =', [[{ formula: 'B2*2' }, 3]], '=B2*2,3\n'],
    ['quotes commas and quotes', [['spring, sale', 'say "hi"']], '"spring, sale","say ""hi"""\n'],
  ])('%s', (_what, grid, text) => {
    expect(csvSheetText(grid)).toBe(text);
  });
});
