// What the sidebar's form holds, its defaults and checks, and how it becomes a funnel request.
import { capBytes } from '../bigquery/queryCost';
import { nextCalendarDay, parseCalendarDay } from '../funnel/dayBounds';
import {
  DEFAULT_TABLES,
  DEFAULT_WINDOW_DAYS,
  FunnelRequest,
  GROUPING_KEYS,
  GroupingKey,
} from '../funnel/funnelOptions';
import { ProductError } from '../productError';
import { REFRESH_LOG_SHEET } from '../refresh/refreshRun';
import { ROI_SHEET_TITLE } from '../roi/roiSheetLayout';

/** The date ranges the sidebar offers; every day is a calendar day in the spreadsheet's zone. */
export const DATE_PRESETS = [
  'last7',
  'last30',
  'last90',
  'thisMonth',
  'lastMonth',
  'custom',
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

/** The sidebar's fields, one property each, as saved in the spreadsheet. */
export interface PullSettings {
  /** The name of the pull and of the sheet its rows go to. */
  name: string;
  project: string;
  dataset: string;
  /** `US`, `EU` or a region such as `europe-west2`: where the dataset lives. */
  location: string;
  tables: { pages: string; productViewed: string; orderCompleted: string };
  datePreset: DatePreset;
  /** First and last day included, `YYYY-MM-DD`; read only when `datePreset` is `custom`. */
  from: string;
  to: string;
  groupBy: GroupingKey[];
  /** Keep only these campaigns (matched after normalising); empty keeps every campaign. */
  campaigns: string[];
  /** Count only page views whose url contains this text (any case); empty counts all. */
  storeUrlPattern: string;
  windowDays: number;
  /** The most a pull may bill, in GB (10^9 bytes). */
  maxGigabytesBilled: number;
}

/** The fields a person can be pointed at when a setting needs fixing. */
export type SettingsField =
  | 'name'
  | 'project'
  | 'dataset'
  | 'location'
  | 'pagesTable'
  | 'productViewedTable'
  | 'orderCompletedTable'
  | 'datePreset'
  | 'from'
  | 'to'
  | 'groupBy'
  | 'campaigns'
  | 'storeUrlPattern'
  | 'windowDays'
  | 'maxGigabytesBilled';

export const DEFAULT_MAX_GIGABYTES_BILLED = 10;
const LARGEST_CAP_GIGABYTES = 100_000;
const LONGEST_WINDOW_DAYS = 365;
const LONGEST_NAME = 90;

export const DEFAULT_PULL_SETTINGS: PullSettings = {
  name: 'Campaign funnel',
  project: '',
  dataset: '',
  location: 'US',
  tables: {
    pages: DEFAULT_TABLES.pages,
    productViewed: DEFAULT_TABLES.productViewed,
    orderCompleted: DEFAULT_TABLES.orderCompleted,
  },
  datePreset: 'last30',
  from: '',
  to: '',
  groupBy: ['campaign'],
  campaigns: [],
  storeUrlPattern: '',
  windowDays: DEFAULT_WINDOW_DAYS,
  maxGigabytesBilled: DEFAULT_MAX_GIGABYTES_BILLED,
};

function problem(field: SettingsField, code: string, details: Record<string, unknown> = {}) {
  return new ProductError(code, { field, ...details });
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function numberSetting(value: unknown, field: SettingsField): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw problem(field, 'pull/not-a-number', { value });
  }
  return number;
}

// Sheet names may not hold these, and a name of only spaces is no name.
const SHEET_NAME_FORBIDDEN = /[[\]*?/\\:]/;
// Sheets the add-on writes under names of its own. A pull by one of these names would share
// the sheet: a refresh would write its log over the pulled rows, or the ROI sheet would be
// looked for in them. Sheets tells names apart regardless of case, so this does too.
const ADDON_SHEETS = [ROI_SHEET_TITLE, REFRESH_LOG_SHEET];

/**
 * `US`, `EU` (any case) or a region name such as `europe-west2`, written as BigQuery writes it.
 *
 * @example
 * normalizeLocation('eu'); // 'EU'
 * normalizeLocation('Europe-West2'); // 'europe-west2'
 */
