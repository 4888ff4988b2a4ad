// A small, faithful stand-in for the Apps Script services the add-on uses, for tests that run
// server code or the built bundle in Node. It follows Google's documented behaviour and error
// messages, counts every service call by `Class.method`, and refuses what the current
// authorisation mode (or the manifest's scopes) would refuse.
//
// Extending it: add a method to a class under appsScriptDouble/ and it is counted with no
// further work (methods starting with `_` are the double's own and are not). A new object a
// method returns goes through `tracker.track(object, 'ClassName')`. A new service is a class
// built in createAppsScriptDouble and added to `globals`; calls that need authorisation or a
// scope get a line in ACCESS_RULES (appsScriptDouble/tracking.ts).
import {
  FakeBigQuery,
  FakeBigQueryJobs,
  FakeBigQueryTables,
  RestField,
  ScriptedError,
  ScriptedJob,
} from './appsScriptDouble/bigQuery';
import { FakeHtmlService } from './appsScriptDouble/html';
import { FakeCharts } from './appsScriptDouble/sheetFeatures';
import { FakeLockService } from './appsScriptDouble/locks';
import { FakePropertiesService } from './appsScriptDouble/properties';
import { FakeSpreadsheet, FakeSpreadsheetApp } from './appsScriptDouble/spreadsheet';
import { AuthModeName, CallLog, Tracker, namedError } from './appsScriptDouble/tracking';
import { FakeScriptApp, FakeTrigger } from './appsScriptDouble/triggers';
import { FakeUi } from './appsScriptDouble/ui';

export { restRow } from './appsScriptDouble/bigQuery';
export type { RestField, RestRow, ScriptedError, ScriptedJob } from './appsScriptDouble/bigQuery';
export { DEFAULT_NUMBER_FORMAT } from './appsScriptDouble/spreadsheet';
export type { AuthModeName, ServiceCall } from './appsScriptDouble/tracking';
export type { BuiltMenu, MenuEntry } from './appsScriptDouble/ui';

export interface AppsScriptDoubleOptions {
  /** The mode scripts run in; FULL unless set (onOpen tests use NONE). */
  readonly authMode?: AuthModeName;
  /** The manifest's oauthScopes; calls needing another scope are refused. None checked if absent. */
  readonly grantedScopes?: readonly string[];
  readonly spreadsheetName?: string;
  readonly spreadsheetId?: string;
  readonly timeZone?: string;
  /** The spreadsheet's locale, e.g. `fr_FR`; `en_US` unless set. */
  readonly locale?: string;
  /** The project's HTML files by name without `.html`, as HtmlService finds them. */
  readonly htmlFiles?: Record<string, string>;
  /** The add-on's name, which titles its menu. */
  readonly addOnName?: string;
  /** Apply the editor add-on trigger rules (hourly at most, one of a kind); true unless set. */
  readonly addOn?: boolean;
}

/** The Apps Script globals a script sees. */
export interface AppsScriptGlobals {
  readonly SpreadsheetApp: FakeSpreadsheetApp;
  readonly PropertiesService: FakePropertiesService;
  readonly LockService: FakeLockService;
  readonly ScriptApp: FakeScriptApp;
  readonly HtmlService: FakeHtmlService;
  readonly BigQuery: FakeBigQuery;
  readonly Charts: typeof FakeCharts;
  readonly Logger: { log(...values: unknown[]): unknown };
  readonly Utilities: { sleep(milliseconds: number): void; getUuid(): string };
  readonly Session: { getScriptTimeZone(): string; getActiveUserLocale(): string };
}

/** The double: the globals to hand a script, and the state behind them for tests to read. */
export interface AppsScriptDouble {
  readonly globals: AppsScriptGlobals;
  readonly calls: CallLog;
  /** The state behind the services. Reading it is not counted; set up, then `calls.reset()`. */
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui: FakeUi;
  readonly properties: FakePropertiesService;
  readonly locks: FakeLockService;
  readonly triggers: FakeScriptApp;
  readonly bigQuery: {
    readonly jobs: FakeBigQueryJobs;
    /** The next Jobs.query runs this job. */
    queueJob(job: ScriptedJob): void;
    /** The next Jobs.query fails, or with `onResults` the next getQueryResults does. */
    queueError(error: ScriptedError, options?: { onResults?: boolean }): void;
    /** Tables.get answers with this schema for the table. */
    addTable(projectId: string, datasetId: string, tableId: string, fields: RestField[]): void;
  };
  /** Lines written with Logger.log; `Utilities.sleep` calls, in milliseconds. */
  readonly logs: string[];
  readonly sleeps: number[];
  setAuthMode(mode: AuthModeName): void;
  /** Puts the globals on `target` (globalThis by default); returns a function that undoes it. */
  install(target?: object): () => void;
  /** Runs an installed trigger's handler from `scope` (the bundle's globals) in FULL mode. */
  fireTrigger(trigger: FakeTrigger | string, scope: object): unknown;
}

