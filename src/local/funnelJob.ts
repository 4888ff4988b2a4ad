// The runner's main job: load a warehouse, run the funnel, print it, write CSV and workbook.
import * as fs from 'fs';
import * as path from 'path';
import { FunnelRequest, FunnelSpec, resolveFunnelSpec } from '../core/funnel/funnelOptions';
import { FunnelResult, funnelCsv, funnelFileName, funnelRates } from '../core/funnel/funnelRows';
import { messageFor } from '../core/messages';
import { ProductError } from '../core/productError';
import { roiMergeWarnings } from '../core/refresh/roiSheetMerge';
import { costsTemplateCsv, parseCostInputs } from '../core/roi/costInputs';
import { roiFigures } from '../core/roi/roiFigures';
import { buildRoiSheetLayout, CostInputs } from '../core/roi/roiSheetLayout';
import { buildFunnelReportQuery } from '../core/sql/funnelReportQuery';
import { DUCKDB } from '../core/sql/dialect';
import { tableReference, WarehouseColumns } from '../core/sql/funnelQuery';
import { quoteIdentifier } from '../core/sql/identifiers';
import {
  inspectFunnelTables,
  loadTableFolder,
  LocalWarehouse,
  openWarehouse,
  runLocalFunnel,
  runQuery,
} from './duckdbWarehouse';
import { Logger } from './logger';
import { writeRoiWorkbook } from './roiWorkbook';
import { openRoiWorkbook, updateRoiWorkbook } from './roiWorkbookUpdate';
import { createSampleWarehouse } from './sampleWarehouse';
import { countOf, formatCount, formatMoney, formatPercent, formatTable } from './terminalTable';

export interface FunnelJobOptions {
  request: FunnelRequest;
  /** A folder of Segment tables; null uses the built-in sample. */
  dataFolder: string | null;
  samplePeople: number;
  sampleSeed: number;
  sampleSkewed: boolean;
  outFolder: string;
  costsFile: string | null;
  writeCostsTemplate: boolean;
  top: number;
}

export interface FunnelJobOutcome {
  funnel: FunnelResult;
  campaignFunnel: FunnelResult;
  files: string[];
  printed: string;
}

/** Opens the warehouse the options name: a folder of tables, or the generated sample. */
export async function openJobWarehouse(
  options: Pick<FunnelJobOptions, 'dataFolder' | 'samplePeople' | 'sampleSeed' | 'sampleSkewed'> & {
    request?: FunnelRequest;
  },
  logger: Logger,
): Promise<LocalWarehouse> {
  const warehouse = await openWarehouse();
  try {
    if (options.dataFolder) {
      const { pages, productViewed, orderCompleted } = resolveFunnelSpec(
        options.request ?? {},
      ).tables;
      const notes = await loadTableFolder(warehouse, options.dataFolder, [
        pages,
        productViewed,
        orderCompleted,
      ]);
      for (const note of notes) {
        if (note.step) logger.step(messageFor(note.code, note.details));
        else logger.warn(messageFor(note.code, note.details));
      }
      logger.step(`Loaded the Segment tables from ${options.dataFolder}.`);
    } else {
      const counts = await createSampleWarehouse(warehouse.connection, {
        people: options.samplePeople,
        seed: options.sampleSeed,
        skewed: options.sampleSkewed,
      });
      logger.step(
        `Built the sample warehouse: ${countOf(options.samplePeople, 'person', 'people')}, ` +
          `${countOf(counts.pages, 'page view', 'page views')}, ` +
          `${countOf(counts.product_viewed, 'product view', 'product views')}, ` +
          `${countOf(counts.order_completed, 'order', 'orders')}.`,
      );
    }
  } catch (error) {
    warehouse.close();
    throw error;
  }
  return warehouse;
}

/** One stored total that does not read as a number, to show in the warning about them. */
async function unreadableTotalExample(
  warehouse: LocalWarehouse,
  spec: FunnelSpec,
): Promise<string | null> {
  const table = tableReference(spec, spec.tables.orderCompleted, DUCKDB);
  const total = `CAST(${quoteIdentifier(spec.revenueColumn, 'duckdb')} AS VARCHAR)`;
  const [record] = await runQuery(warehouse, {
    sql: `SELECT MIN(${total}) AS example FROM ${table}
      WHERE TRIM(${total}) <> '' AND TRY_CAST(${total} AS DECIMAL(38, 9)) IS NULL`,
    parameters: [],
  });
  return record?.example === null || record?.example === undefined ? null : String(record.example);
}

/** Where the figures come from, as the workbook notes it: the sample, or a data folder. */
export function figuresSource(options: FunnelJobOptions): string {
  return options.dataFolder
    ? `the tables in ${path.resolve(options.dataFolder)}`
    : 'the built-in sample warehouse';
}

