// Every query the sidebar can send, taken from the jobs.query bodies its server functions send
// to the Apps Script double, analysed by ZetaSQL (BigQuery's SQL front end) with the bodies' own
// REST parameters: zero errors, and the result columns the REST decoder is scripted with.
import { GROUPING_KEYS, GroupingKey } from '../../src/core/funnel/funnelOptions';
import { queryParametersFromRest, RestQueryParameter } from '../../src/core/bigquery/queryRequest';
import { DATE_PRESETS } from '../../src/core/pull/pullSettings';
import { sidebarEstimate, sidebarPull } from '../../src/server/sidebar';
import { createAppsScriptDouble, RestField } from '../support/appsScriptDouble';
import { funnelRestSchema } from '../support/funnelRestAnswers';
import { segmentCatalog, startZetaSql, TableDefinition, ZetaSql } from '../support/zetasql';

const PROJECT = 'my-project';

/** The Segment tables, plus a dataset whose orders lack order_id, currency and total. */
function catalog(): TableDefinition[] {
  const full = segmentCatalog(PROJECT, 'segment');
  const sparse = segmentCatalog(PROJECT, 'sparse').map((table) => ({
    ...table,
    columns: table.columns.filter(
      (column) => !['order_id', 'currency', 'total', 'url'].includes(column.name),
    ),
  }));
  const renamed = full
    .filter((table) => ['pages', 'order_completed'].includes(table.name[2]))
    .map((table) => ({
      ...table,
      name: [PROJECT, 'segment', table.name[2] === 'pages' ? 'page_views' : 'checkout_completed'],
    }));
  return [...full, ...sparse, ...renamed];
}

function groupingSubsets(): GroupingKey[][] {
  const subsets: GroupingKey[][] = [];
  for (let mask = 1; mask < 1 << GROUPING_KEYS.length; mask++) {
    subsets.push(GROUPING_KEYS.filter((_key, i) => mask & (1 << i)));
  }
  return subsets;
}

/** Settings across the options the form offers: every grouping, every preset, filters. */
function settingsCombinations(): Record<string, unknown>[] {
  const combinations: Record<string, unknown>[] = groupingSubsets().map((groupBy, i) => ({
    groupBy,
    datePreset: DATE_PRESETS[i % DATE_PRESETS.length],
    from: '2024-01-01',
    to: '2024-03-31',
    campaigns: i % 2 ? ['Spring+Sale', "brunch' club"] : [],
    storeUrlPattern: i % 3 === 0 ? '/shop' : '',
    windowDays: [30, 7, 0, 90][i % 4],
    location: ['US', 'EU', 'europe-west2'][i % 3],
  }));
  combinations.push(
    { dataset: 'sparse', groupBy: ['campaign'] },
    { dataset: 'sparse', groupBy: ['source', 'medium'], campaigns: ['x'] },
    {
      tables: { pages: 'page_views', orderCompleted: 'checkout_completed' },
      groupBy: ['campaign'],
    },
  );
  return combinations;
}

interface SentQuery {
  sql: string;
  parameters: RestQueryParameter[];
  dryRun: boolean;
  groupBy: GroupingKey[];
  dataset: string;
}

