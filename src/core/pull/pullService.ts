// The sidebar's server functions, written once against a host: Apps Script with BigQuery in the
// add-on, a laptop with DuckDB in `npm run sidebar`.
import { failureIsAboutProject } from '../bigquery/bigQueryErrors';
import {
  billedBytes,
  bytesText,
  capBytes,
  dollarsText,
  onDemandDollars,
  ON_DEMAND_DOLLARS_PER_TIB,
} from '../bigquery/queryCost';
import { GROUPING_KEYS, resolveFunnelSpec, FunnelSpec } from '../funnel/funnelOptions';
import { decodeFunnelRecords, FunnelRow } from '../funnel/funnelRows';
import { describeError, messageFor } from '../messages';
import { ProductError } from '../productError';
import {
  buildPulledBlock,
  BlockCell,
  ColumnFormat,
  PulledBlock,
  wallClockText,
} from '../sheet/pulledBlock';
import { buildFunnelQuery, BuiltQuery } from '../sql/funnelQuery';
import { funnelColumnsFrom, FunnelWarehouse } from './funnelWarehouse';
import {
  DATE_PRESETS,
  DEFAULT_PULL_SETTINGS,
  funnelRequestFor,
  presetDays,
  PullSettings,
  readPullSettings,
  SettingsField,
  settingsCapBytes,
  todayIn,
} from './pullSettings';
import {
  checkSavable,
  deleteSavedPull,
  DocumentStore,
  findSavedPull,
  lastUsedPull,
  listSavedPulls,
  OwnedBlock,
  savePull,
  SavedPull,
} from './savedPulls';

/**
 * Writes a pulled block to its sheet: merged into the block the pull wrote before when the
 * sheet still holds it (see `planPulledSheetWrite`), written afresh otherwise; nothing beside
 * the block is touched.
 */
export interface PulledBlockWriter {
  write(block: PulledBlock, previous: OwnedBlock | null): OwnedBlock;
}

/** What the pull service needs from the place it runs in. */
export interface PullHost {
  now(): Date;
  /** The spreadsheet's time zone: date presets are calendar days there. */
  timeZone(): string;
  store: DocumentStore;
  /** The warehouse for the settings; `budgetMs` bounds a query's whole run, waits included. */
  warehouse(settings: PullSettings, budgetMs?: number): FunnelWarehouse;
  writer: PulledBlockWriter;
  /** Runs work that writes to the spreadsheet while no other run of the add-on does. */
  withDocumentLock<T>(work: () => T): T;
  /** One line per step a person cares about. */
  log(line: string): void;
  /** `bigquery` in the add-on; `local` for the laptop's DuckDB stand-in. */
  readonly warehouseKind: 'bigquery' | 'local';
}

/** A saved pull as the sidebar lists it. */
export interface SavedPullSummary {
  name: string;
  settings: PullSettings;
  lastPullText: string | null;
}

export interface SidebarState {
  current: PullSettings;
  savedPulls: SavedPullSummary[];
  timeZone: string;
  today: string;
  datePresets: { id: string; label: string; from: string | null; to: string | null }[];
  groupingKeys: { id: string; label: string }[];
  warehouseKind: 'bigquery' | 'local';
}

export interface EstimateSummary {
  bytesProcessed: number;
  /** E.g. "This pull would scan 1.3 GB (about $0.01 on demand)." */
  sentence: string;
  bytesText: string;
  costText: string;
  overCap: boolean;
  from: string;
  to: string;
  timeZone: string;
}

/** The first rows of a pull as text, the way the sheet shows them. */
export interface PreviewTable {
  header: string[];
  rows: string[][];
  moreRows: number;
}

export interface PullSummary {
  name: string;
  sheetName: string;
  groupRows: number;
  bytesBilled: number | null;
  bytesProcessed: number | null;
  /** E.g. "12 rows written to Campaign funnel in 3.2 s; 1.3 GB billed." */
  sentence: string;
  /** Bytes billed for the figures list: "1.3 GB", "0 (from cache)" or "none (local)". */
  bytesText: string;
  elapsedMs: number;
  preview: PreviewTable;
  /** How many of the preview's first columns are grouping keys. */
  keyColumns: number;
  warnings: string[];
  savedPulls: SavedPullSummary[];
}

