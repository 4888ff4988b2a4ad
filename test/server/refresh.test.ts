// The scheduled refresh in Apps Script, on the double: the schedule installed idempotently and
// only from the panel, the handler under the document lock, pulls merged into their sheets and
// the ROI sheet keeping typed cells, a failing and a slow BigQuery, two runs at once, the log.
import { messageFor } from '../../src/core/messages';
import { LAST_REFRESH_PROPERTY, REFRESH_LOG_HEADER } from '../../src/core/refresh/refreshRun';
import { NOT_IN_LATEST_PULL, ROI_COLUMNS, RoiColumnId } from '../../src/core/roi/roiSheetLayout';
import { appsScriptRefreshServices } from '../../src/server/refresh';
import * as fs from 'fs';
import * as path from 'path';
import { ADDON_STYLESHEET_URL } from '../../src/core/pull/sidebarPage';
import {
  buildRoiSheet,
  refreshNow,
  refreshPanelCreateRoiSheet,
  refreshPanelRefreshNow,
  refreshPanelSetSchedule,
  refreshPanelState,
  runScheduledRefresh,
  scheduleRefresh,
} from '../../src/server/refreshActions';
import { sidebarPull, sidebarSavePull } from '../../src/server/sidebar';
import {
  allOf,
  brunch,
  PULL_SETTINGS,
  pullFromSidebar,
  refreshSpreadsheet,
  RefreshSpreadsheet,
  spring,
  toastDay,
} from '../support/refreshFixtures';

const roiColumn = (id: RoiColumnId) => ROI_COLUMNS.findIndex((c) => c.id === id) + 1;
// The pulled block: campaign and 11 figures (A to L), then its Status column M.
const PULLED_STATUS = 13;
const START = Date.parse('2024-07-01T07:00:00Z');

let setup: RefreshSpreadsheet;
let sleepHook: (() => void) | null;

beforeEach(() => {
  jest.useFakeTimers({ now: START });
  setup = refreshSpreadsheet();
  sleepHook = null;
  // BigQuery's waits pass on the same clock the refresh watches.
  const utilities = (globalThis as unknown as { Utilities: { getUuid(): string } }).Utilities;
  (globalThis as unknown as { Utilities: unknown }).Utilities = {
    getUuid: () => utilities.getUuid(),
    sleep: (milliseconds: number) => {
      jest.setSystemTime(Date.now() + milliseconds);
      sleepHook?.();
    },
  };
});

afterEach(() => {
  setup.uninstall();
  jest.useRealTimers();
});

const sheet = (name: string) => {
  const found = setup.double.spreadsheet.getSheetByName(name);
  if (!found) throw new Error(`there is no sheet ${name}`);
  return found;
};
const snapshot = (name: string) => {
  const s = sheet(name);
  const range = s.getRange(1, 1, s.getLastRow(), s.getLastColumn());
  return { values: range.getValues(), formulas: range.getFormulas() };
};
const logRows = () => {
  const log = sheet('Refresh log');
  return log.getRange(1, 1, log.getLastRow(), 8).getValues();
};
const queries = () => setup.double.calls.count('BigQuery.Jobs.query');

