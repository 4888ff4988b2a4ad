// What a funnel asks for, its defaults, and the checks that turn a request into a spec.
import { ProductError } from '../productError';
import { checkIdentifier } from '../sql/identifiers';
import { checkTimeZone, dayStartInstant, nextCalendarDay, parseCalendarDay } from './dayBounds';

/** The campaign dimensions a funnel can be grouped by, in the order they are always shown. */
export const GROUPING_KEYS = ['campaign', 'source', 'medium', 'content', 'term'] as const;
export type GroupingKey = (typeof GROUPING_KEYS)[number];

/** The `pages` column that holds each grouping key. */
export const KEY_COLUMNS: Record<GroupingKey, string> = {
  campaign: 'context_campaign_name',
  source: 'context_campaign_source',
  medium: 'context_campaign_medium',
  content: 'context_campaign_content',
  term: 'context_campaign_term',
};

export const DEFAULT_WINDOW_DAYS = 30;
export const DEFAULT_SKEW_SECONDS = 60;
export const SECONDS_PER_DAY = 86_400;

/** Where the Segment tables live: BigQuery project and dataset, or a DuckDB schema. */
export interface WarehouseTables {
  project?: string;
  dataset?: string;
  pages: string;
  productViewed: string;
  orderCompleted: string;
}

export const DEFAULT_TABLES: WarehouseTables = {
  pages: 'pages',
  productViewed: 'product_viewed',
  orderCompleted: 'order_completed',
};

/** A funnel as a person asks for it, from the command line or the sidebar. */
export interface FunnelRequest {
  project?: string;
  dataset?: string;
  tables?: Partial<Pick<WarehouseTables, 'pages' | 'productViewed' | 'orderCompleted'>>;
  groupBy?: string[];
  campaigns?: string[];
  from?: string;
  to?: string;
  timeZone?: string;
  windowDays?: number;
  skewSeconds?: number;
  storeUrlPattern?: string | null;
  revenueColumn?: string;
  normalize?: boolean;
}

/** A checked funnel request: every value valid, every default filled in. */
export interface FunnelSpec {
  tables: WarehouseTables;
  groupBy: GroupingKey[];
  campaigns: string[];
  from: Date | null;
  toExclusive: Date | null;
  dateRange: { from: string | null; to: string | null; timeZone: string };
  windowMicros: bigint;
  skewMicros: bigint;
  storeUrlPattern: string | null;
  revenueColumn: string;
  normalize: boolean;
}

/**
 * Normalises a campaign value the way the funnel query does: `+` read as a space, runs of
 * whitespace collapsed, trimmed, lower-cased. Returns null when nothing is left.
 *
 * @example
 * normalizeKeyValue(' Spring+Sale  '); // 'spring sale'
 */
export function normalizeKeyValue(value: string): string | null {
  const normalized = value
    .replace(/\+/g, ' ')
    .replace(/[ \t\n\f\r\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
  return normalized === '' ? null : normalized;
}

function resolveGroupBy(requested: string[] | undefined): GroupingKey[] {
  const keys = (requested ?? ['campaign']).map((key) => key.trim().toLowerCase());
  if (keys.length === 0 || keys.every((key) => key === '')) {
    throw new ProductError('funnel/no-grouping-key');
  }
  const seen = new Set<string>();
  for (const key of keys) {
    if (!(GROUPING_KEYS as readonly string[]).includes(key)) {
      throw new ProductError('funnel/unknown-grouping-key', { key, allowed: GROUPING_KEYS });
    }
    if (seen.has(key)) throw new ProductError('funnel/repeated-grouping-key', { key });
    seen.add(key);
  }
  return GROUPING_KEYS.filter((key) => seen.has(key));
}

function resolveDuration(
  value: number | undefined,
  fallback: number,
  option: string,
  unit: string,
) {
  const chosen = value ?? fallback;
  if (typeof chosen !== 'number' || !Number.isFinite(chosen) || chosen < 0) {
    throw new ProductError('funnel/bad-duration', { option, unit, value });
  }
  return chosen;
}

function toMicros(seconds: number): bigint {
  return BigInt(Math.round(seconds * 1e6));
}

/**
 * Checks a funnel request and fills in its defaults.
 *
 * @example
 * resolveFunnelSpec({ groupBy: ['medium', 'source'], from: '2024-01-01', to: '2024-01-31' });
 * // groupBy ['source', 'medium'], from 2024-01-01T00:00Z, toExclusive 2024-02-01T00:00Z
 */
export function resolveFunnelSpec(request: FunnelRequest): FunnelSpec {
  const tables: WarehouseTables = {
    pages: checkIdentifier(request.tables?.pages ?? DEFAULT_TABLES.pages, 'table'),
    productViewed: checkIdentifier(
      request.tables?.productViewed ?? DEFAULT_TABLES.productViewed,
      'table',
    ),
    orderCompleted: checkIdentifier(
      request.tables?.orderCompleted ?? DEFAULT_TABLES.orderCompleted,
      'table',
    ),
  };
  if (request.project) tables.project = checkIdentifier(request.project, 'project');
  if (request.dataset) tables.dataset = checkIdentifier(request.dataset, 'dataset');

  const timeZone = checkTimeZone(request.timeZone ?? 'UTC');
  const fromDay = request.from ? parseCalendarDay(request.from, 'start') : null;
  const toDay = request.to ? parseCalendarDay(request.to, 'end') : null;
  const from = fromDay ? dayStartInstant(fromDay, timeZone) : null;
  const toExclusive = toDay ? dayStartInstant(nextCalendarDay(toDay), timeZone) : null;
  if (from && toExclusive && toExclusive <= from) {
    throw new ProductError('funnel/dates-reversed', { from: request.from, to: request.to });
  }

  const campaigns = (request.campaigns ?? []).map((campaign) => {
    const normalized = request.normalize === false ? campaign : normalizeKeyValue(campaign);
    if (normalized === null || normalized.trim() === '') {
      throw new ProductError('funnel/empty-campaign-filter');
    }
    return normalized;
  });

  const windowDays = resolveDuration(
    request.windowDays,
    DEFAULT_WINDOW_DAYS,
    'conversion window',
    'days',
  );
  const skewSeconds = resolveDuration(
    request.skewSeconds,
    DEFAULT_SKEW_SECONDS,
    'clock-skew allowance',
    'seconds',
  );
  const pattern = request.storeUrlPattern?.trim() ? request.storeUrlPattern.trim() : null;

  return {
    tables,
    groupBy: resolveGroupBy(request.groupBy),
    campaigns: [...new Set(campaigns)],
    from,
    toExclusive,
    dateRange: { from: request.from ?? null, to: request.to ?? null, timeZone },
    windowMicros: toMicros(windowDays * SECONDS_PER_DAY),
    skewMicros: toMicros(skewSeconds),
    storeUrlPattern: pattern,
    revenueColumn: checkIdentifier(request.revenueColumn ?? 'total', 'column'),
    normalize: request.normalize !== false,
  };
}