/** Every answer to the sidebar: a value, or a sentence saying what to do and which field. */
export type SidebarAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; code: string; message: string; field: SettingsField | null };

// The largest record a pull could leave, for checking that its settings can be saved at all.
const LARGEST_BLOCK: OwnedBlock = {
  sheetName: 'x'.repeat(100),
  sheetId: 2 ** 31,
  rows: 10_000_000,
  columns: 100,
  noRowsLine: false,
};

/** The rows the sidebar previews after a pull. */
export const PREVIEW_ROWS = 10;

function fieldOf(error: unknown, settings: PullSettings | null): SettingsField | null {
  if (!(error instanceof ProductError)) return null;
  const details = error.details;
  if (typeof details.field === 'string') return details.field as SettingsField;
  const tableField = (table: unknown): SettingsField | null => {
    if (!settings) return null;
    if (table === settings.tables.pages) return 'pagesTable';
    if (table === settings.tables.productViewed) return 'productViewedTable';
    if (table === settings.tables.orderCompleted) return 'orderCompletedTable';
    return null;
  };
  switch (error.code) {
    case 'funnel/bad-identifier':
      if (details.what === 'project') return 'project';
      if (details.what === 'dataset') return 'dataset';
      return tableField(details.value);
    case 'funnel/bad-date':
      return details.option === 'end' ? 'to' : 'from';
    case 'funnel/dates-reversed':
      return 'from';
    case 'funnel/empty-campaign-filter':
      return 'campaigns';
    case 'funnel/store-pattern-without-url':
      return 'storeUrlPattern';
    case 'bigquery/wrong-location':
      return 'location';
    case 'bigquery/bytes-cap-exceeded':
      return 'maxGigabytesBilled';
    case 'bigquery/access-denied':
    case 'bigquery/not-found':
      return failureIsAboutProject(String(details.detail ?? '')) ? 'project' : 'dataset';
    case 'local/no-such-dataset':
      return details.project === details.localProject ? 'dataset' : 'project';
    case 'bigquery/table-not-found':
    case 'pull/missing-column':
      return tableField(details.table);
    default:
      return null;
  }
}

/** Runs one server function, turning any error into a sentence for the sidebar. */
function answer<T>(host: PullHost, work: (note: (s: PullSettings) => void) => T): SidebarAnswer<T> {
  let settings: PullSettings | null = null;
  try {
    return { ok: true, value: work((read) => (settings = read)) };
  } catch (error) {
    const message = describeError(error);
    host.log(`Failed: ${message}`);
    return {
      ok: false,
      code: error instanceof ProductError ? error.code : 'unexpected',
      message,
      field: fieldOf(error, settings),
    };
  }
}

function summarize(pull: SavedPull, timeZone: string): SavedPullSummary {
  const last = pull.lastPull;
  return {
    name: pull.settings.name,
    settings: pull.settings,
    lastPullText: last
      ? messageFor('pull/last-pull', {
          rows: last.groupRows,
          at: wallClockText(new Date(last.at), timeZone),
        })
      : null,
  };
}

interface PreparedPull {
  settings: PullSettings;
  spec: FunnelSpec;
  query: BuiltQuery;
  warehouse: FunnelWarehouse;
  timeZone: string;
  missingRevenue: boolean;
}

function preparePull(
  host: PullHost,
  input: unknown,
  note: (s: PullSettings) => void,
  budgetMs?: number,
): PreparedPull {
  const settings = readPullSettings(input);
  note(settings);
  const timeZone = host.timeZone();
  const spec = resolveFunnelSpec(
    funnelRequestFor(settings, timeZone, todayIn(host.now(), timeZone)),
  );
  const warehouse = host.warehouse(settings, budgetMs);
  const columns = funnelColumnsFrom(spec, warehouse.tableColumns(spec));
  return {
    settings,
    spec,
    query: buildFunnelQuery(spec, warehouse.dialect, columns),
    warehouse,
    timeZone,
    missingRevenue: !columns.revenue,
  };
}

function cellText(cell: BlockCell, format: ColumnFormat): string {
  if (typeof cell === 'string') return cell;
  switch (format) {
    case 'count':
      return Math.round(cell).toLocaleString('en-US');
    case 'money':
      return cell.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'rate':
      return `${(cell * 100).toFixed(1)}%`;
    default:
      return String(cell);
  }
}

