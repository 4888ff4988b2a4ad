// The sidebar's server functions in Apps Script, on the double: opening the sidebar, loading its
// state, estimating, pulling into a sheet, keeping the sheet when a pull fails, saved pulls.
import { PULL_SETTINGS } from '../support/refreshFixtures';
import {
  openSidebar,
  sidebarDeletePull,
  sidebarEstimate,
  sidebarPull,
  sidebarSavePull,
  sidebarState,
} from '../../src/server/sidebar';
import { ADDON_STYLESHEET_URL } from '../../src/core/pull/sidebarPage';
import { PullHost, sidebarFunctions } from '../../src/core/pull/pullService';
import { entryPoints } from '../../src/server/entryPoints';
import {
  AppsScriptDouble,
  createAppsScriptDouble,
  ScriptedError,
} from '../support/appsScriptDouble';
import { readManifest } from '../support/builtAddOn';
import {
  addSegmentTables,
  funnelRestRows,
  funnelRestSchema,
  FunnelFigures,
} from '../support/funnelRestAnswers';
import * as fs from 'fs';
import * as path from 'path';

const SIDEBAR_HTML = fs.readFileSync(path.join(__dirname, '../../src/client/sidebar.html'), 'utf8');

const SETTINGS = PULL_SETTINGS;

const spring: FunnelFigures = {
  keys: { campaign: 'spring sale' },
  visits: 120,
  storeVisitors: 80,
  productViewers: 40,
  buyers: 10,
  orders: 12,
  revenue: '529.5',
};
const brunch: FunnelFigures = {
  keys: { campaign: 'brunch club' },
  visits: 50,
  storeVisitors: 45,
  productViewers: 30,
  buyers: 15,
  orders: 15,
  revenue: '359.8',
};
const toast: FunnelFigures = {
  keys: { campaign: 'toast day' },
  visits: 70,
  storeVisitors: 60,
  productViewers: 20,
  buyers: 4,
  orders: 5,
  revenue: '120',
};
const picnic: FunnelFigures = {
  keys: { campaign: 'summer picnic' },
  visits: 30,
  storeVisitors: 25,
  productViewers: 10,
  buyers: 2,
  orders: 2,
  revenue: '64',
};
const all: FunnelFigures = { ...spring, keys: {}, storeVisitors: 110, revenue: '889.3' };

let double: AppsScriptDouble;
let uninstall: () => void;

beforeEach(() => {
  double = createAppsScriptDouble({
    grantedScopes: readManifest().oauthScopes,
    timeZone: 'Europe/Paris',
    htmlFiles: { sidebar: SIDEBAR_HTML },
  });
  addSegmentTables(double.bigQuery.addTable, 'my-project', 'segment');
  uninstall = double.install();
});

afterEach(() => uninstall());

function queueFunnel(groups: FunnelFigures[], extra: Record<string, unknown> = {}) {
  double.bigQuery.queueJob({
    schema: funnelRestSchema(['campaign']),
    rows: funnelRestRows(['campaign'], groups, all),
    location: 'EU',
    totalBytesProcessed: '1288490188',
    totalBytesBilled: '1289748480',
    ...extra,
  });
}

const sheetValues = (a1: string) =>
  double.spreadsheet.getSheetByName('Campaign funnel')!.getRange(a1).getValues();

describe('openSidebar', () => {
  test("shows the sidebar page with Google's add-on stylesheet linked and a title", () => {
    openSidebar();
    expect(double.ui.sidebars).toHaveLength(1);
    const [shown] = double.ui.sidebars;
    expect(shown.title).toBe('Campaign funnels');
    expect(shown.content).toContain(`<link rel="stylesheet" href="${ADDON_STYLESHEET_URL}">`);
    expect(shown.content).not.toContain('script-run-stand-in');
    expect(shown.content).toContain('google.script.run');
  });
});

describe('the sidebar server functions', () => {
  test('are all entry points, so the local stand-in serves what Apps Script serves', () => {
    const names = Object.keys(sidebarFunctions({} as PullHost));
    expect(names).toEqual([
      'sidebarState',
      'sidebarEstimate',
      'sidebarPull',
      'sidebarSavePull',
      'sidebarDeletePull',
    ]);
    names.forEach((name) => expect(Object.keys(entryPoints)).toContain(name));
  });
});

