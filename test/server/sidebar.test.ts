// The sidebar's server functions in Apps Script, on the double: opening the sidebar, loading its
// state, estimating, pulling into a sheet, keeping the sheet when a pull fails, saved pulls.
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

const SETTINGS = {
  name: 'Campaign funnel',
  project: 'my-project',
  dataset: 'segment',
  location: 'EU',
  datePreset: 'custom',
  from: '2024-06-01',
  to: '2024-06-30',
  groupBy: ['campaign'],
  maxGigabytesBilled: 2,
};

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

  test('rewrites only its own block on the next pull, fewer rows leaving no stale row', () => {
    queueFunnel([spring, brunch]);
    sidebarPull(SETTINGS);
    const sheet = double.spreadsheet.getSheetByName('Campaign funnel')!;
    sheet.getRange('N2').setFormula('=B2*2');
    queueFunnel([brunch]);
    expect(sidebarPull(SETTINGS).ok).toBe(true);
    expect(sheetValues('A2:A3')).toEqual([['brunch club'], ['']]);
    expect(sheet.getRange('N2').getFormula()).toBe('=B2*2');
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