describe('the refresh schedule', () => {
  test('choosing a schedule three times leaves exactly one trigger', () => {
    for (let i = 0; i < 3; i++) expect(refreshPanelSetSchedule({ kind: 'hourly' }).ok).toBe(true);
    expect(setup.double.triggers.installed).toHaveLength(1);
    const [trigger] = setup.double.triggers.installed;
    expect(trigger._handler).toBe('runScheduledRefresh');
    expect(trigger._schedule).toEqual({ everyHours: 1, timeZone: 'Europe/Paris' });
  });

  test.each([
    [{ kind: 'hourly', everyHours: 4 }, { everyHours: 4 }],
    [
      { kind: 'daily', hour: 6 },
      { everyDays: 1, atHour: 6 },
    ],
    [
      { kind: 'weekly', weekday: 'monday', hour: 7 },
      { onWeekDay: 'MONDAY', atHour: 7 },
    ],
  ])('installs %j in the spreadsheet time zone, replacing the one before', (request, schedule) => {
    refreshPanelSetSchedule({ kind: 'hourly' });
    const answer = refreshPanelSetSchedule(request);
    expect(answer.ok).toBe(true);
    expect(setup.double.triggers.installed.map((t) => t._schedule)).toEqual([
      { ...schedule, timeZone: 'Europe/Paris' },
    ]);
  });

  test('off deletes the trigger', () => {
    refreshPanelSetSchedule({ kind: 'daily', hour: 6 });
    const answer = refreshPanelSetSchedule({ kind: 'off' });
    expect(answer).toMatchObject({ ok: true, message: messageFor('refresh/schedule-off') });
    expect(setup.double.triggers.installed).toHaveLength(0);
  });

  test('refuses anything faster than hourly, says why, and leaves the trigger alone', () => {
    refreshPanelSetSchedule({ kind: 'hourly' });
    setup.double.calls.reset();
    const answer = refreshPanelSetSchedule({ kind: 'minutes', everyMinutes: 30 });
    expect(answer.ok).toBe(false);
    expect(answer.message).toContain('at most once an hour');
    expect(setup.double.triggers.installed).toHaveLength(1);
    expect(setup.double.calls.count('ScriptApp.*')).toBe(0);
  });

  test('the panel shows the schedule and that no refresh ran yet', () => {
    refreshPanelSetSchedule({ kind: 'weekly', weekday: 'friday', hour: 18 });
    const answer = refreshPanelState();
    expect(answer.ok && answer.value).toMatchObject({
      scheduleText: 'every Friday at about 18:00 (Europe/Paris)',
      lastRefresh: 'last refresh: never',
    });
  });
});

describe('the refresh panel and menu', () => {
  const html = fs.readFileSync(path.join(__dirname, '../../src/client/refresh.html'), 'utf8');

  test('Schedule refresh… opens the panel, styled as an add-on sidebar', () => {
    setup.uninstall();
    setup = refreshSpreadsheet({ htmlFiles: { refresh: html } });
    scheduleRefresh();
    const [panel] = setup.double.ui.sidebars;
    expect(panel.title).toBe('Refresh and ROI sheet');
    expect(panel.content).toContain(ADDON_STYLESHEET_URL);
    expect(panel.content).toContain('.refreshPanelSetSchedule(schedule)');
  });

  test('the panel creates the ROI sheet and refreshes, saying how it went', () => {
    pullFromSidebar(setup, [spring, brunch], allOf('889.3'));
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    const created = refreshPanelCreateRoiSheet();
    expect(created).toMatchObject({
      ok: true,
      message: expect.stringContaining('Created the ROI sheet'),
    });
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    const refreshed = refreshPanelRefreshNow();
    expect(refreshed).toMatchObject({ ok: true, message: 'last refresh: 2024-07-01 09:00 ok' });
    setup.double.locks.document.holdElsewhere();
    expect(refreshPanelRefreshNow()).toMatchObject({
      ok: true,
      message: messageFor('refresh/busy'),
    });
  });

  test('refuses a pull named like the Refresh log, so Refresh now keeps the log on its own sheet', () => {
    pullFromSidebar(setup, [spring, brunch], allOf('889.3'));
    expect(sidebarPull({ ...PULL_SETTINGS, name: 'refresh Log' })).toMatchObject({
      ok: false,
      code: 'pull/addon-sheet-name',
      field: 'name',
    });
    expect(setup.double.spreadsheet.getSheets().map((s) => s.getName())).not.toContain(
      'refresh Log',
    );

    setup.queueFunnel([spring, brunch], allOf('889.3'));
    expect(refreshPanelRefreshNow()).toMatchObject({ ok: true });
    const [header, run, ...rest] = logRows();
    expect(header).toEqual(REFRESH_LOG_HEADER);
    expect(run.slice(3, 5)).toEqual(['ok', 1]);
    expect(rest).toEqual([]);
  });

  test('Refresh now from the menu shows the outcome', () => {
    refreshNow();
    expect(setup.double.ui.alerts[0].prompt).toBe(
      `last refresh: 2024-07-01 09:00 failed: ${messageFor('refresh/run-failed', {
        done: 0,
        failures: [{ pull: '', code: 'refresh/no-saved-pulls', details: {} }],
        notRun: [],
      })}`,
    );
  });
});