export function normalizeLocation(value: string): string {
  const location = value.trim();
  if (/^(us|eu)$/i.test(location)) return location.toUpperCase();
  if (/^[a-z]+(-[a-z]+)*\d+$/i.test(location)) return location.toLowerCase();
  throw problem('location', 'pull/bad-location', { value });
}

/**
 * Reads settings as the sidebar sends them (untrusted JSON) into checked settings, filling
 * defaults for what is absent. Throws a product error whose details name the field to fix.
 *
 * @example
 * readPullSettings({ name: 'By channel', project: 'my-project', dataset: 'segment', groupBy: ['source', 'medium'] });
 * // { ...DEFAULT_PULL_SETTINGS, name: 'By channel', project: 'my-project', ... }
 */
export function readPullSettings(input: unknown): PullSettings {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const tables = (
    typeof given.tables === 'object' && given.tables !== null ? given.tables : {}
  ) as Record<string, unknown>;
  const name = text(given.name) || DEFAULT_PULL_SETTINGS.name;
  if (name.length > LONGEST_NAME || SHEET_NAME_FORBIDDEN.test(name)) {
    throw problem('name', 'pull/bad-name', { value: name, longest: LONGEST_NAME });
  }
  const addonSheet = ADDON_SHEETS.find((sheet) => sheet.toLowerCase() === name.toLowerCase());
  if (addonSheet) {
    throw problem('name', 'pull/addon-sheet-name', { value: name, sheet: addonSheet });
  }
  const project = text(given.project);
  if (!project) throw problem('project', 'pull/missing-setting');
  const dataset = text(given.dataset);
  if (!dataset) throw problem('dataset', 'pull/missing-setting');

  const datePreset = (text(given.datePreset) || DEFAULT_PULL_SETTINGS.datePreset) as DatePreset;
  if (!DATE_PRESETS.includes(datePreset)) {
    throw problem('datePreset', 'pull/bad-date-preset', { value: given.datePreset });
  }
  const from = text(given.from);
  const to = text(given.to);
  if (datePreset === 'custom') {
    if (!from) throw problem('from', 'pull/missing-setting');
    if (!to) throw problem('to', 'pull/missing-setting');
  }

  const groupBy = Array.isArray(given.groupBy) ? given.groupBy.map(text) : ['campaign'];
  const unknownKey = groupBy.find((key) => !(GROUPING_KEYS as readonly string[]).includes(key));
  if (unknownKey !== undefined) {
    throw problem('groupBy', 'funnel/unknown-grouping-key', {
      key: unknownKey,
      allowed: GROUPING_KEYS,
    });
  }
  if (groupBy.length === 0) throw problem('groupBy', 'funnel/no-grouping-key');

  const campaigns = (Array.isArray(given.campaigns) ? given.campaigns : [])
    .map(text)
    .filter((campaign) => campaign !== '');

  const windowDays =
    given.windowDays === undefined || given.windowDays === ''
      ? DEFAULT_WINDOW_DAYS
      : numberSetting(given.windowDays, 'windowDays');
  if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > LONGEST_WINDOW_DAYS) {
    throw problem('windowDays', 'pull/bad-window', {
      value: windowDays,
      longest: LONGEST_WINDOW_DAYS,
    });
  }
  const maxGigabytesBilled =
    given.maxGigabytesBilled === undefined || given.maxGigabytesBilled === ''
      ? DEFAULT_MAX_GIGABYTES_BILLED
      : numberSetting(given.maxGigabytesBilled, 'maxGigabytesBilled');
  if (maxGigabytesBilled <= 0 || maxGigabytesBilled > LARGEST_CAP_GIGABYTES) {
    throw problem('maxGigabytesBilled', 'pull/bad-cap', {
      value: maxGigabytesBilled,
      largest: LARGEST_CAP_GIGABYTES,
    });
  }

  return {
    name,
    project,
    dataset,
    location: normalizeLocation(text(given.location) || DEFAULT_PULL_SETTINGS.location),
    tables: {
      pages: text(tables.pages) || DEFAULT_TABLES.pages,
      productViewed: text(tables.productViewed) || DEFAULT_TABLES.productViewed,
      orderCompleted: text(tables.orderCompleted) || DEFAULT_TABLES.orderCompleted,
    },
    datePreset,
    from: datePreset === 'custom' ? from : '',
    to: datePreset === 'custom' ? to : '',
    groupBy: GROUPING_KEYS.filter((key) => groupBy.includes(key)),
    campaigns: [...new Set(campaigns)],
    storeUrlPattern: text(given.storeUrlPattern),
    windowDays,
    maxGigabytesBilled,
  };
}

