// Counts every service call of the double by `Class.method` and refuses the calls the current
// authorisation mode or the granted scopes do not allow, worded as Apps Script words them.

/** Apps Script's authorisation modes (ScriptApp.AuthMode). */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** One call a script made, in order. */
export interface ServiceCall {
  readonly name: string;
  readonly args: readonly unknown[];
}

/** Every service call made through the double, for tests and benchmarks to count. */
export class CallLog {
  readonly calls: ServiceCall[] = [];

  record(name: string, args: readonly unknown[]): void {
    this.calls.push({ name, args });
  }

  /** Calls of one method (`'Range.setValues'`), of a class (`'Range.*'`), or all of them. */
  count(name?: string): number {
    if (name === undefined) return this.calls.length;
    return this.calls.filter((call) => matches(call.name, name)).length;
  }

  /** How many calls each method got, in the order methods were first called. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.calls.forEach((call) => {
      counts[call.name] = (counts[call.name] ?? 0) + 1;
    });
    return counts;
  }

  /** The distinct methods called, in order of first call. */
  names(): string[] {
    return Object.keys(this.counts());
  }

  reset(): void {
    this.calls.length = 0;
  }
}

/**
 * What a call needs: the least authorisation mode it runs in, and the OAuth scopes any one of
 * which allows it. Calls not listed need nothing (menus, enums, HTML building, Logger).
 */
export interface AccessRule {
  readonly mode: 'LIMITED' | 'FULL';
  readonly scopes?: readonly string[];
  /** Allowed in a custom function (read-only spreadsheet access is). */
  readonly inCustomFunction?: boolean;
}

const SPREADSHEETS_CURRENT = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/spreadsheets',
];
const CONTAINER_UI = ['https://www.googleapis.com/auth/script.container.ui'];
const SCRIPT_APP = ['https://www.googleapis.com/auth/script.scriptapp'];
const BIGQUERY_READ = [
  'https://www.googleapis.com/auth/bigquery',
  'https://www.googleapis.com/auth/bigquery.readonly',
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/cloud-platform.read-only',
];

/**
 * The rules the double enforces. The modes follow Google's editor add-on authorisation guide
 * (NONE: menus only; LIMITED: the bound document and properties; FULL: everything granted).
 * A later service adds its entry points here.
 */
export const ACCESS_RULES: Record<string, AccessRule> = {
  'SpreadsheetApp.getActiveSpreadsheet': {
    mode: 'LIMITED',
    scopes: SPREADSHEETS_CURRENT,
    inCustomFunction: true,
  },
  'SpreadsheetApp.getActive': {
    mode: 'LIMITED',
    scopes: SPREADSHEETS_CURRENT,
    inCustomFunction: true,
  },
  'SpreadsheetApp.getActiveSheet': {
    mode: 'LIMITED',
    scopes: SPREADSHEETS_CURRENT,
    inCustomFunction: true,
  },
  'SpreadsheetApp.getActiveRange': {
    mode: 'LIMITED',
    scopes: SPREADSHEETS_CURRENT,
    inCustomFunction: true,
  },
  'SpreadsheetApp.flush': { mode: 'LIMITED', scopes: SPREADSHEETS_CURRENT },
  'PropertiesService.getDocumentProperties': { mode: 'LIMITED' },
  'PropertiesService.getUserProperties': { mode: 'LIMITED' },
  'PropertiesService.getScriptProperties': { mode: 'LIMITED' },
  'LockService.getDocumentLock': { mode: 'LIMITED' },
  'LockService.getUserLock': { mode: 'LIMITED' },
  'LockService.getScriptLock': { mode: 'LIMITED' },
  'Ui.alert': { mode: 'LIMITED', scopes: CONTAINER_UI },
  'Ui.prompt': { mode: 'LIMITED', scopes: CONTAINER_UI },
  'Ui.showSidebar': { mode: 'LIMITED', scopes: CONTAINER_UI },
  'Ui.showModalDialog': { mode: 'LIMITED', scopes: CONTAINER_UI },
  'Ui.showModelessDialog': { mode: 'LIMITED', scopes: CONTAINER_UI },
  'ScriptApp.newTrigger': { mode: 'FULL', scopes: SCRIPT_APP },
  'ScriptApp.getProjectTriggers': { mode: 'FULL', scopes: SCRIPT_APP },
  'ScriptApp.getUserTriggers': { mode: 'FULL', scopes: SCRIPT_APP },
  'ScriptApp.deleteTrigger': { mode: 'FULL', scopes: SCRIPT_APP },
  'BigQuery.Jobs.query': { mode: 'FULL', scopes: BIGQUERY_READ },
  'BigQuery.Jobs.getQueryResults': { mode: 'FULL', scopes: BIGQUERY_READ },
  'BigQuery.Jobs.get': { mode: 'FULL', scopes: BIGQUERY_READ },
  'BigQuery.Tables.get': { mode: 'FULL', scopes: BIGQUERY_READ },
};

const MODE_RANK: Record<AuthModeName, number> = {
  NONE: 0,
  CUSTOM_FUNCTION: 0,
  LIMITED: 1,
  FULL: 2,
};

/** The state every tracked object consults: the log, the mode, the granted scopes. */
export class Tracker {
  authMode: AuthModeName = 'FULL';
  /** Scopes the manifest grants; null checks none. */
  grantedScopes: readonly string[] | null = null;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(readonly log: CallLog) {}

  /**
   * Wraps an object so each call of a public method (not starting with `_`) is logged as
   * `className.method` and checked against ACCESS_RULES. Methods run on the raw object, so a
   * method calling another of its own class is not counted twice. The same object always gets
   * the same wrapper.
   */
  track<T extends object>(target: T, className: string): T {
    const known = this.proxies.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        if (property.startsWith('_') || property === 'constructor') return value;
        const name = `${className}.${property}`;
        return (...args: unknown[]) => {
          this.log.record(name, args);
          this.check(name);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  /** The raw object behind a wrapper a script handed back (a sheet, an HTML output, ...). */
  untrack<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    return (this.targets.get(value) as T | undefined) ?? value;
  }

  private check(name: string): void {
    const rule = ACCESS_RULES[name];
    if (!rule) return;
    const allowedHere =
      this.authMode === 'CUSTOM_FUNCTION'
        ? rule.inCustomFunction === true
        : MODE_RANK[this.authMode] >= MODE_RANK[rule.mode];
    if (!allowedHere) throw permissionError(name, rule.scopes);
    if (this.grantedScopes && rule.scopes && this.authMode !== 'CUSTOM_FUNCTION') {
      const granted = this.grantedScopes;
      if (!rule.scopes.some((scope) => granted.includes(scope))) {
        throw permissionError(name, rule.scopes);
      }
    }
  }
}

/** Apps Script's refusal of a call the script may not make, with the scope it would need. */
export function permissionError(name: string, scopes?: readonly string[]): Error {
  let needed = '';
  if (scopes && scopes.length === 1) needed = ` Required permissions: ${scopes[0]}`;
  if (scopes && scopes.length > 1) needed = ` Required permissions: (${scopes.join(' || ')})`;
  return namedError('Exception', `You do not have permission to call ${name}.${needed}`);
}

/** An error with the name Apps Script gives it (shown as "Exception: ..." in the logs). */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function matches(callName: string, pattern: string): boolean {
  return pattern.endsWith('.*') ? callName.startsWith(pattern.slice(0, -1)) : callName === pattern;
}
