// One refresh run: every saved pull in turn inside Apps Script's time limit, what became of
// each, and how the run is kept in the Refresh log sheet and in document properties.
import { ProductError } from '../productError';
import { SheetCell } from './sheetGrid';

/** Apps Script ends an execution at 6 minutes. */
export const EXECUTION_LIMIT_MS = 360_000;
/** Time kept back at the end for the log, the properties and the lock. */
export const CLOSING_RESERVE_MS = 30_000;
/** Time a pull keeps back from its query for merging and writing its sheets. */
export const WRITE_RESERVE_MS = 45_000;
/** A pull is not started with less time left than this: its query would get under 30 s. */
export const SMALLEST_PULL_WINDOW_MS = 75_000;
/** The Refresh log sheet keeps this many runs. */
export const REFRESH_LOG_RUNS = 200;
export const REFRESH_LOG_SHEET = 'Refresh log';

export type RefreshOutcome = 'ok' | 'failed' | 'stopped' | 'skipped';
export type RefreshCause = 'schedule' | 'by hand';

/** A pull that failed, with the code and details of its message. */
export interface PullFailure {
  pull: string;
  code: string;
  details: Record<string, unknown>;
}

/** What one run did; kept as JSON in document properties, so plain values only. */
export interface RefreshRecord {
  startedAt: number;
  endedAt: number;
  cause: RefreshCause;
  outcome: RefreshOutcome;
  pullsDone: string[];
  failures: PullFailure[];
  /** Pulls not started because the time limit was near. */
  notRun: string[];
  rows: number;
  bytesBilled: number | null;
}

/** What refreshing one pull gave: rows written and bytes BigQuery billed (null off BigQuery). */
export interface PullRefreshResult {
  rows: number;
  bytesBilled: number | null;
}

export interface RefreshClock {
  now(): number;
}

function failureOf(pull: string, error: unknown): PullFailure {
  if (error instanceof ProductError) return { pull, code: error.code, details: error.details };
  const reason = error instanceof Error ? error.message : String(error);
  return { pull, code: 'refresh/unexpected-error', details: { reason } };
}

/**
 * Refreshes pulls one after the other until done or until the next could not finish before
 * `startedAt + EXECUTION_LIMIT_MS - CLOSING_RESERVE_MS`. Each pull's query gets the time left,
 * less `WRITE_RESERVE_MS` for writing, as its budget; one that throws is recorded and the others still run (its sheets stay as they were,
 * which `refreshPull` must ensure by writing only after its merge is worked out).
 *
 * @example
 * runRefresh(['Weekly', 'Daily'], (name) => name, (pull, budgetMs) => refresh(pull, budgetMs),
 *   { now: Date.now }, 'schedule');
 * // { outcome: 'ok', pullsDone: ['Weekly', 'Daily'], rows: 42, ... }
 */
export function runRefresh<Pull>(
  pulls: Pull[],
  nameOf: (pull: Pull) => string,
  refreshPull: (pull: Pull, budgetMs: number) => PullRefreshResult,
  clock: RefreshClock,
  cause: RefreshCause,
): RefreshRecord {
  const startedAt = clock.now();
  const deadline = startedAt + EXECUTION_LIMIT_MS - CLOSING_RESERVE_MS;
  const record: RefreshRecord = {
    startedAt,
    endedAt: startedAt,
    cause,
    outcome: 'ok',
    pullsDone: [],
    failures: [],
    notRun: [],
    rows: 0,
    bytesBilled: null,
  };
  if (pulls.length === 0) {
    record.failures.push({ pull: '', code: 'refresh/no-saved-pulls', details: {} });
  }

  for (const [index, pull] of pulls.entries()) {
    const left = deadline - clock.now();
    if (left < SMALLEST_PULL_WINDOW_MS) {
      record.notRun = pulls.slice(index).map(nameOf);
      break;
    }
    try {
      const result = refreshPull(pull, left - WRITE_RESERVE_MS);
      record.pullsDone.push(nameOf(pull));
      record.rows += result.rows;
      if (result.bytesBilled !== null) {
        record.bytesBilled = (record.bytesBilled ?? 0) + result.bytesBilled;
      }
    } catch (error) {
      record.failures.push(failureOf(nameOf(pull), error));
    }
  }

  record.endedAt = clock.now();
  record.outcome = record.failures.length ? 'failed' : record.notRun.length ? 'stopped' : 'ok';
  return record;
}

/** The record of a run that did not start because another held the document's lock. */
export function skippedRun(at: number, cause: RefreshCause): RefreshRecord {
  return {
    startedAt: at,
    endedAt: at,
    cause,
    outcome: 'skipped',
    pullsDone: [],
    failures: [],
    notRun: [],
    rows: 0,
    bytesBilled: null,
  };
}

/**
 * The message of a run: a code and details for the message table.
 *
 * @example
 * const { code, details } = refreshRunMessage(record);
 * messageFor(code, details); // 'Refreshed 2 pulls (14 rows); every typed cell was kept.'
 */
export function refreshRunMessage(record: RefreshRecord): {
  code: string;
  details: Record<string, unknown>;
} {
  const done = record.pullsDone.length;
  switch (record.outcome) {
    case 'skipped':
      return { code: 'refresh/run-skipped', details: {} };
    case 'stopped':
      return { code: 'refresh/run-stopped', details: { done, notRun: record.notRun } };
    case 'failed':
      return {
        code: 'refresh/run-failed',
        details: { done, failures: record.failures, notRun: record.notRun },
      };
    case 'ok':
      return { code: 'refresh/run-ok', details: { done, rows: record.rows } };
  }
}

export const REFRESH_LOG_HEADER = [
  'Started',
  'Ended',
  'Run by',
  'Outcome',
  'Pulls refreshed',
  'Rows',
  'Bytes billed',
  'Message',
];

/** A run as one row of the Refresh log sheet. */
export function refreshLogRow(record: RefreshRecord, message: string): SheetCell[] {
  return [
    new Date(record.startedAt),
    new Date(record.endedAt),
    record.cause,
    record.outcome,
    record.pullsDone.length,
    record.rows,
    record.bytesBilled,
    message,
  ];
}

/**
 * The Refresh log sheet's rows after a run: the header, then the newest run first, keeping
 * at most `REFRESH_LOG_RUNS` runs. `earlier` are the log's rows below its header as read.
 *
 * @example
 * refreshLogRows(earlierRows, refreshLogRow(record, 'Refreshed 2 pulls.')).length; // at most 201
 */
export function refreshLogRows(earlier: SheetCell[][], newest: SheetCell[]): SheetCell[][] {
  const runs = earlier.filter((row) => row.some((cell) => cell !== null && cell !== ''));
  return [REFRESH_LOG_HEADER, newest, ...runs].slice(0, REFRESH_LOG_RUNS + 1);
}

/** The document property holding the latest run's outcome, for the sidebar. */
export const LAST_REFRESH_PROPERTY = 'campaignRoi.lastRefresh';

/** The latest run as the sidebar shows it. */
export interface LastRefresh {
  endedAt: number;
  outcome: RefreshOutcome;
  message: string;
}