describe('the scheduled refresh', () => {
  beforeEach(() => {
    pullFromSidebar(setup, [spring, brunch], allOf('889.3'));
    // What the marketer typed beside the pulled block and below it.
    const pulled = sheet('Campaign funnel');
    pulled.getRange(2, PULLED_STATUS + 1).setValue('spring: ask about flyers');
    pulled.getRange('A6').setValue('My own line under the table');
  });

  test('merges the pull into its sheet row by row, keeping typed cells with their campaign', () => {
    refreshPanelSetSchedule({ kind: 'hourly' });
    setup.queueFunnel([toastDay, spring], allOf('649.5', 130));
    setup.double.calls.reset();
    setup.double.fireTrigger(setup.double.triggers.installed[0], { runScheduledRefresh });

    const pulled = sheet('Campaign funnel');
    expect(pulled.getRange(1, PULLED_STATUS).getValue()).toBe('Status');
    expect(pulled.getRange(2, 1, 1, 3).getValues()[0]).toEqual(['spring sale', 120, 80]);
    expect(pulled.getRange(2, PULLED_STATUS + 1).getValue()).toBe('spring: ask about flyers');
    expect(pulled.getRange(3, 1).getValue()).toBe('brunch club');
    expect(pulled.getRange(3, 2).getValue()).toBe('');
    expect(pulled.getRange(3, PULLED_STATUS).getValue()).toBe(NOT_IN_LATEST_PULL);
    expect(pulled.getRange(4, 1, 1, 2).getValues()[0]).toEqual(['toast day', 70]);
    expect(pulled.getRange('A7').getValue()).toBe('My own line under the table');
    // the handler never makes or removes a trigger
    expect(setup.double.calls.count('ScriptApp.newTrigger')).toBe(0);
    expect(setup.double.calls.count('ScriptApp.deleteTrigger')).toBe(0);
  });

  test('refreshes the ROI sheet from the same query, keeping the typed costs', () => {
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    buildRoiSheet(appsScriptRefreshServices());
    const roi = sheet('Campaign ROI');
    roi.getRange(5, roiColumn('media_spend')).setValue(300);
    setup.double.calls.reset();

    setup.queueFunnel([toastDay, spring], allOf('649.5', 130));
    runScheduledRefresh();
    expect(queries()).toBe(1);
    expect(roi.getRange(5, 1).getValue()).toBe('spring sale');
    expect(roi.getRange(5, roiColumn('media_spend')).getValue()).toBe(300);
    expect(roi.getRange(6, roiColumn('status')).getValue()).toBe(NOT_IN_LATEST_PULL);
    expect(roi.getRange(7, 1).getValue()).toBe('toast day');
    expect(roi.getRange(8, roiColumn('revenue')).getValue()).toBe(649.5);
  });

  test('records the run in the Refresh log and the latest outcome for the panel', () => {
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    runScheduledRefresh();
    const [header, run] = logRows();
    expect(header[3]).toBe('Outcome');
    expect(run.slice(2, 6)).toEqual(['schedule', 'ok', 1, 2]);
    expect(run[6]).toBe(1289748480);
    expect(run[7]).toBe('Refreshed 1 pull (2 rows); every typed cell was kept.');
    expect(
      JSON.parse(setup.double.properties.document.getProperty(LAST_REFRESH_PROPERTY) ?? ''),
    ).toMatchObject({
      outcome: 'ok',
    });
    // 07:00 UTC is 09:00 in Paris in July
    const answer = refreshPanelState();
    expect(answer.ok && answer.value.lastRefresh).toBe('last refresh: 2024-07-01 09:00 ok');
  });

  test('keeps the last 200 runs in the log, newest first', () => {
    const log = setup.double.spreadsheet.insertSheet('Refresh log');
    log
      .getRange(1, 1, 201, 8)
      .setValues([
        [
          'Started',
          'Ended',
          'Run by',
          'Outcome',
          'Pulls refreshed',
          'Rows',
          'Bytes billed',
          'Message',
        ],
        ...Array.from({ length: 200 }, (_, i) => ['', '', 'schedule', 'ok', 1, 1, 0, `run ${i}`]),
      ]);
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    runScheduledRefresh();
    const rows = logRows();
    expect(rows).toHaveLength(201);
    expect(rows[1][3]).toBe('ok');
    expect(rows[2][7]).toBe('run 0');
    expect(rows[200][7]).toBe('run 198');
  });

  test('a failing BigQuery answer leaves every sheet as it was and says why', () => {
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    buildRoiSheet(appsScriptRefreshServices());
    const before = { pulled: snapshot('Campaign funnel'), roi: snapshot('Campaign ROI') };
    setup.double.bigQuery.queueError({
      code: 403,
      reason: 'accessDenied',
      message: 'Access Denied: Table my-project:segment.pages: User does not have permission',
    });
    runScheduledRefresh();
    expect(snapshot('Campaign funnel')).toEqual(before.pulled);
    expect(snapshot('Campaign ROI')).toEqual(before.roi);
    const [, run] = logRows();
    expect(run[3]).toBe('failed');
    expect(run[7]).toMatch(
      /^Refreshed 0 pulls; Campaign funnel: .+ Sheets of a pull that failed were left as they were\.$/,
    );
    const answer = refreshPanelState();
    expect(answer.ok && answer.value.lastRefresh).toMatch(
      /^last refresh: 2024-07-01 09:00 failed: Refreshed 0 pulls; Campaign funnel: /,
    );
  });

  test('an ROI sheet that cannot be merged leaves the pulled sheet as it was too', () => {
    setup.queueFunnel([spring, brunch], allOf('889.3'));
    buildRoiSheet(appsScriptRefreshServices());
    sheet('Campaign ROI').getRange(4, roiColumn('margin')).setValue('Notes');
    const before = snapshot('Campaign funnel');
    setup.queueFunnel([toastDay, spring], allOf('649.5', 130));
    runScheduledRefresh();
    expect(snapshot('Campaign funnel')).toEqual(before);
    expect(logRows()[1][7]).toContain(
      'Column L of the ROI sheet "Campaign ROI" should be "Margin"',
    );
  });

  test('a slow query uses up the time: the next pull is not started, and the log says so', () => {
    sidebarSavePull({ ...PULL_SETTINGS, name: 'Weekly funnel' });
    // 36 answers of "not done yet" from BigQuery before the job completes
    setup.queueFunnel([spring, brunch], allOf('889.3'), { pendingAnswers: 36 });
    runScheduledRefresh();
    const [, run] = logRows();
    expect(run[3]).toBe('stopped');
    expect(run[4]).toBe(1);
    expect(run[7]).toContain('Not refreshed this time: Weekly funnel');
    // the waits came to 263.5 s (0.5 + 1 + 2 + 4 s, then 8 s each): 66.5 s were left before
    // the closing reserve, under the 75 s a pull needs
    expect(Date.now() - START).toBe(263_500);
    // one query from the sidebar pull before, one now: the second pull never queried
    expect(queries()).toBe(2);
  });

  test('a query that never finishes fails inside the time limit, leaving the sheet alone', () => {
    const before = snapshot('Campaign funnel');
    setup.queueFunnel([spring, brunch], allOf('889.3'), { pendingAnswers: 10_000 });
    runScheduledRefresh();
    expect(Date.now() - START).toBeLessThan(360_000);
    expect(logRows()[1][3]).toBe('failed');
    expect(snapshot('Campaign funnel')).toEqual(before);
  });

  test('a second run while the first holds the lock skips and records that it skipped', () => {
    setup.queueFunnel([toastDay, spring], allOf('649.5', 130), { pendingAnswers: 2 });
    let second = false;
    sleepHook = () => {
      if (second) return;
      second = true;
      setup.double.locks.executions.run(() => runScheduledRefresh());
    };
    const queriesBefore = queries();
    runScheduledRefresh();
    const [, first, skipped] = logRows();
    expect(first[3]).toBe('ok');
    expect(skipped[3]).toBe('skipped');
    expect(skipped[7]).toBe(messageFor('refresh/run-skipped'));
    expect(queries() - queriesBefore).toBe(1);
    expect(sheet('Campaign funnel').getRange(4, 1).getValue()).toBe('toast day');
  });

  test('a run that finds the lock held elsewhere skips without querying', () => {
    setup.double.locks.document.holdElsewhere();
    const before = snapshot('Campaign funnel');
    const queriesBefore = queries();
    runScheduledRefresh();
    expect(queries()).toBe(queriesBefore);
    expect(logRows()[1][3]).toBe('skipped');
    expect(snapshot('Campaign funnel')).toEqual(before);
  });
});