/** The block's first rows as the sheet shows them. */
export function previewOf(block: PulledBlock, rows = PREVIEW_ROWS): PreviewTable {
  const [header, ...body] = block.values;
  const formats = block.columns.map((column) => column.format);
  return {
    header: header.map(String),
    rows: body.slice(0, rows).map((row) => row.map((cell, i) => cellText(cell, formats[i]))),
    moreRows: Math.max(0, body.length - rows),
  };
}

function warningsFor(prepared: PreparedPull, allGroups: FunnelRow): string[] {
  const warnings: string[] = [];
  if (prepared.missingRevenue) {
    warnings.push(
      messageFor('pull/missing-revenue-column', {
        table: prepared.spec.tables.orderCompleted,
        column: prepared.spec.revenueColumn,
      }),
    );
  } else if (allGroups.ordersMissingTotal > 0) {
    warnings.push(
      messageFor('pull/orders-missing-total', { orders: allGroups.ordersMissingTotal }),
    );
  }
  return warnings;
}

/**
 * Runs one pull to the end: query, sheet and saved settings. Throws a product error when any
 * step fails, before anything is written. The sidebar's Pull button and a refresh run call it.
 *
 * @example
 * pullNow(host, savedPull.settings, { budgetMs: 200_000 }).groupRows; // 12
 */
export function pullNow(
  host: PullHost,
  input: unknown,
  options: { budgetMs?: number } = {},
  note: (settings: PullSettings) => void = () => undefined,
): PullSummary {
  const started = host.now().getTime();
  const prepared = preparePull(host, input, note, options.budgetMs);
  const { settings, spec } = prepared;
  checkSavable(host.store, {
    settings,
    savedAt: new Date(started).toISOString(),
    lastPull: {
      at: new Date(started).toISOString(),
      groupRows: 1e9,
      bytesBilled: 1e15,
      block: LARGEST_BLOCK,
    },
  });
  const outcome = prepared.warehouse.run(prepared.query, spec, {
    maximumBytesBilled: settingsCapBytes(settings),
  });
  const result = decodeFunnelRecords(spec.groupBy, outcome.records);
  const bytesBilled = outcome.bytesBilled ?? outcome.bytesProcessed;
  host.log(
    `Pulled ${result.rows.length} rows for ${settings.name}` +
      (bytesBilled === null ? '.' : `; ${bytesText(bytesBilled)} billed.`),
  );

  const pulledAt = host.now();
  const block = buildPulledBlock(result, {
    sheetName: settings.name,
    pulledAt,
    timeZone: prepared.timeZone,
    source: messageFor('pull/source', { ...settings }),
    from: spec.dateRange.from ?? '',
    to: spec.dateRange.to ?? '',
    campaigns: settings.campaigns,
    storeUrlPattern: settings.storeUrlPattern,
    windowDays: settings.windowDays,
    bytesBilled,
    bytesText: bytesBilled === null ? null : bytesText(bytesBilled),
  });
  const owned = host.withDocumentLock(() => {
    const last = findSavedPull(host.store, settings.name)?.lastPull ?? null;
    const previous: OwnedBlock | null = last && {
      ...last.block,
      noRowsLine: last.block.noRowsLine ?? last.groupRows === 0,
    };
    const written = host.writer.write(block, previous);
    savePull(host.store, {
      settings,
      savedAt: pulledAt.toISOString(),
      lastPull: {
        at: pulledAt.toISOString(),
        groupRows: block.groupRows,
        bytesBilled,
        block: written,
      },
    });
    return written;
  });
  host.log(`Wrote ${block.groupRows} rows to the sheet ${owned.sheetName}.`);

  const elapsedMs = host.now().getTime() - started;
  return {
    name: settings.name,
    sheetName: owned.sheetName,
    groupRows: block.groupRows,
    bytesBilled: outcome.bytesBilled,
    bytesProcessed: outcome.bytesProcessed,
    sentence: messageFor('pull/done', {
      rows: block.groupRows,
      sheet: owned.sheetName,
      seconds: (elapsedMs / 1000).toFixed(1),
      bytes: bytesBilled === null ? null : bytesText(bytesBilled),
      billed: outcome.bytesBilled !== null,
      cacheHit: outcome.cacheHit,
      local: host.warehouseKind === 'local',
    }),
    bytesText: messageFor('pull/bytes-billed', {
      bytes: bytesBilled === null ? null : bytesText(bytesBilled),
      cacheHit: outcome.cacheHit,
      local: host.warehouseKind === 'local',
    }),
    elapsedMs,
    preview: previewOf(block),
    keyColumns: spec.groupBy.length,
    warnings: warningsFor(prepared, result.allGroups),
    savedPulls: listSavedPulls(host.store).map((pull) => summarize(pull, host.timeZone())),
  };
}

