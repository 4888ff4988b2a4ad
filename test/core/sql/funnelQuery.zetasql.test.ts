// The BigQuery dialect checked by ZetaSQL, BigQuery's own SQL front end: every query the
// builder can emit analyses cleanly against the Segment catalog, and ZetaSQL's reference
// evaluator returns exactly the rows DuckDB returns on each hand-made fixture.
import {
  FunnelRequest,
  GROUPING_KEYS,
  GroupingKey,
  resolveFunnelSpec,
} from '../../../src/core/funnel/funnelOptions';
import { decodeFunnelRecords, QueryRecord } from '../../../src/core/funnel/funnelRows';
import {
  ALL_OPTIONAL_COLUMNS,
  buildFunnelQuery,
  WarehouseColumns,
} from '../../../src/core/sql/funnelQuery';
import { buildFunnelReportQuery } from '../../../src/core/sql/funnelReportQuery';
import { runQuery } from '../../../src/local/duckdbWarehouse';
import { FUNNEL_FIXTURES, FunnelFixture } from '../../support/funnelFixtures';
import {
  asExpected,
  fixtureColumns,
  fixtureWarehouse,
  resultAsExpected,
} from '../../support/fixtureWarehouse';
import { startZetaSqlForTotals, ZetaSql } from '../../support/zetasql';

const PROJECT = 'my-project';
const DATASET = 'segment';

let numericTotals: ZetaSql;
let textTotals: ZetaSql;

beforeAll(async () => {
  ({ numericTotals, textTotals } = await startZetaSqlForTotals(PROJECT, DATASET));
});

afterAll(async () => {
  await Promise.all([numericTotals?.close(), textTotals?.close()]);
});

const inDataset = (request: FunnelRequest): FunnelRequest => ({
  project: PROJECT,
  dataset: DATASET,
  ...request,
});

function groupingSubsets(): GroupingKey[][] {
  const subsets: GroupingKey[][] = [];
  for (let mask = 1; mask < 1 << GROUPING_KEYS.length; mask++) {
    subsets.push(GROUPING_KEYS.filter((_key, i) => mask & (1 << i)));
  }
  return subsets;
}

const OPTION_SETS: [string, FunnelRequest, WarehouseColumns][] = [
  ['defaults', {}, ALL_OPTIONAL_COLUMNS],
  [
    'date bounds in a time zone',
    { from: '2024-01-01', to: '2024-01-31', timeZone: 'Europe/Paris' },
    ALL_OPTIONAL_COLUMNS,
  ],
  ['only a start date', { from: '2024-01-01' }, ALL_OPTIONAL_COLUMNS],
  ['only an end date', { to: '2024-01-31' }, ALL_OPTIONAL_COLUMNS],
  [
    'store pattern and campaign filter',
    { storeUrlPattern: '/store', campaigns: ['Spring+Sale', 'brunch club'] },
    ALL_OPTIONAL_COLUMNS,
  ],
  ['normalisation off', { normalize: false, campaigns: ['Spring Sale'] }, ALL_OPTIONAL_COLUMNS],
  [
    'other revenue column and windows',
    { revenueColumn: 'revenue', windowDays: 7, skewSeconds: 0 },
    ALL_OPTIONAL_COLUMNS,
  ],
  ['no project (default project)', { project: undefined }, ALL_OPTIONAL_COLUMNS],
  [
    'renamed tables',
    { tables: { pages: 'tracks', productViewed: 'tracks', orderCompleted: 'order_completed' } },
    ALL_OPTIONAL_COLUMNS,
  ],
  [
    'orders without order_id, currency or revenue',
    {},
    { pagesUrl: true, orderId: false, currency: false, revenue: false },
  ],
  ['pages without url', {}, { ...ALL_OPTIONAL_COLUMNS, pagesUrl: false }],
  ['revenue stored as text', {}, { ...ALL_OPTIONAL_COLUMNS, revenueIsText: true }],
  [
    'everything at once',
    {
      from: '2024-01-01',
      to: '2024-03-31',
      timeZone: 'America/New_York',
      storeUrlPattern: 'store',
      campaigns: ['x'],
      windowDays: 14,
    },
    ALL_OPTIONAL_COLUMNS,
  ],
];