export function createAppsScriptDouble(options: AppsScriptDoubleOptions = {}): AppsScriptDouble {
  const calls = new CallLog();
  const tracker = new Tracker(calls);
  tracker.authMode = options.authMode ?? 'FULL';
  tracker.grantedScopes = options.grantedScopes ?? null;
  const timeZone = options.timeZone ?? 'Etc/UTC';

  const spreadsheet = new FakeSpreadsheet(
    tracker,
    options.spreadsheetName ?? 'Campaign results',
    options.spreadsheetId ?? 'spreadsheet-under-test',
    timeZone,
  );
  if (options.locale) spreadsheet._locale = options.locale;
  const ui = new FakeUi(tracker, options.addOnName ?? 'Campaign ROI for Sheets');
  const properties = new FakePropertiesService(tracker);
  const locks = new FakeLockService(tracker);
  const triggers = new FakeScriptApp(tracker, {
    addOn: options.addOn ?? true,
    documentId: spreadsheet.getId(),
  });
  const htmlFiles = new Map(Object.entries(options.htmlFiles ?? {}));
  const jobs = new FakeBigQueryJobs();
  const tables = new FakeBigQueryTables();
  const logs: string[] = [];
  const sleeps: number[] = [];
  let uuids = 0;

  const logger = {
    log(...values: unknown[]) {
      logs.push(values.map(String).join(' '));
      return this;
    },
  };
  const utilities = {
    sleep(milliseconds: number) {
      sleeps.push(milliseconds);
    },
    getUuid() {
      uuids += 1;
      return `00000000-0000-4000-8000-${String(uuids).padStart(12, '0')}`;
    },
  };
  const session = {
    getScriptTimeZone: () => timeZone,
    getActiveUserLocale: () => 'en',
  };

  const globals: AppsScriptGlobals = {
    SpreadsheetApp: tracker.track(
      new FakeSpreadsheetApp(tracker, spreadsheet, tracker.track(ui, 'Ui')),
      'SpreadsheetApp',
    ),
    PropertiesService: tracker.track(properties, 'PropertiesService'),
    LockService: tracker.track(locks, 'LockService'),
    ScriptApp: tracker.track(triggers, 'ScriptApp'),
    HtmlService: tracker.track(new FakeHtmlService(tracker, htmlFiles), 'HtmlService'),
    BigQuery: new FakeBigQuery(tracker, jobs, tables),
    Charts: FakeCharts,
    Logger: tracker.track(logger, 'Logger'),
    Utilities: tracker.track(utilities, 'Utilities'),
    Session: tracker.track(session, 'Session'),
  };

  return {
    globals,
    calls,
    spreadsheet,
    ui,
    properties,
    locks,
    triggers,
    bigQuery: {
      jobs,
      queueJob: (job) => jobs._queueJob(job),
      queueError: (error, queueOptions) =>
        jobs._queueError(error, queueOptions?.onResults ?? false),
      addTable: (projectId, datasetId, tableId, fields) =>
        tables._addTable(projectId, datasetId, tableId, fields),
    },
    logs,
    sleeps,
    setAuthMode(mode) {
      tracker.authMode = mode;
    },
    install(target: object = globalThis) {
      const previous = new Map<string, PropertyDescriptor | undefined>();
      Object.entries(globals).forEach(([name, service]) => {
        previous.set(name, Object.getOwnPropertyDescriptor(target, name));
        Object.defineProperty(target, name, { value: service, configurable: true, writable: true });
      });
      return () => {
        previous.forEach((descriptor, name) => {
          if (descriptor) Object.defineProperty(target, name, descriptor);
          else delete (target as Record<string, unknown>)[name];
        });
      };
    },
    fireTrigger(trigger, scope) {
      const id = typeof trigger === 'string' ? trigger : tracker.untrack(trigger)._uniqueId;
      const installed = triggers.installed.find((candidate) => candidate._uniqueId === id);
      if (!installed) throw new Error(`No installed trigger has the id ${id}.`);
      const handler = (scope as Record<string, unknown>)[installed._handler];
      if (typeof handler !== 'function') {
        throw namedError('Exception', `Script function not found: ${installed._handler}`);
      }
      const previousMode = tracker.authMode;
      tracker.authMode = 'FULL';
      try {
        return handler({ authMode: 'FULL', triggerUid: id });
      } finally {
        tracker.authMode = previousMode;
      }
    },
  };
}