describe('sidebarState', () => {
  test("returns the default settings and presets as days in the spreadsheet's time zone", () => {
    const answer = sidebarState();
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value.timeZone).toBe('Europe/Paris');
    expect(answer.value.current.name).toBe('Campaign funnel');
    expect(answer.value.datePresets.map((preset) => preset.id)).toEqual([
      'last7',
      'last30',
      'last90',
      'thisMonth',
      'lastMonth',
      'custom',
    ]);
    expect(answer.value.warehouseKind).toBe('bigquery');
    expect(answer.value.savedPulls).toEqual([]);
  });
});

describe('sidebarEstimate', () => {
  test('runs a dry run with the settings and says how much it would scan and cost', () => {
    double.bigQuery.queueJob({
      schema: [],
      rows: [],
      location: 'EU',
      totalBytesProcessed: '1288490188',
    });
    const answer = sidebarEstimate(SETTINGS);
    if (!answer.ok) throw new Error(answer.message);
    // 1,288,490,188 bytes is 1.3 GB; at $6.25 per TiB (2^40 bytes), rounded up to whole MB,
    // that is 1,289,748,480 / 2^40 x 6.25 = $0.0073, under a cent.
    expect(answer.value).toMatchObject({
      bytesProcessed: 1288490188,
      bytesText: '1.3 GB',
      costText: 'less than $0.01',
      overCap: false,
      from: '2024-06-01',
      to: '2024-06-30',
    });
    const [sent] = double.bigQuery.jobs.queryRequests;
    expect(sent.projectId).toBe('my-project');
    expect(sent.request).toMatchObject({
      dryRun: true,
      useLegacySql: false,
      parameterMode: 'NAMED',
      location: 'EU',
    });
    expect(sent.request.query).toContain('`my-project`.`segment`.`pages`');
    expect(double.calls.count('BigQuery.Tables.get')).toBe(3);
    expect(double.bigQuery.jobs.resultRequests).toHaveLength(0);
  });

  test('says when the estimate is over the cap', () => {
    double.bigQuery.queueJob({
      schema: [],
      rows: [],
      location: 'EU',
      totalBytesProcessed: '5000000000',
    });
    const answer = sidebarEstimate(SETTINGS);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value.overCap).toBe(true);
    expect(answer.value.sentence).toContain('more than your cap of 2 GB');
  });
});

