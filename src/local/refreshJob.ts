// `npm run refresh`: runs the funnel again on the local warehouse and merges it into the ROI
// workbook already in the output folder, keeping every cell typed in it.
import * as fs from 'fs';
import * as path from 'path';
import { resolveFunnelSpec } from '../core/funnel/funnelOptions';
import { funnelCsv, funnelFileName } from '../core/funnel/funnelRows';
import { messageFor } from '../core/messages';
import { ProductError } from '../core/productError';
import { costsTemplateCsv } from '../core/roi/costInputs';
import { RoiSheetMerge, roiMergeWarnings } from '../core/refresh/roiSheetMerge';
import { ROI_SHEET_TITLE } from '../core/roi/roiSheetLayout';
import { inspectFunnelTables, runLocalFunnel } from './duckdbWarehouse';
import {
  figuresSource,
  FunnelJobOptions,
  openJobWarehouse,
  periodText,
  readCosts,
  runFunnelJob,
} from './funnelJob';
import { Logger } from './logger';
import { openRoiWorkbook, updateRoiWorkbook } from './roiWorkbookUpdate';

export interface RefreshJobOutcome {
  workbookFile: string;
  /** The workbook did not exist yet and was written whole, as `npm start` does. */
  created: boolean;
  merge: RoiSheetMerge | null;
  /** Every file written: the workbook, the funnel CSV and, when asked for, the costs template. */
  files: string[];
  printed: string;
}

/**
 * Refreshes `out/campaign-roi.xlsx`: the campaign funnel is run again with the same options as
 * `npm start`, and merged into the ROI sheet so that typed costs, notes, a person's own columns
 * and rows stay where they were. The file is replaced only once the new one is written in
 * full, so a refresh that fails leaves it as it was. With no workbook yet it runs `npm start`'s
 * job instead. `--costs` fills every blank input cell of its campaigns, new or already in the
 * sheet, and never a cell already typed; what to check (costs typed for another period, costs
 * that differ from typed cells, costs of campaigns the data lacks) is logged as warnings.
 * `--costs-template` writes `costs-template.csv` with every campaign of the new pull.
 */
export async function runRefreshJob(
  options: FunnelJobOptions,
  logger: Logger,
): Promise<RefreshJobOutcome> {
  const workbookFile = path.join(options.outFolder, 'campaign-roi.xlsx');
  if (!fs.existsSync(workbookFile)) {
    logger.step(`No ${workbookFile} yet: writing it as npm start does.`);
    const outcome = await runFunnelJob(options, logger);
    return {
      workbookFile,
      created: true,
      merge: null,
      files: outcome.files,
      printed: outcome.printed,
    };
  }

  const spec = resolveFunnelSpec(options.request);
  const costs = readCosts(options.costsFile, spec.normalize, logger);

  const warehouse = await openJobWarehouse(options, logger);
  const source = figuresSource(options);
  const opened = await openRoiWorkbook(workbookFile).catch((error: unknown) => {
    warehouse.close();
    throw error;
  });
  if (opened.source !== null && opened.source !== source) {
    warehouse.close();
    throw new ProductError('refresh/other-source', {
      file: workbookFile,
      before: opened.source,
      source,
    });
  }
  let merge: RoiSheetMerge;
  let period: string;
  const files = [workbookFile];
  try {
    const { columns, warnings } = await inspectFunnelTables(warehouse, spec);
    warnings.forEach((w) => logger.warn(messageFor(w.code, w.details)));
    const campaignSpec = { ...spec, groupBy: ['campaign' as const] };
    const started = Date.now();
    const campaignFunnel = await runLocalFunnel(warehouse, campaignSpec, columns);
    logger.step(
      `Funnel by campaign: ${campaignFunnel.rows.length} campaigns in ${Date.now() - started} ms.`,
    );
    period = await periodText(warehouse, spec);
    merge = await updateRoiWorkbook(
      opened,
      { funnel: campaignFunnel, periodText: period, costs },
      source,
    );
    roiMergeWarnings(merge).forEach((w) => logger.warn(messageFor(w.code, w.details)));

    // The CSV holds nothing typed, so it is simply written again for the grouping asked for.
    const byCampaign = spec.groupBy.length === 1 && spec.groupBy[0] === 'campaign';
    const funnel = byCampaign ? campaignFunnel : await runLocalFunnel(warehouse, spec, columns);
    const csvFile = path.join(options.outFolder, funnelFileName(spec.groupBy));
    fs.writeFileSync(csvFile, funnelCsv(funnel));
    files.push(csvFile);
    if (options.writeCostsTemplate) {
      const templateFile = path.join(options.outFolder, 'costs-template.csv');
      const campaigns = campaignFunnel.rows.map((row) => row.keys.campaign ?? '');
      fs.writeFileSync(templateFile, costsTemplateCsv(campaigns));
      files.push(templateFile);
    }
  } finally {
    warehouse.close();
  }

  const printed = messageFor('roi/updated', {
    sheet: `${workbookFile} (${ROI_SHEET_TITLE})`,
    period,
    updated: merge.updated,
    added: merge.added.length,
    missing: merge.missing.length,
    filled: merge.costs.filled,
  });
  return {
    workbookFile,
    created: false,
    merge,
    files,
    printed: `${printed}\nWrote ${files.join(', ')}`,
  };
}