/** The sidebar's server functions, bound to a host. The same five run in Apps Script and locally. */
export interface SidebarFunctions {
  sidebarState(): SidebarAnswer<SidebarState>;
  sidebarEstimate(settings: unknown): SidebarAnswer<EstimateSummary>;
  sidebarPull(settings: unknown): SidebarAnswer<PullSummary>;
  sidebarSavePull(settings: unknown): SidebarAnswer<SavedPullSummary[]>;
  sidebarDeletePull(name: unknown): SidebarAnswer<SavedPullSummary[]>;
}

/**
 * The sidebar's server functions over a host.
 *
 * @example
 * const sidebar = sidebarFunctions(host);
 * sidebar.sidebarPull({ name: 'Campaign funnel', project: 'my-project', dataset: 'segment' });
 * // { ok: true, value: { groupRows: 12, sentence: '12 rows written to ...', preview: {...} } }
 */
export function sidebarFunctions(host: PullHost): SidebarFunctions {
  const savedSummaries = () =>
    listSavedPulls(host.store).map((pull) => summarize(pull, host.timeZone()));

  return {
    sidebarState: () =>
      answer(host, () => {
        const timeZone = host.timeZone();
        const today = todayIn(host.now(), timeZone);
        return {
          current: lastUsedPull(host.store)?.settings ?? DEFAULT_PULL_SETTINGS,
          savedPulls: savedSummaries(),
          timeZone,
          today,
          datePresets: DATE_PRESETS.map((id) => ({
            id,
            label: messageFor(`pull/date-preset/${id}`),
            ...(id === 'custom' ? { from: null, to: null } : presetDays(id, today)),
          })),
          groupingKeys: GROUPING_KEYS.map((id) => ({
            id,
            label: messageFor(`sheet/column/${id}`),
          })),
          warehouseKind: host.warehouseKind,
        };
      }),

    sidebarEstimate: (input) =>
      answer(host, (note) => {
        const prepared = preparePull(host, input, note);
        const estimate = prepared.warehouse.estimate(prepared.query, prepared.spec);
        const billed = billedBytes(estimate.bytesProcessed, 3);
        const cap = Number(capBytes(prepared.settings.maxGigabytesBilled));
        const bytes = bytesText(estimate.bytesProcessed);
        const cost = dollarsText(onDemandDollars(billed));
        host.log(`Estimate for ${prepared.settings.name}: ${bytes} would be scanned.`);
        return {
          bytesProcessed: estimate.bytesProcessed,
          sentence: messageFor(estimate.fromBigQuery ? 'pull/estimate' : 'pull/estimate-local', {
            bytes,
            cost,
            price: ON_DEMAND_DOLLARS_PER_TIB,
            cap: bytesText(cap),
            overCap: billed > cap,
          }),
          bytesText: bytes,
          costText: cost,
          overCap: billed > cap,
          from: prepared.spec.dateRange.from ?? '',
          to: prepared.spec.dateRange.to ?? '',
          timeZone: prepared.timeZone,
        };
      }),

    sidebarPull: (input) => answer(host, (note) => pullNow(host, input, {}, note)),

    sidebarSavePull: (input) =>
      answer(host, (note) => {
        const settings = readPullSettings(input);
        note(settings);
        host.withDocumentLock(() => {
          const existing = findSavedPull(host.store, settings.name);
          savePull(host.store, {
            settings,
            savedAt: host.now().toISOString(),
            lastPull: existing?.lastPull ?? null,
          });
        });
        return savedSummaries();
      }),

    sidebarDeletePull: (name) =>
      answer(host, () => {
        if (typeof name !== 'string' || name.trim() === '') {
          throw new ProductError('pull/missing-setting', { field: 'name' });
        }
        host.withDocumentLock(() => deleteSavedPull(host.store, name));
        return savedSummaries();
      }),
  };
}
