// The campaign funnel the ROI sheet is built from: a saved pull's settings run grouped by
// campaign on the pull host's warehouse, with the period in words.
import { resolveFunnelSpec } from '../funnel/funnelOptions';
import { decodeFunnelRecords, FunnelResult } from '../funnel/funnelRows';
import { funnelColumnsFrom, FunnelWarehouse } from '../pull/funnelWarehouse';
import { PullHost } from '../pull/pullService';
import { funnelRequestFor, PullSettings, settingsCapBytes, todayIn } from '../pull/pullSettings';
import { buildFunnelQuery } from '../sql/funnelQuery';

export interface CampaignFunnel {
  funnel: FunnelResult;
  /** E.g. `2024-06-01 to 2024-06-30 (Europe/Paris)`. */
  periodText: string;
  bytesBilled: number | null;
}

/** The period a pull covers, in words, for the line under the ROI sheet's title. */
export function pullPeriodText(settings: PullSettings, timeZone: string, now: Date): string {
  const spec = resolveFunnelSpec(funnelRequestFor(settings, timeZone, todayIn(now, timeZone)));
  const { from, to } = spec.dateRange;
  return `${from ?? 'the first event'} to ${to ?? 'the last event'} (${timeZone})`;
}

/**
 * Runs a pull's settings grouped by campaign, whatever grouping the pull itself uses: the ROI
 * sheet is always one row per campaign, with the all-campaigns line for its totals.
 *
 * @example
 * runCampaignFunnel(host, savedPull.settings, 200_000).periodText;
 * // '2024-06-01 to 2024-06-30 (Europe/Paris)'
 */
export function runCampaignFunnel(
  host: Pick<PullHost, 'now' | 'timeZone' | 'warehouse'>,
  settings: PullSettings,
  budgetMs?: number,
): CampaignFunnel {
  const timeZone = host.timeZone();
  const byCampaign: PullSettings = { ...settings, groupBy: ['campaign'] };
  const spec = resolveFunnelSpec(
    funnelRequestFor(byCampaign, timeZone, todayIn(host.now(), timeZone)),
  );
  const warehouse: FunnelWarehouse = host.warehouse(byCampaign, budgetMs);
  const columns = funnelColumnsFrom(spec, warehouse.tableColumns(spec));
  const outcome = warehouse.run(buildFunnelQuery(spec, warehouse.dialect, columns), spec, {
    maximumBytesBilled: settingsCapBytes(settings),
  });
  return {
    funnel: decodeFunnelRecords(spec.groupBy, outcome.records),
    periodText: pullPeriodText(settings, timeZone, host.now()),
    bytesBilled: outcome.bytesBilled ?? outcome.bytesProcessed,
  };
}

/**
 * A warehouse that hands every funnel it runs to `seen` as well as returning it, so a refresh
 * can build the ROI sheet from the pull it just ran instead of querying a second time.
 */
export function watchedWarehouse(
  warehouse: FunnelWarehouse,
  seen: (funnel: FunnelResult, bytesBilled: number | null) => void,
): FunnelWarehouse {
  return {
    dialect: warehouse.dialect,
    tableColumns: (spec) => warehouse.tableColumns(spec),
    estimate: (query, spec) => warehouse.estimate(query, spec),
    run: (query, spec, options) => {
      const outcome = warehouse.run(query, spec, options);
      seen(
        decodeFunnelRecords(spec.groupBy, outcome.records),
        outcome.bytesBilled ?? outcome.bytesProcessed,
      );
      return outcome;
    },
  };
}
