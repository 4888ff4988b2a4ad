// The menu actions, panel functions and trigger handler for the ROI sheet and refreshing: each
// a few lines over roiSheet.ts, refresh.ts and the core.
import { describeError, messageFor } from '../core/messages';
import { ProductError } from '../core/productError';
import { renderSidebarPage } from '../core/pull/sidebarPage';
import { lastUsedPull, listSavedPulls } from '../core/pull/savedPulls';
import { runCampaignFunnel } from '../core/refresh/campaignFunnel';
import { DEFAULT_BUDGET_MS } from '../core/bigquery/queryJob';
import {
  describeRefreshSchedule,
  parseRefreshSchedule,
  RefreshSchedule,
} from '../core/refresh/refreshSchedule';
import {
  appsScriptRefreshServices,
  lastRefreshLine,
  refreshUnderLock,
  RefreshServices,
  ROI_SOURCE_PROPERTY,
} from './refresh';
import { applyRoiSheetPlan, planRoiSheet } from './roiSheet';

/** The trigger handler's name, as ScriptApp.newTrigger and entryPoints.ts give it. */
export const REFRESH_HANDLER = 'runScheduledRefresh';
export const SCHEDULE_PROPERTY = 'campaignRoi.refreshSchedule';
/** The HTML file of the refresh panel (src/client/refresh.html). */
export const REFRESH_PANEL_FILE = 'refresh';
const LOCK_WAIT_MS = 30_000;

/** A panel call's answer: a value and a sentence, or the sentence saying what went wrong. */
export type PanelAnswer<T> =
  { ok: true; value: T; message: string } | { ok: false; message: string };

function panelAnswer<T>(work: () => { value: T; message: string }): PanelAnswer<T> {
  try {
    return { ok: true, ...work() };
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
}

function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new ProductError('refresh/busy');
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/**
 * Creates the ROI sheet from the latest pull, or updates the one already there in place (no
 * second copy; typed inputs kept). Returns the sentence to show.
 */
export function buildRoiSheet(services: RefreshServices): string {
  const { spreadsheet, host } = services;
  const source = lastUsedPull(host.store) ?? listSavedPulls(host.store)[0];
  if (!source) throw new ProductError('roi/no-pull');
  return withDocumentLock(() => {
    const campaign = runCampaignFunnel(host, source.settings, DEFAULT_BUDGET_MS);
    const plan = planRoiSheet(spreadsheet, host.store, campaign);
    const sheet = applyRoiSheetPlan(spreadsheet, host.store, plan);
    host.store.set(ROI_SOURCE_PROPERTY, source.settings.name);
    const { merge } = plan;
    return messageFor(merge.created ? 'roi/created' : 'roi/updated', {
      sheet: sheet.getName(),
      period: campaign.periodText,
      campaigns: merge.added.length,
      updated: merge.updated,
      added: merge.added.length,
      missing: merge.missing.length,
    });
  });
}

/**
 * Installs the schedule: every refresh trigger of this spreadsheet is deleted first, so choosing
 * a schedule any number of times leaves exactly one; `off` leaves none. Only the panel calls it.
 */
export function installRefreshSchedule(services: RefreshServices, request: unknown): string {
  const schedule = parseRefreshSchedule((request ?? {}) as Record<string, unknown>);
  const { spreadsheet, host } = services;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  return withDocumentLock(() => {
    for (const trigger of ScriptApp.getUserTriggers(spreadsheet)) {
      if (trigger.getHandlerFunction() === REFRESH_HANDLER) ScriptApp.deleteTrigger(trigger);
    }
    if (schedule.kind !== 'off') createRefreshTrigger(schedule, timeZone);
    host.store.set(SCHEDULE_PROPERTY, JSON.stringify(schedule));
    return schedule.kind === 'off'
      ? messageFor('refresh/schedule-off')
      : messageFor('refresh/schedule-set', {
          description: describeRefreshSchedule(schedule, timeZone),
        });
  });
}

function createRefreshTrigger(schedule: RefreshSchedule, timeZone: string): void {
  const clock = ScriptApp.newTrigger(REFRESH_HANDLER).timeBased();
  switch (schedule.kind) {
    case 'hourly':
      clock.everyHours(schedule.everyHours);
      break;
    case 'daily':
      clock.everyDays(1).atHour(schedule.hour);
      break;
    case 'weekly':
      clock
        .onWeekDay(ScriptApp.WeekDay[schedule.weekday.toUpperCase() as 'MONDAY'])
        .atHour(schedule.hour);
      break;
    default:
      return;
  }
  clock.inTimezone(timeZone).create();
}

function savedSchedule(services: RefreshServices): RefreshSchedule {
  const json = services.host.store.get(SCHEDULE_PROPERTY);
  return json ? (JSON.parse(json) as RefreshSchedule) : { kind: 'off' };
}

/** What the panel shows: the schedule, the latest run, and whether there is a pull to refresh. */
export interface RefreshPanelState {
  schedule: RefreshSchedule;
  scheduleText: string;
  lastRefresh: string;
  timeZone: string;
  savedPulls: number;
}

export function refreshPanelStateOf(services: RefreshServices): RefreshPanelState {
  const timeZone = services.spreadsheet.getSpreadsheetTimeZone();
  const schedule = savedSchedule(services);
  return {
    schedule,
    scheduleText: describeRefreshSchedule(schedule, timeZone),
    lastRefresh: lastRefreshLine(services.host.store, timeZone),
    timeZone,
    savedPulls: listSavedPulls(services.host.store).length,
  };
}

// ---- Entry points (listed in entryPoints.ts) ----

/** Menu: Create ROI sheet. */
export function createRoiSheet(): void {
  const services = appsScriptRefreshServices();
  try {
    services.spreadsheet.toast(buildRoiSheet(services), messageFor('addon/menu/create-roi-sheet'));
  } catch (error) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(messageFor('addon/menu/create-roi-sheet'), describeError(error), ui.ButtonSet.OK);
  }
}

