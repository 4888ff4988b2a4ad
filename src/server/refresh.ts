// Refreshing the spreadsheet in Apps Script: every saved pull run again and merged into its
// sheet and the ROI sheet under the document lock, each run recorded in the Refresh log sheet
// and the latest outcome in document properties.
import { messageFor } from '../core/messages';
import { PullHost, pullNow } from '../core/pull/pullService';
import { DocumentStore, listSavedPulls, SavedPull } from '../core/pull/savedPulls';
import {
  CampaignFunnel,
  pullPeriodText,
  runCampaignFunnel,
  watchedWarehouse,
} from '../core/refresh/campaignFunnel';
import {
  LAST_REFRESH_PROPERTY,
  LastRefresh,
  PullRefreshResult,
  REFRESH_LOG_HEADER,
  REFRESH_LOG_SHEET,
  RefreshCause,
  RefreshClock,
  RefreshRecord,
  refreshLogRow,
  refreshLogRows,
  refreshRunMessage,
  runRefresh,
  skippedRun,
} from '../core/refresh/refreshRun';
import { wallClockText } from '../core/sheet/pulledBlock';
import { appsScriptPullHost } from './appsScriptPullHost';
import { appsScriptBlockWriter } from './pulledBlockWriter';
import { applyRoiSheetPlan, findRoiSheet, planRoiSheet } from './roiSheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The document property naming the saved pull the ROI sheet is built from. */
export const ROI_SOURCE_PROPERTY = 'campaignRoi.roiSource';
/** How long a refresh waits for a run already holding the document's lock: not at all, nearly. */
const LOCK_WAIT_MS = 1_000;

/** What a refresh needs from Apps Script, so tests can hand in a clock that runs faster. */
export interface RefreshServices {
  spreadsheet: Spreadsheet;
  host: PullHost;
  clock: RefreshClock;
}

export function appsScriptRefreshServices(): RefreshServices {
  return {
    spreadsheet: SpreadsheetApp.getActive(),
    host: appsScriptPullHost(),
    clock: { now: () => Date.now() },
  };
}

/**
 * Refreshes one saved pull: its query again, its sheet merged, and the ROI sheet when the pull
 * feeds it. The ROI sheet reuses the pull's own rows when the pull is by campaign; otherwise a
 * second query by campaign runs first.
 */
export function refreshSavedPull(
  services: RefreshServices,
  pull: SavedPull,
  budgetMs: number,
): PullRefreshResult {
  const { spreadsheet, host } = services;
  const feedsRoi =
    host.store.get(ROI_SOURCE_PROPERTY) === pull.settings.name &&
    findRoiSheet(spreadsheet, host.store) !== null;
  const byCampaign = pull.settings.groupBy.length === 1 && pull.settings.groupBy[0] === 'campaign';

  let roiFunnel: CampaignFunnel | null = null;
  let extraBytes: number | null = null;
  if (feedsRoi && !byCampaign) {
    roiFunnel = runCampaignFunnel(host, pull.settings, budgetMs);
    extraBytes = roiFunnel.bytesBilled;
  }
  const refreshHost: PullHost = {
    ...host,
    warehouse: (settings, budget) =>
      watchedWarehouse(host.warehouse(settings, budget), (funnel, bytesBilled) => {
        if (feedsRoi && byCampaign) {
          roiFunnel = {
            funnel,
            periodText: pullPeriodText(pull.settings, host.timeZone(), host.now()),
            bytesBilled,
          };
        }
      }),
    // The ROI sheet is planned before either sheet is written, and written with the pulled one.
    writer: appsScriptBlockWriter(spreadsheet, () => {
      const campaign: CampaignFunnel | null = roiFunnel;
      if (!campaign) return null;
      const plan = planRoiSheet(spreadsheet, host.store, campaign);
      return () => applyRoiSheetPlan(spreadsheet, host.store, plan);
    }),
    // The refresh holds the document lock for its whole run already.
    withDocumentLock: (work) => work(),
  };
  const summary = pullNow(refreshHost, pull.settings, { budgetMs });
  const billed = summary.bytesBilled ?? summary.bytesProcessed;
  const bytes = billed === null && extraBytes === null ? null : (billed ?? 0) + (extraBytes ?? 0);
  return { rows: summary.groupRows, bytesBilled: bytes };
}

/** Writes a run to the Refresh log sheet (newest first, the last 200 kept) and properties. */
export function recordRefreshRun(
  spreadsheet: Spreadsheet,
  store: DocumentStore,
  record: RefreshRecord,
): string {
  const { code, details } = refreshRunMessage(record);
  const message = messageFor(code, details);
  const sheet =
    spreadsheet.getSheetByName(REFRESH_LOG_SHEET) ?? spreadsheet.insertSheet(REFRESH_LOG_SHEET);
  const width = REFRESH_LOG_HEADER.length;
  const lastRow = sheet.getLastRow();
  const earlier = lastRow > 1 ? sheet.getRange(2, 1, lastRow - 1, width).getValues() : [];
  const rows = refreshLogRows(earlier as never, refreshLogRow(record, message));
  if (rows.length > sheet.getMaxRows()) {
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  }
  sheet
    .getRange(1, 1, rows.length, width)
    .setValues(rows.map((row) => row.map((cell) => (cell === null ? '' : cell))));
  if (lastRow > rows.length) {
    sheet.getRange(rows.length + 1, 1, lastRow - rows.length, width).clearContent();
  }
  sheet.getRange(2, 1, rows.length - 1, 2).setNumberFormat('yyyy-mm-dd hh:mm:ss');
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const last: LastRefresh = { endedAt: record.endedAt, outcome: record.outcome, message };
  store.set(LAST_REFRESH_PROPERTY, JSON.stringify(last));
  return message;
}

/**
 * One refresh run: takes the document lock (a run already holding it means this one skips and
 * records that), refreshes every saved pull inside the time limit, records the run.
 */
export function refreshUnderLock(services: RefreshServices, cause: RefreshCause): RefreshRecord {
  const { spreadsheet, host, clock } = services;
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const record = skippedRun(clock.now(), cause);
    recordRefreshRun(spreadsheet, host.store, record);
    return record;
  }
  try {
    const record = runRefresh(
      listSavedPulls(host.store),
      (pull) => pull.settings.name,
      (pull, budgetMs) => refreshSavedPull(services, pull, budgetMs),
      clock,
      cause,
    );
    recordRefreshRun(spreadsheet, host.store, record);
    return record;
  } finally {
    lock.releaseLock();
  }
}

/** The latest run as the sidebar shows it: "last refresh: 2024-07-01 09:15 ok". */
export function lastRefreshLine(store: DocumentStore, timeZone: string): string {
  const json = store.get(LAST_REFRESH_PROPERTY);
  if (!json) return messageFor('refresh/last-never');
  const last = JSON.parse(json) as LastRefresh;
  return messageFor('refresh/last', {
    when: wallClockText(new Date(last.endedAt), timeZone),
    outcome: last.outcome,
    message: last.message,
  });
}