type Day = [number, number, number];

const dayText = ([year, month, day]: Day): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function addDays([year, month, day]: Day, days: number): Day {
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
}

/**
 * The calendar day an instant falls on in a time zone.
 *
 * @example
 * todayIn(new Date('2024-03-31T23:30:00Z'), 'Europe/Paris'); // '2024-04-01'
 */
export function todayIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const field = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${field('year')}-${field('month')}-${field('day')}`;
}

/**
 * The first and last day a preset covers, given today's date. "Last N days" are the N whole
 * days before today (today's events are still arriving); "this month" runs to today.
 *
 * @example
 * presetDays('last7', '2024-03-15'); // { from: '2024-03-08', to: '2024-03-14' }
 * presetDays('lastMonth', '2024-03-15'); // { from: '2024-02-01', to: '2024-02-29' }
 */
export function presetDays(
  preset: Exclude<DatePreset, 'custom'>,
  today: string,
): { from: string; to: string } {
  const day = parseCalendarDay(today, 'today');
  const firstOfMonth: Day = [day[0], day[1], 1];
  switch (preset) {
    case 'last7':
      return { from: dayText(addDays(day, -7)), to: dayText(addDays(day, -1)) };
    case 'last30':
      return { from: dayText(addDays(day, -30)), to: dayText(addDays(day, -1)) };
    case 'last90':
      return { from: dayText(addDays(day, -90)), to: dayText(addDays(day, -1)) };
    case 'thisMonth':
      return { from: dayText(firstOfMonth), to: today };
    case 'lastMonth': {
      const lastOfPrevious = addDays(firstOfMonth, -1);
      return {
        from: dayText([lastOfPrevious[0], lastOfPrevious[1], 1]),
        to: dayText(lastOfPrevious),
      };
    }
  }
}

/** The days the settings cover, in the spreadsheet's zone. */
export function settingsDays(settings: PullSettings, today: string): { from: string; to: string } {
  if (settings.datePreset !== 'custom') return presetDays(settings.datePreset, today);
  parseCalendarDay(settings.from, 'start');
  parseCalendarDay(settings.to, 'end');
  return { from: settings.from, to: settings.to };
}

/**
 * The funnel request a pull runs: the settings, the days its date range covers in the
 * spreadsheet's time zone, and the tables' place.
 *
 * @example
 * funnelRequestFor({ ...settings, datePreset: 'last7' }, 'Europe/Paris', '2024-03-15');
 * // { project, dataset, from: '2024-03-08', to: '2024-03-14', timeZone: 'Europe/Paris', ... }
 */
export function funnelRequestFor(
  settings: PullSettings,
  timeZone: string,
  today: string,
): FunnelRequest {
  const days = settingsDays(settings, today);
  return {
    project: settings.project,
    dataset: settings.dataset,
    tables: settings.tables,
    groupBy: settings.groupBy,
    campaigns: settings.campaigns,
    from: days.from,
    to: days.to,
    timeZone,
    windowDays: settings.windowDays,
    storeUrlPattern: settings.storeUrlPattern || null,
  };
}

/** The cap of a pull in bytes, for `maximumBytesBilled`. */
export function settingsCapBytes(settings: PullSettings): bigint {
  return capBytes(settings.maxGigabytesBilled);
}

/** The day after a day, as text; the local stand-in uses it to set "today" after the data. */
export function dayAfter(day: string): string {
  return dayText(nextCalendarDay(parseCalendarDay(day, 'day')));
}