/** A name beside `file` for keeping it whole: campaign-roi.before-2024-05-01T10-00-00.xlsx. */
function keptAsideName(file: string): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const base = file.replace(/\.xlsx$/, `.before-${stamp}`);
  let name = `${base}.xlsx`;
  for (let n = 2; fs.existsSync(name); n++) name = `${base}-${n}.xlsx`;
  return name;
}

/** The period the figures cover, in words: the bounds asked for, or the data's own span. */
export async function periodText(warehouse: LocalWarehouse, spec: FunnelSpec): Promise<string> {
  const zone = spec.dateRange.timeZone;
  if (spec.dateRange.from && spec.dateRange.to) {
    return `${spec.dateRange.from} to ${spec.dateRange.to} (${zone})`;
  }
  const [span] = await runQuery(warehouse, {
    sql: `SELECT strftime(MIN(received_at), '%Y-%m-%d') AS first_day,
            strftime(MAX(received_at), '%Y-%m-%d') AS last_day
          FROM "${spec.tables.pages}"`,
    parameters: [],
  });
  const from = spec.dateRange.from ?? span?.first_day ?? 'the first event';
  const to = spec.dateRange.to ?? span?.last_day ?? 'the last event';
  if (spec.dateRange.from && !spec.dateRange.to && span?.last_day && from > span.last_day) {
    return `${from} on (${zone}; the data ends on ${span.last_day})`;
  }
  const bounded = spec.dateRange.from || spec.dateRange.to;
  return bounded ? `${from} to ${to} (${zone})` : `all data, ${from} to ${to} (UTC)`;
}

async function reportDataQuality(
  warehouse: LocalWarehouse,
  spec: FunnelSpec,
  columns: WarehouseColumns,
  logger: Logger,
): Promise<void> {
  const lines = await runQuery(warehouse, buildFunnelReportQuery(spec, 'duckdb', columns));
  for (const line of lines) {
    const notes: [number, string, string][] = [
      [
        Number(line.duplicate_copies),
        'duplicate copy of a message',
        'duplicate copies of a message',
      ],
      [Number(line.rows_without_id), 'row without a message id', 'rows without a message id'],
      [
        Number(line.rows_without_person),
        'row without a user or anonymous id',
        'rows without a user or anonymous id',
      ],
      [Number(line.rows_without_time), 'row without a received_at', 'rows without a received_at'],
      [
        Number(line.touches_missing_key),
        `page view with no ${spec.groupBy.join(' or ')}`,
        `page views with no ${spec.groupBy.join(' or ')}`,
      ],
    ];
    const fates = ['set aside', 'kept', 'set aside', 'set aside', '(not a touch of any group)'];
    const said = notes
      .map(([n, one, many], i) => (n > 0 ? `${countOf(n, one, many)} ${fates[i]}` : ''))
      .filter(Boolean);
    logger.step(
      `${line.table_name}: ${countOf(Number(line.rows_read), 'row', 'rows')} read` +
        (said.length ? `; ${said.join('; ')}.` : '.'),
    );
  }
}

function funnelTable(funnel: FunnelResult, top: number): string {
  const keys = funnel.groupBy;
  const columns = [
    ...keys.map((key) => ({ header: key, maxWidth: 44 })),
    ...[
      'visits',
      'visitors',
      'viewers',
      'buyers',
      'orders',
      'revenue',
      'view rate',
      'buy rate',
    ].map((header) => ({ header, alignRight: true })),
  ];
  const line = (labels: string[], row: FunnelResult['allGroups']) => {
    const rates = funnelRates(row);
    return [
      ...labels,
      formatCount(row.visits),
      formatCount(row.storeVisitors),
      formatCount(row.productViewers),
      formatCount(row.buyers),
      formatCount(row.orders),
      formatMoney(Number(row.revenueCents) / 100),
      formatPercent(rates.viewRate),
      formatPercent(rates.buyRate),
    ];
  };
  const rows = funnel.rows.slice(0, top).map((row) =>
    line(
      keys.map((k) => row.keys[k] ?? ''),
      row,
    ),
  );
  rows.push(
    line(['(all campaigns, each person once)', ...keys.slice(1).map(() => '')], funnel.allGroups),
  );
  return formatTable(columns, rows);
}

function roiTable(funnel: FunnelResult, costs: Map<string, CostInputs>, top: number): string {
  const columns = [
    { header: 'campaign', maxWidth: 44 },
    ...['revenue', 'cost', 'profit', 'ROI', 'ROAS', 'cost/order'].map((header) => ({
      header,
      alignRight: true,
    })),
  ];
  const rows = funnel.rows.slice(0, top).map((row) => {
    const revenue = Number(row.revenueCents) / 100;
    const figures = roiFigures(revenue, row.orders, costs.get(row.keys.campaign ?? '') ?? {});
    return [
      row.keys.campaign ?? '',
      formatMoney(revenue),
      formatMoney(figures.cost),
      formatMoney(figures.profit),
      formatPercent(figures.roi),
      figures.roas === null ? '' : `${figures.roas.toFixed(2)}x`,
      formatMoney(figures.costPerOrder),
    ];
  });
  return formatTable(columns, rows);
}