describe('sidebarPull', () => {
  test('writes the rows to the sheet named after the pull, saves the pull and previews it', () => {
    queueFunnel([spring, brunch]);
    const answer = sidebarPull(SETTINGS);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value).toMatchObject({
      groupRows: 2,
      sheetName: 'Campaign funnel',
      bytesBilled: 1289748480,
    });
    expect(answer.value.bytesText).toBe('1.3 GB');
    expect(answer.value.preview.rows).toEqual([
      [
        'spring sale',
        '120',
        '80',
        '40',
        '10',
        '12',
        '529.50',
        '0',
        '50.0%',
        '12.5%',
        '44.13',
        '6.62',
      ],
      [
        'brunch club',
        '50',
        '45',
        '30',
        '15',
        '15',
        '359.80',
        '0',
        '66.7%',
        '33.3%',
        '23.99',
        '8.00',
      ],
    ]);
    expect(sheetValues('A1:B3')).toEqual([
      ['campaign', 'visits'],
      ['spring sale', 120],
      ['brunch club', 50],
    ]);
    const [sent] = double.bigQuery.jobs.queryRequests;
    expect(sent.request).toMatchObject({
      dryRun: false,
      maximumBytesBilled: '2000000000',
      location: 'EU',
    });
    expect(sent.request.requestId).toMatch(/^00000000-0000-4000-8000-/);
    expect(answer.value.savedPulls.map((pull) => pull.name)).toEqual(['Campaign funnel']);
    expect(double.logs.some((line) => line.startsWith('Pulled 2 rows for Campaign funnel'))).toBe(
      true,
    );
  });

  test('takes one lock for writing and saving, and releases it', () => {
    queueFunnel([spring]);
    sidebarPull(SETTINGS);
    expect(double.calls.count('Lock.tryLock')).toBe(1);
    expect(double.calls.count('Lock.releaseLock')).toBe(1);
  });

  test('keeps the previous rows when the next pull fails, and says what to do', () => {
    queueFunnel([spring, brunch]);
    expect(sidebarPull(SETTINGS).ok).toBe(true);
    const denied: ScriptedError = {
      code: 403,
      reason: 'accessDenied',
      message:
        'Access Denied: Table my-project:segment.pages: User does not have permission to query table.',
    };
    double.bigQuery.queueError(denied);
    const answer = sidebarPull(SETTINGS);
    expect(answer).toMatchObject({ ok: false, code: 'bigquery/access-denied', field: 'dataset' });
    if (answer.ok) return;
    expect(answer.message).toContain('BigQuery Job User role on project my-project');
    expect(sheetValues('A2:A3')).toEqual([['spring sale'], ['brunch club']]);
  });

  test('keeps the previous rows when the bytes cap stops the query', () => {
    queueFunnel([spring]);
    sidebarPull(SETTINGS);
    double.bigQuery.queueError({
      code: 400,
      reason: 'bytesBilledLimitExceeded',
      message: 'Query exceeded limit for bytes billed: 2000000000. 5000000000 or higher required.',
    });
    const answer = sidebarPull(SETTINGS);
    expect(answer).toMatchObject({
      ok: false,
      code: 'bigquery/bytes-cap-exceeded',
      field: 'maxGigabytesBilled',
    });
    expect(sheetValues('A2')).toEqual([['spring sale']]);
  });

  test('writes the "no rows" line when nothing matches', () => {
    queueFunnel([]);
    const answer = sidebarPull(SETTINGS);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value.groupRows).toBe(0);
    expect(String(sheetValues('A2')[0][0])).toMatch(/^No rows for these settings/);
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    [
      'a table name that is not in the dataset',
      { tables: { pages: 'page_views' } },
      'bigquery/table-not-found',
      'pagesTable',
    ],
    ['an empty project', { project: '' }, 'pull/missing-setting', 'project'],
    ['a dataset name with a space', { dataset: 'my segment' }, 'funnel/bad-identifier', 'dataset'],
    [
      'reversed custom dates',
      { from: '2024-06-30', to: '2024-06-01' },
      'funnel/dates-reversed',
      'from',
    ],
  ])('refuses %s before querying, pointing at the field', (_what, change, code, field) => {
    const answer = sidebarPull({ ...SETTINGS, ...change });
    expect(answer).toMatchObject({ ok: false, code, field });
    expect(double.bigQuery.jobs.queryRequests).toHaveLength(0);
    expect(double.spreadsheet.getSheetByName('Campaign funnel')).toBeNull();
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['a project that does not exist', { project: 'my-projct' }, 'bigquery/not-found', 'project'],
    ['a dataset the project lacks', { dataset: 'segmnt' }, 'bigquery/not-found', 'dataset'],
    // A dataset whose name holds "table" is still a dataset, not a table to rename.
    ['a dataset named like tables', { dataset: 'web_tables' }, 'bigquery/not-found', 'dataset'],
  ])('points at the field BigQuery names for %s', (_what, change, code, field) => {
    expect(sidebarPull({ ...SETTINGS, ...change })).toMatchObject({ ok: false, code, field });
    expect(double.bigQuery.jobs.queryRequests).toHaveLength(0);
  });

  test('says the project could not be found, naming it', () => {
    const answer = sidebarPull({ ...SETTINGS, project: 'my-projct' });
    if (answer.ok) throw new Error('the pull ran');
    expect(answer.message).toBe(
      'BigQuery found no project my-projct. Check the project and dataset names (as the BigQuery console spells them) and try again.',
    );
  });

  test('points at the project when BigQuery refuses to run jobs in it', () => {
    double.bigQuery.queueError({
      code: 403,
      reason: 'accessDenied',
      message:
        'Access Denied: Project my-project: User does not have bigquery.jobs.create permission in project my-project.',
    });
    expect(sidebarPull(SETTINGS)).toMatchObject({
      ok: false,
      code: 'bigquery/access-denied',
      field: 'project',
    });
  });

  test.each(['Refresh log', 'CAMPAIGN ROI'])(
    'refuses to pull or save %j, the name of a sheet the add-on writes, before querying',
    (name) => {
      const expected = { ok: false, code: 'pull/addon-sheet-name', field: 'name' };
      expect(sidebarPull({ ...SETTINGS, name })).toMatchObject(expected);
      expect(sidebarSavePull({ ...SETTINGS, name })).toMatchObject(expected);
      expect(double.bigQuery.jobs.queryRequests).toHaveLength(0);
      expect(double.spreadsheet.getSheets().map((sheet) => sheet.getName())).not.toContain(name);
    },
  );

  test('points at the location when the dataset lives elsewhere', () => {
    double.bigQuery.queueError({
      code: 404,
      reason: 'notFound',
      message: 'Not found: Dataset my-project:segment was not found in location EU',
    });
    expect(sidebarPull(SETTINGS)).toMatchObject({
      ok: false,
      code: 'bigquery/wrong-location',
      field: 'location',
    });
  });
});