// BigQuery computes a WITH step again each time it is read, so numbers given to rows in no
// particular order could differ between two readings of one step; DuckDB materialises such
// steps, and numbers rows only there.
describe('row numbers in the funnel query', () => {
  const unordered = /ROW_NUMBER\(\) OVER \(\)/;
  test.each(OPTION_SETS)(
    'BigQuery numbers no rows without an order: %s',
    (_name, request, columns) => {
      const { sql } = buildFunnelQuery(resolveFunnelSpec(inDataset(request)), 'bigquery', columns);
      expect(sql).not.toMatch(unordered);
    },
  );

  test('DuckDB numbers rows only in materialised steps', () => {
    const { sql } = buildFunnelQuery(resolveFunnelSpec({}), 'duckdb');
    const numbering = sql
      .split(/\n(?=\w+ AS (?:MATERIALIZED )?\()/)
      .filter((step) => unordered.test(step));
    expect(numbering.length).toBeGreaterThan(0);
    for (const step of numbering) expect(step).toMatch(/^(WITH )?\w+ AS MATERIALIZED \(/);
  });
});

describe('BigQuery funnel query, analysed by ZetaSQL', () => {
  test.each(groupingSubsets().map((keys) => [keys.join(',')]))(
    'analyses cleanly when grouped by %s',
    async (keys) => {
      const spec = resolveFunnelSpec(inDataset({ groupBy: keys.split(',') }));
      const { sql, parameters } = buildFunnelQuery(spec, 'bigquery');
      const analysis = await numericTotals.analyze(sql, parameters);
      expect(analysis.errors).toEqual([]);
      expect(analysis.columns.map((c) => c.name)).toEqual([
        'funnel_level',
        ...spec.groupBy,
        'visits',
        'store_visitors',
        'product_viewers',
        'buyers',
        'orders',
        'revenue',
        'orders_missing_total',
        'orders_unreadable_total',
        'currency_count',
        'first_currency',
        'last_currency',
      ]);
    },
  );

  test.each(OPTION_SETS)('analyses cleanly with %s', async (_name, request, columns) => {
    for (const groupBy of [['campaign'], ['source', 'medium'], [...GROUPING_KEYS]]) {
      const spec = resolveFunnelSpec(inDataset({ ...request, groupBy }));
      for (const query of [
        buildFunnelQuery(spec, 'bigquery', columns),
        buildFunnelReportQuery(spec, 'bigquery', columns),
      ]) {
        const zetaSql = columns.revenueIsText ? textTotals : numericTotals;
        const analysis = await zetaSql.analyze(query.sql, query.parameters);
        expect(analysis.errors).toEqual([]);
      }
    }
  });

  test('types the figures as BigQuery returns them: counts INT64, revenue NUMERIC', async () => {
    const { sql, parameters } = buildFunnelQuery(resolveFunnelSpec(inDataset({})), 'bigquery');
    const types = Object.fromEntries(
      (await numericTotals.analyze(sql, parameters)).columns.map((c) => [c.name, c.type]),
    );
    expect(types).toMatchObject({
      visits: 'INT64',
      buyers: 'INT64',
      revenue: 'NUMERIC',
      campaign: 'STRING',
    });
  });

  test.each([
    ['an unknown alias', (sql: string) => sql.replace('visit_figures.visits', 'l.visits')],
    [
      'ILIKE, which BigQuery does not have',
      (sql: string) =>
        sql.replace(
          /STRPOS\(LOWER\(url\), LOWER\(@store_url_pattern\)\) > 0/,
          "url ILIKE '%store%'",
        ),
    ],
    [
      'DuckDB spellings',
      (sql: string) => sql.replace('UNIX_MICROS(received_at)', 'epoch_us(received_at)'),
    ],
  ])('fails the same check on a query with %s', async (_name, breakIt) => {
    const { sql, parameters } = buildFunnelQuery(
      resolveFunnelSpec(inDataset({ storeUrlPattern: 'store' })),
      'bigquery',
    );
    const broken = breakIt(sql);
    expect(broken).not.toBe(sql);
    expect((await numericTotals.analyze(sql, parameters)).errors).toEqual([]);
    expect((await numericTotals.analyze(broken, parameters)).errors.length).toBeGreaterThan(0);
  });
});

function bigQueryTables(fixture: FunnelFixture) {
  return Object.fromEntries(
    Object.entries(fixture.tables).map(([name, table]) => [
      `${PROJECT}.${DATASET}.${name}`,
      { columns: table.columns, rows: table.rows },
    ]),
  );
}

function asRecords(result: {
  columns: { name: string }[];
  rows: (string | null)[][];
}): QueryRecord[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])),
  );
}

describe('BigQuery funnel query, run by ZetaSQL on the hand-made fixtures', () => {
  test.each(FUNNEL_FIXTURES.map((fixture) => [fixture.name, fixture] as const))(
    '%s: same rows as DuckDB',
    async (_name, fixture) => {
      const spec = resolveFunnelSpec(inDataset(fixture.request));
      const bigQuery = buildFunnelQuery(spec, 'bigquery', fixtureColumns(fixture));
      const totalType = fixture.tables.order_completed.columns.find(
        (c) => c.name === 'total',
      )?.type;
      const zetaSql = totalType === 'STRING' ? textTotals : numericTotals;
      const evaluated = asRecords(
        await zetaSql.evaluate(bigQuery.sql, bigQueryTables(fixture), bigQuery.parameters),
      );

      const warehouse = await fixtureWarehouse(fixture.tables);
      let duck: QueryRecord[];
      try {
        duck = await runQuery(
          warehouse,
          buildFunnelQuery(resolveFunnelSpec(fixture.request), 'duckdb', fixtureColumns(fixture)),
        );
      } finally {
        warehouse.close();
      }

      // The raw rows agree, value for value, once both are written as text.
      const asText = (records: QueryRecord[]) =>
        records
          .map((r) =>
            Object.fromEntries(
              Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)]),
            ),
          )
          .map((r) => ({ ...r, revenue: Number(r.revenue).toFixed(2) }))
          .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      expect(asText(evaluated)).toEqual(asText(duck));

      if (fixture.expectedError) {
        expect(() => decodeFunnelRecords(spec.groupBy, evaluated)).toThrow(
          expect.objectContaining({ code: fixture.expectedError }),
        );
        return;
      }
      const result = decodeFunnelRecords(spec.groupBy, evaluated);
      expect(resultAsExpected(result)).toEqual(fixture.expected);
      if (fixture.expectedAll) {
        const { keys: _keys, ...all } = asExpected(result.allGroups);
        expect(all).toEqual(fixture.expectedAll);
      }
    },
  );
});
