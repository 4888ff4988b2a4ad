// A spreadsheet on the Apps Script double with one saved pull, for the ROI sheet and refresh
// tests: the figures below are the BigQuery answers those tests script.
import { sidebarPull } from '../../src/server/sidebar';
import { AppsScriptDouble, createAppsScriptDouble } from './appsScriptDouble';
import { readManifest } from './builtAddOn';
import {
  addSegmentTables,
  funnelRestRows,
  funnelRestSchema,
  FunnelFigures,
} from './funnelRestAnswers';
import { GroupingKey } from '../../src/core/funnel/funnelOptions';

export const PULL_SETTINGS = {
  name: 'Campaign funnel',
  project: 'my-project',
  dataset: 'segment',
  location: 'EU',
  datePreset: 'custom',
  from: '2024-06-01',
  to: '2024-06-30',
  groupBy: ['campaign'],
  maxGigabytesBilled: 2,
};

export const spring: FunnelFigures = {
  keys: { campaign: 'spring sale' },
  visits: 120,
  storeVisitors: 80,
  productViewers: 40,
  buyers: 10,
  orders: 12,
  revenue: '529.5',
};
export const brunch: FunnelFigures = {
  keys: { campaign: 'brunch club' },
  visits: 50,
  storeVisitors: 45,
  productViewers: 30,
  buyers: 15,
  orders: 15,
  revenue: '359.8',
};
export const toastDay: FunnelFigures = {
  keys: { campaign: 'toast day' },
  visits: 70,
  storeVisitors: 60,
  productViewers: 20,
  buyers: 4,
  orders: 5,
  revenue: '120',
};
/** The all-campaigns line: 110 people, not 125, since 15 saw both campaigns. */
export const allOf = (revenue: string, storeVisitors = 110): FunnelFigures => ({
  keys: {},
  visits: 170,
  storeVisitors,
  productViewers: 60,
  buyers: 22,
  orders: 27,
  revenue,
});

export interface RefreshSpreadsheet {
  double: AppsScriptDouble;
  uninstall: () => void;
  /** Makes the next Jobs.query answer with these groups. */
  queueFunnel(
    groups: FunnelFigures[],
    all: FunnelFigures,
    options?: { groupBy?: GroupingKey[]; currency?: string | null; pendingAnswers?: number },
  ): void;
}

export function refreshSpreadsheet(
  options: { locale?: string; htmlFiles?: Record<string, string> } = {},
): RefreshSpreadsheet {
  const double = createAppsScriptDouble({
    grantedScopes: readManifest().oauthScopes,
    timeZone: 'Europe/Paris',
    locale: options.locale,
    htmlFiles: options.htmlFiles,
  });
  addSegmentTables(double.bigQuery.addTable, 'my-project', 'segment');
  const uninstall = double.install();
  return {
    double,
    uninstall,
    queueFunnel(groups, all, queueOptions = {}) {
      const groupBy = queueOptions.groupBy ?? ['campaign'];
      double.bigQuery.queueJob({
        schema: funnelRestSchema(groupBy),
        rows: funnelRestRows(
          groupBy,
          groups,
          all,
          queueOptions.currency === undefined ? 'USD' : queueOptions.currency,
        ),
        location: 'EU',
        totalBytesProcessed: '1288490188',
        totalBytesBilled: '1289748480',
        pendingAnswers: queueOptions.pendingAnswers,
      });
    },
  };
}

/** Saves and runs the pull from the sidebar, as a marketer would before creating the ROI sheet. */
export function pullFromSidebar(
  setup: RefreshSpreadsheet,
  groups: FunnelFigures[],
  all: FunnelFigures,
  settings: Record<string, unknown> = PULL_SETTINGS,
): void {
  setup.queueFunnel(groups, all, { groupBy: settings.groupBy as GroupingKey[] });
  const answer = sidebarPull(settings);
  if (!answer.ok) throw new Error(`the sidebar pull failed: ${answer.message}`);
}