describe('sidebarPull again on the same sheet', () => {
  // Columns A to L are the pulled block, M its Status once pulled again, N on the marketer's.
  const sheet = () => double.spreadsheet.getSheetByName('Campaign funnel')!;
  const snapshot = () => {
    const range = sheet().getRange(1, 1, 12, 16);
    return {
      values: range.getValues(),
      formulas: range.getFormulas(),
      notes: range.getNotes(),
      rows: sheet().getMaxRows(),
    };
  };

  /** Pulls spring, brunch, toast; the marketer writes beside brunch (row 3) and about it. */
  function pulledAndAnnotated() {
    queueFunnel([spring, brunch, toast]);
    const first = sidebarPull(SETTINGS);
    if (!first.ok) throw new Error(first.message);
    sheet().getRange('N3').setValue('brunch: call the agency');
    sheet().getRange('O3').setFormula('=B3/C3');
    sheet()
      .getRange('A8:B8')
      .setValues([['brunch visits, doubled', '=B3*2']]);
    const notes = double.spreadsheet.insertSheet('My notes');
    notes.getRange('A1').setFormula("='Campaign funnel'!A3");
    return notes;
  }

  test('writes the first pull as a plain block, with no Status column yet', () => {
    pulledAndAnnotated();
    expect(sheetValues('A1:A4')).toEqual([
      ['campaign'],
      ['spring sale'],
      ['brunch club'],
      ['toast day'],
    ]);
    expect(sheetValues('M1:M4')).toEqual([[''], [''], [''], ['']]);
  });

  test("keeps the marketer's note and formulas with their campaign when rows come back reordered", () => {
    const notes = pulledAndAnnotated();
    // Toast now leads, a new campaign comes second, brunch is last, and spring is gone.
    queueFunnel([toast, picnic, brunch]);
    const again = sidebarPull(SETTINGS);
    if (!again.ok) throw new Error(again.message);
    expect(again.value.groupRows).toBe(3);

    expect(sheetValues('A1:C5')).toEqual([
      ['campaign', 'visits', 'store visitors'],
      ['spring sale', '', ''],
      ['brunch club', 50, 45],
      ['toast day', 70, 60],
      ['summer picnic', 30, 25],
    ]);
    expect(sheetValues('M1:M5')).toEqual([
      ['Status'],
      ['not in the latest pull'],
      [''],
      [''],
      [''],
    ]);
    expect(sheetValues('N3')).toEqual([['brunch: call the agency']]);
    expect(sheet().getRange('O3').getFormula()).toBe('=B3/C3');
    // The marketer's line below moved down one row for the new campaign, still about row 3.
    expect(sheetValues('A9')).toEqual([['brunch visits, doubled']]);
    expect(sheet().getRange('B9').getFormula()).toBe('=B3*2');
    expect(notes.getRange('A1').getFormula()).toBe("='Campaign funnel'!A3");
  });

  test('leaves everything as it was when the pull after a merge fails', () => {
    pulledAndAnnotated();
    queueFunnel([toast, picnic, brunch]);
    expect(sidebarPull(SETTINGS).ok).toBe(true);
    const before = snapshot();
    double.bigQuery.queueError({
      code: 403,
      reason: 'accessDenied',
      message: 'Access Denied: Table my-project:segment.pages: User does not have permission',
    });
    expect(sidebarPull(SETTINGS)).toMatchObject({ ok: false, code: 'bigquery/access-denied' });
    expect(snapshot()).toEqual(before);
  });

  test("refuses to take the marketer's column beside the block for the Status, changing nothing", () => {
    pulledAndAnnotated();
    sheet().getRange('M2').setValue('my own column');
    const before = snapshot();
    queueFunnel([toast, picnic, brunch]);
    const answer = sidebarPull(SETTINGS);
    expect(answer).toMatchObject({ ok: false, code: 'refresh/no-room-for-status' });
    if (answer.ok) return;
    expect(answer.message).toContain('needs column M for the Status');
    expect(snapshot()).toEqual(before);
  });

  test('keeps every row, marked, and adds the "no rows" line when nothing matches any more', () => {
    pulledAndAnnotated();
    queueFunnel([]);
    const answer = sidebarPull(SETTINGS);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value.groupRows).toBe(0);
    expect(sheetValues('A3:B3')).toEqual([['brunch club', '']]);
    expect(sheetValues('M2:M4')).toEqual([
      ['not in the latest pull'],
      ['not in the latest pull'],
      ['not in the latest pull'],
    ]);
    expect(String(sheetValues('A5')[0][0])).toMatch(/^No rows for these settings/);
    expect(sheetValues('N3')).toEqual([['brunch: call the agency']]);

    // The next pull with rows finds its campaigns in their rows again.
    queueFunnel([brunch, picnic]);
    expect(sidebarPull(SETTINGS).ok).toBe(true);
    expect(sheetValues('A2:B5')).toEqual([
      ['spring sale', ''],
      ['brunch club', 50],
      ['toast day', ''],
      ['summer picnic', 30],
    ]);
    expect(sheetValues('N3')).toEqual([['brunch: call the agency']]);
  });

  test('writes the sheet afresh when the pull is grouped by other keys now', () => {
    pulledAndAnnotated();
    double.bigQuery.queueJob({
      schema: funnelRestSchema(['campaign', 'source']),
      rows: funnelRestRows(
        ['campaign', 'source'],
        [{ ...brunch, keys: { campaign: 'brunch club', source: 'newsletter' } }],
        all,
      ),
      location: 'EU',
      totalBytesProcessed: '1288490188',
      totalBytesBilled: '1289748480',
    });
    const answer = sidebarPull({ ...SETTINGS, groupBy: ['campaign', 'source'] });
    if (!answer.ok) throw new Error(answer.message);
    expect(sheetValues('A1:C3')).toEqual([
      ['campaign', 'source', 'visits'],
      ['brunch club', 'newsletter', 50],
      ['', '', ''],
    ]);
    expect(sheetValues('N3')).toEqual([['brunch: call the agency']]);
  });
});