export function readCosts(
  file: string | null,
  normalize: boolean,
  logger: Logger,
): Map<string, CostInputs> {
  if (!file) return new Map();
  if (!fs.existsSync(file)) throw new ProductError('cli/costs-file-missing', { file });
  const { costs, problems } = parseCostInputs(
    fs.readFileSync(file, 'utf8'),
    path.basename(file),
    normalize,
  );
  // Costs are the person's own numbers: a wrong one would give a wrong ROI, so every cell
  // that does not read stops the run before anything is written.
  if (problems.length) {
    throw new ProductError('costs/problems', {
      file,
      count: problems.length,
      problems: problems.map((problem) => messageFor(problem.code, problem.details)),
    });
  }
  logger.step(`Read cost inputs for ${costs.size} campaigns from ${file}.`);
  return costs;
}

/** What the printed ROI table's costs are: this table shows only costs from a file. */
function costsHeading(
  costsFile: string | null,
  fromFile: boolean,
  workbookExisted: boolean,
  workbookFile: string,
): string {
  if (fromFile) return `costs from ${costsFile}`;
  if (workbookExisted) {
    return `costs typed in ${workbookFile} are not shown here: open the workbook for cost, ROI, ROAS and cost per order`;
  }
  return 'costs not entered yet: pass --costs FILE, or type them in the workbook';
}

/** An empty funnel is a result, but usually a typo: say which settings may have emptied it. */
function warnFiltersMatchingNothing(spec: FunnelSpec, funnel: FunnelResult, logger: Logger): void {
  const found = new Set(funnel.rows.map((row) => row.keys.campaign));
  const unmatched = spec.campaigns.filter((campaign) => !found.has(campaign));
  if (funnel.rows.length > 0 && unmatched.length) {
    logger.warn(messageFor('funnel/campaigns-not-found', { campaigns: unmatched }));
  }
  if (funnel.rows.length > 0) return;
  const settings = [
    spec.campaigns.length ? `--campaign ${spec.campaigns.map((c) => `"${c}"`).join(', ')}` : '',
    spec.storeUrlPattern ? `--store-url "${spec.storeUrlPattern}"` : '',
    spec.dateRange.from ? `--from ${spec.dateRange.from}` : '',
    spec.dateRange.to ? `--to ${spec.dateRange.to}` : '',
  ].filter(Boolean);
  logger.warn(messageFor('funnel/no-touches', { settings, keys: spec.groupBy }));
}

function warnCostsWithoutData(
  costs: Map<string, CostInputs>,
  funnel: FunnelResult,
  file: string | null,
  logger: Logger,
): void {
  const pulled = new Set(funnel.rows.map((row) => row.keys.campaign));
  const strangers = [...costs.keys()].filter((campaign) => !pulled.has(campaign));
  if (strangers.length) {
    logger.warn(
      messageFor('costs/campaigns-not-in-data', {
        file,
        count: strangers.length,
        campaigns: strangers.map((campaign) => `"${campaign}"`),
      }),
    );
  }
}