/** Menu: Refresh now. Says how the run went. */
export function refreshNow(): void {
  const services = appsScriptRefreshServices();
  const record = refreshUnderLock(services, 'by hand');
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    messageFor('addon/menu/refresh-now'),
    lastRefreshLine(services.host.store, services.spreadsheet.getSpreadsheetTimeZone()) +
      (record.outcome === 'skipped' ? `\n${messageFor('refresh/busy')}` : ''),
    ui.ButtonSet.OK,
  );
}

/** Menu: Schedule refresh… opens the refresh panel, the one place a schedule is set. */
export function scheduleRefresh(): void {
  const html = HtmlService.createHtmlOutputFromFile(REFRESH_PANEL_FILE).getContent();
  const page = HtmlService.createHtmlOutput(renderSidebarPage(html, { kind: 'apps-script' }));
  SpreadsheetApp.getUi().showSidebar(page.setTitle(messageFor('refresh/panel-title')));
}

/** Trigger handler: the scheduled refresh. It never creates or deletes a trigger. */
export function runScheduledRefresh(_event?: unknown): void {
  refreshUnderLock(appsScriptRefreshServices(), 'schedule');
}

/** Panel: the schedule and the latest run. */
export const refreshPanelState = () =>
  panelAnswer(() => {
    const value = refreshPanelStateOf(appsScriptRefreshServices());
    return { value, message: value.lastRefresh };
  });

/** Panel: create or update the ROI sheet. */
export const refreshPanelCreateRoiSheet = () =>
  panelAnswer(() => {
    const services = appsScriptRefreshServices();
    const message = buildRoiSheet(services);
    return { value: refreshPanelStateOf(services), message };
  });

/** Panel: refresh every saved pull now. */
export const refreshPanelRefreshNow = () =>
  panelAnswer(() => {
    const services = appsScriptRefreshServices();
    const record = refreshUnderLock(services, 'by hand');
    const value = refreshPanelStateOf(services);
    return {
      value,
      message: record.outcome === 'skipped' ? messageFor('refresh/busy') : value.lastRefresh,
    };
  });

/** Panel: set the schedule (refused, with the reason, when more often than hourly). */
export const refreshPanelSetSchedule = (request: unknown) =>
  panelAnswer(() => {
    const services = appsScriptRefreshServices();
    const message = installRefreshSchedule(services, request);
    return { value: refreshPanelStateOf(services), message };
  });