describe('saved pulls', () => {
  test('saves, lists and deletes pulls; the form comes back with the last one used', () => {
    const saved = sidebarSavePull({
      ...SETTINGS,
      name: 'By channel',
      groupBy: ['source', 'medium'],
    });
    expect(saved).toMatchObject({ ok: true });
    sidebarSavePull({ ...SETTINGS, name: 'Weekly', datePreset: 'last7' });
    const state = sidebarState();
    if (!state.ok) throw new Error(state.message);
    expect(state.value.savedPulls.map((pull) => pull.name)).toEqual(['By channel', 'Weekly']);
    expect(state.value.current).toMatchObject({ name: 'Weekly', datePreset: 'last7' });
    expect(double.properties.getDocumentProperties().getKeys().sort()).toEqual([
      'pull:by channel',
      'pull:weekly',
      'sidebar:last-pull',
    ]);

    const left = sidebarDeletePull('Weekly');
    if (!left.ok) throw new Error(left.message);
    expect(left.value.map((pull) => pull.name)).toEqual(['By channel']);
  });

  test('refuses settings too large for one document property, naming the campaign filter', () => {
    const campaigns = Array.from({ length: 400 }, (_, i) => `a campaign with a long name ${i}`);
    expect(sidebarSavePull({ ...SETTINGS, campaigns })).toMatchObject({
      ok: false,
      code: 'pull/too-large-to-save',
      field: 'campaigns',
    });
  });

  test('refuses a pull whose settings could not be saved before querying anything', () => {
    const campaigns = Array.from({ length: 400 }, (_, i) => `a campaign with a long name ${i}`);
    expect(sidebarPull({ ...SETTINGS, campaigns })).toMatchObject({
      ok: false,
      code: 'pull/too-large-to-save',
    });
    expect(double.bigQuery.jobs.queryRequests).toHaveLength(0);
  });
});