/** Runs the whole job and returns what it printed and wrote. */
export async function runFunnelJob(
  options: FunnelJobOptions,
  logger: Logger,
): Promise<FunnelJobOutcome> {
  if (fs.existsSync(options.outFolder) && !fs.statSync(options.outFolder).isDirectory()) {
    throw new ProductError('cli/out-not-folder', { folder: options.outFolder });
  }
  const spec = resolveFunnelSpec(options.request);
  const costs = readCosts(options.costsFile, spec.normalize, logger);
  const warehouse = await openJobWarehouse(options, logger);
  try {
    const { columns, warnings } = await inspectFunnelTables(warehouse, spec);
    warnings.forEach((w) => logger.warn(messageFor(w.code, w.details)));
    await reportDataQuality(warehouse, spec, columns, logger);

    const started = Date.now();
    const funnel = await runLocalFunnel(warehouse, spec, columns);
    logger.step(
      `Funnel by ${spec.groupBy.join(', ')}: ${countOf(funnel.rows.length, 'group', 'groups')} in ${Date.now() - started} ms.`,
    );
    const byCampaign = spec.groupBy.length === 1 && spec.groupBy[0] === 'campaign';
    const campaignSpec = byCampaign ? spec : { ...spec, groupBy: ['campaign' as const] };
    const campaignFunnel = byCampaign
      ? funnel
      : await runLocalFunnel(warehouse, campaignSpec, columns);
    warnCostsWithoutData(costs, campaignFunnel, options.costsFile, logger);
    warnFiltersMatchingNothing(spec, campaignFunnel, logger);
    const missingTotals = funnel.allGroups.ordersMissingTotal;
    if (missingTotals > 0 && !columns.revenue) {
      logger.warn(
        `${missingTotals === 1 ? 'The one counted order has no total' : `None of the ${formatCount(missingTotals)} counted orders has a total`}: ` +
          `${spec.tables.orderCompleted} has no ${spec.revenueColumn} column, so revenue is 0.00 throughout.`,
      );
    } else if (missingTotals > 0) {
      const unreadable = funnel.allGroups.ordersUnreadableTotal;
      const example = unreadable ? await unreadableTotalExample(warehouse, spec) : null;
      logger.warn(
        `${countOf(missingTotals, 'counted order has', 'counted orders have')} no readable ` +
          `${spec.revenueColumn}` +
          (unreadable
            ? ` (${formatCount(unreadable)} of them ${unreadable === 1 ? 'holds' : 'hold'} text that is not a number` +
              (example ? `, such as "${example}": write totals as plain numbers, like 49.26` : '') +
              ')'
            : '') +
          '; their revenue is not in the totals.',
      );
    }

    // A workbook already there holds what a person typed: it is updated, never replaced. It is
    // read before anything is written, so that one that cannot be read stops the run whole.
    const workbookFile = path.join(options.outFolder, 'campaign-roi.xlsx');
    const opened = fs.existsSync(workbookFile) ? await openRoiWorkbook(workbookFile) : null;
    const source = figuresSource(options);

    fs.mkdirSync(options.outFolder, { recursive: true });
    const files: string[] = [];
    const csvFile = path.join(options.outFolder, funnelFileName(spec.groupBy));
    fs.writeFileSync(csvFile, funnelCsv(funnel));
    files.push(csvFile);
    const period = await periodText(warehouse, spec);
    const roiInput = { funnel: campaignFunnel, periodText: period, costs };
    const before = opened?.source ?? null;
    const otherData = before !== null && before !== source;
    if (otherData) {
      // Figures of other data are not merged in: that workbook is kept whole, beside the new.
      const keptAs = keptAsideName(workbookFile);
      fs.renameSync(workbookFile, keptAs);
      logger.step(
        messageFor('roi/other-source-kept', { file: workbookFile, before, source, keptAs }),
      );
    }
    const mergingInto = otherData ? null : opened;
    const workbookExisted = mergingInto !== null;
    if (mergingInto) {
      const merge = await updateRoiWorkbook(mergingInto, roiInput, source);
      roiMergeWarnings(merge).forEach((w) => logger.warn(messageFor(w.code, w.details)));
      logger.step(
        messageFor('roi/updated', {
          sheet: workbookFile,
          period,
          updated: merge.updated,
          added: merge.added.length,
          missing: merge.missing.length,
          filled: merge.costs.filled,
        }),
      );
    } else {
      await writeRoiWorkbook(workbookFile, buildRoiSheetLayout(roiInput), source);
    }
    files.push(workbookFile);
    if (options.writeCostsTemplate) {
      const templateFile = path.join(options.outFolder, 'costs-template.csv');
      fs.writeFileSync(
        templateFile,
        costsTemplateCsv(campaignFunnel.rows.map((row) => row.keys.campaign ?? '')),
      );
      files.push(templateFile);
    }

    const more = funnel.rows.length - Math.min(options.top, funnel.rows.length);
    const moreCampaigns = Math.max(0, campaignFunnel.rows.length - options.top);
    const printed = [
      `Funnel by ${spec.groupBy.join(', ')} — ${period}` +
        (spec.campaigns.length ? `, campaigns ${spec.campaigns.join(', ')} only` : '') +
        (spec.storeUrlPattern ? `, store pages matching "${spec.storeUrlPattern}"` : '') +
        (funnel.currency ? `, revenue in ${funnel.currency}` : ''),
      funnelTable(funnel, options.top),
      more > 0 ? `… and ${formatCount(more)} more rows in ${csvFile}` : '',
      '',
      `Campaign ROI (${costsHeading(options.costsFile, costs.size > 0, workbookExisted, workbookFile)})`,
      roiTable(campaignFunnel, costs, options.top),
      moreCampaigns > 0
        ? `… and ${formatCount(moreCampaigns)} more campaigns, with the totals row, in ${workbookFile}`
        : `Totals, counting each person once, in ${workbookFile}`,
      '',
      `Wrote ${files.join(', ')}`,
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n');
    return { funnel, campaignFunnel, files, printed };
  } finally {
    warehouse.close();
  }
}