/** Sends an estimate and a pull for each combination and keeps every body sent. */
function sentQueries(): SentQuery[] {
  const double = createAppsScriptDouble({ timeZone: 'America/New_York' });
  for (const table of catalog()) {
    double.bigQuery.addTable(
      PROJECT,
      table.name[1],
      table.name[2],
      table.columns.map((column): RestField => ({ name: column.name, type: column.type })),
    );
  }
  const uninstall = double.install();
  const sent: SentQuery[] = [];
  try {
    for (const settings of settingsCombinations()) {
      const form: Record<string, unknown> = {
        name: 'Funnel',
        project: PROJECT,
        dataset: 'segment',
        ...settings,
      };
      const groupBy = form.groupBy as GroupingKey[];
      const location = (form.location as string | undefined) ?? 'US';
      double.bigQuery.queueJob({ schema: [], rows: [], location, totalBytesProcessed: '1' });
      double.bigQuery.queueJob({ schema: funnelRestSchema(groupBy), rows: [], location });
      const estimate = sidebarEstimate(form);
      const pull = sidebarPull(form);
      if (!estimate.ok) throw new Error(`estimate of ${JSON.stringify(form)}: ${estimate.message}`);
      if (!pull.ok) throw new Error(`pull of ${JSON.stringify(form)}: ${pull.message}`);
    }
    for (const [i, { request }] of double.bigQuery.jobs.queryRequests.entries()) {
      sent.push({
        sql: String(request.query),
        parameters: request.queryParameters as RestQueryParameter[],
        dryRun: request.dryRun === true,
        groupBy: settingsCombinations()[Math.floor(i / 2)].groupBy as GroupingKey[],
        dataset: (settingsCombinations()[Math.floor(i / 2)].dataset as string) ?? 'segment',
      });
    }
  } finally {
    uninstall();
  }
  return sent;
}

let zetaSql: ZetaSql;
const queries = sentQueries();

beforeAll(async () => {
  zetaSql = await startZetaSql(catalog());
});

afterAll(async () => {
  await zetaSql?.close();
});

describe('queries the sidebar sends', () => {
  test('cover an estimate and a pull of every combination', () => {
    expect(queries).toHaveLength(2 * settingsCombinations().length);
    expect(queries.filter((query) => query.dryRun)).toHaveLength(settingsCombinations().length);
    // The estimate is a dry run of exactly the query the pull then runs.
    for (let i = 0; i < queries.length; i += 2) {
      expect(queries[i + 1].sql).toBe(queries[i].sql);
      expect(queries[i + 1].parameters).toEqual(queries[i].parameters);
    }
  });

  test.each(
    queries
      .filter((query) => !query.dryRun)
      .map((query, i) => [`${i + 1}: by ${query.groupBy.join(', ')}`, query] as const),
  )('%s analyses with zero errors and the scripted result columns', async (_name, query) => {
    const analysis = await zetaSql.analyze(query.sql, queryParametersFromRest(query.parameters));
    expect(analysis.errors).toEqual([]);
    // Where the orders have no total or currency, the query selects NULLs whose type BigQuery
    // infers (FLOAT64 for a rounded sum, INT64 for MIN and MAX); the decoder reads each by the
    // schema BigQuery sends, so either shape decodes.
    const inferred: Record<string, string> =
      query.dataset === 'sparse'
        ? { revenue: 'FLOAT64', first_currency: 'INT64', last_currency: 'INT64' }
        : {};
    expect(analysis.columns).toEqual(
      funnelRestSchema(query.groupBy).map((field) => ({
        name: field.name,
        type: inferred[field.name] ?? field.type,
      })),
    );
  });

  test('fails the same check on a query ZetaSQL should reject, so the check bites', async () => {
    const [first] = queries;
    const broken = first.sql.replace(
      'FROM `my-project`.`segment`.`pages`',
      'FROM `my-project`.`segment`.`pagez`',
    );
    const analysis = await zetaSql.analyze(broken, queryParametersFromRest(first.parameters));
    expect(analysis.errors).not.toEqual([]);
  });

  test("sends custom dates as the instants they mean in the spreadsheet's zone", async () => {
    // The custom range 2024-01-01 to 2024-03-31 in New York: its midnight is 05:00 UTC in
    // winter, and April 1 (after the change to summer time) starts at 04:00 UTC.
    const custom = queries.find((query) =>
      query.parameters.some((p) => p.parameterValue.value === '2024-01-01 05:00:00.000000+00:00'),
    );
    expect(custom).toBeDefined();
    const result = await zetaSql.evaluate(
      'SELECT @from_time AS from_time, @to_time AS to_time',
      {},
      queryParametersFromRest(custom!.parameters),
    );
    expect(result.rows).toEqual([['2024-01-01T05:00:00.000Z', '2024-04-01T04:00:00.000Z']]);
  });
});
