// Proves the ZetaSQL harness bites on bad BigQuery SQL and computes the right rows on good SQL.
import type { QueryParameter } from '../../src/core/sql/queryParameter';
import { CellInput, segmentCatalog, startZetaSql, TableContents, ZetaSql } from './zetasql';

const PAGES = '`my-project`.`segment`.`pages`';

const since = (value: string): QueryParameter => ({ name: 'since', type: 'TIMESTAMP', value });
const strings = (name: string, values: string[]): QueryParameter => ({
  name,
  type: 'STRING',
  array: true,
  values,
});

/** Builds table contents from column names (typed from the Segment catalog) and rows. */
function segmentRows(table: string, columns: string[], rows: CellInput[][]): TableContents {
  const definition = segmentCatalog('my-project', 'segment').find(
    (candidate) => candidate.name[2] === table,
  );
  const types = new Map(definition?.columns.map((column) => [column.name, column.type]));
  return { columns: columns.map((name) => ({ name, type: types.get(name) ?? '?' })), rows };
}

const SHOP = 'https://shop.example';

// Six page views by four visitors; the shape of the rows a funnel query reads.
const pages = segmentRows(
  'pages',
  ['id', 'anonymous_id', 'timestamp', 'context_campaign_name', 'context_campaign_source', 'url'],
  [
    ['p1', 'a1', '2024-01-10T10:00:00.000Z', 'Spring', 'google', `${SHOP}/in?utm_source=google`],
    ['p2', 'a1', '2024-01-10T10:05:00.000Z', 'Spring', 'google', `${SHOP}/p?id=7`],
    ['p3', 'a2', '2024-01-11T09:00:00Z', 'Spring', 'newsletter', `${SHOP}/?UTM_SOURCE=mail`],
    ['p4', 'a3', '2024-01-12T12:00:00.123456Z', 'Winter', 'facebook', `${SHOP}/`],
    ['p5', 'a3', '2023-12-31 23:59:59+00', 'Winter', 'facebook', `${SHOP}/old`],
    ['p6', 'a4', '2024-01-13T01:00:00+01:00', null, null, `${SHOP}/blog`],
  ],
);

let zetaSql: ZetaSql;

beforeAll(async () => {
  zetaSql = await startZetaSql(segmentCatalog('my-project', 'segment'));
});

afterAll(async () => {
  await zetaSql?.close();
});

/** Runs a query on the six page views and returns its rows. */
async function onPages(sql: string, parameters: QueryParameter[] = []) {
  return (await zetaSql.evaluate(sql, { 'my-project.segment.pages': pages }, parameters)).rows;
}

describe('analyze', () => {
  test('returns no errors and the output columns of a valid query with parameters', async () => {
    const sql = `
      SELECT context_campaign_name AS campaign,
        COUNT(DISTINCT anonymous_id) AS visitors,
        MIN(timestamp) AS first_seen,
        UNIX_MICROS(MAX(timestamp)) AS last_seen_micros,
        SUM(SAFE_CAST(context_page_path AS NUMERIC)) AS paths_as_numbers
      FROM ${PAGES}
      WHERE timestamp >= @since AND context_campaign_name IN UNNEST(@campaigns)
        AND UNIX_MICROS(timestamp) < @window_micros
      GROUP BY campaign`;
    const parameters: QueryParameter[] = [
      since('2024-01-01T00:00:00.000Z'),
      strings('campaigns', ['spring sale']),
      { name: 'window_micros', type: 'INT64', value: '2592000000000' },
    ];

    expect(await zetaSql.analyze(sql, parameters)).toEqual({
      errors: [],
      columns: [
        { name: 'campaign', type: 'STRING' },
        { name: 'visitors', type: 'INT64' },
        { name: 'first_seen', type: 'TIMESTAMP' },
        { name: 'last_seen_micros', type: 'INT64' },
        { name: 'paths_as_numbers', type: 'NUMERIC' },
      ],
    });
  });

  test.each([
    ['each part quoted', '`my-project`.`segment`.`pages`'],
    ['no project', '`segment`.`pages`'],
    ['one quoted dotted name', '`my-project.segment.pages`'],
    ['no quotes', 'segment.pages'],
  ])('returns no errors for a table named with %s', async (_, table) => {
    expect(
      await zetaSql.analyze(`SELECT revenue FROM ${table.replace('pages', 'order_completed')}`, []),
    ).toEqual({ errors: [], columns: [{ name: 'revenue', type: 'FLOAT64' }] });
  });

  test.each([
    ['an unknown alias', 'SELECT x.id FROM `segment`.`pages` AS p', /Unrecognized name: x/],
    ['ILIKE', "SELECT id FROM `segment`.`pages` WHERE url ILIKE '%sale%'", /Syntax error/],
    ['a DuckDB cast', 'SELECT id::INT64 FROM `segment`.`pages`', /Syntax error/],
    [
      'a DuckDB function',
      "SELECT list_contains(['a'], id) FROM `segment`.`pages`",
      /list_contains/,
    ],
    ['an unknown column', 'SELECT revenue FROM `segment`.`pages`', /Unrecognized name: revenue/],
    ['an unknown table', 'SELECT id FROM `segment`.`checkouts`', /Table not found/],
    ['another project', 'SELECT id FROM `other-project`.`segment`.`pages`', /Table not found/],
    ['an undeclared parameter', 'SELECT id FROM `segment`.`pages` WHERE id = @missing', /missing/],
    ['a parameter of the wrong type', `SELECT id FROM ${PAGES} WHERE timestamp >= @n`, /signature/],
  ])('returns an error for %s', async (_, sql, message) => {
    const result = await zetaSql.analyze(sql, [{ name: 'n', type: 'INT64', value: '1' }]);

    expect(result.columns).toEqual([]);
    expect(result.errors).toEqual([expect.stringMatching(message)]);
  });
});

describe('evaluate on hand-made rows', () => {
  test('returns distinct visitors per campaign', async () => {
    const sql = `
      SELECT context_campaign_name, COUNT(DISTINCT anonymous_id) AS visitors, COUNT(*) AS views
      FROM ${PAGES} GROUP BY 1 ORDER BY 1`;

    expect(await onPages(sql)).toEqual([
      [null, '1', '1'],
      ['Spring', '2', '3'],
      ['Winter', '1', '2'],
    ]);
  });

  test('returns ROW_NUMBER per visitor in time order', async () => {
    const sql = `
      SELECT id, ROW_NUMBER() OVER (PARTITION BY anonymous_id ORDER BY timestamp) AS visit
      FROM ${PAGES} ORDER BY id`;

    expect(await onPages(sql)).toEqual([
      ['p1', '1'],
      ['p2', '2'],
      ['p3', '1'],
      ['p4', '2'],
      ['p5', '1'],
      ['p6', '1'],
    ]);
  });

  test('filters on a TIMESTAMP parameter, offsets in the rows included', async () => {
    const sql = `SELECT id, timestamp FROM ${PAGES} WHERE timestamp >= @since ORDER BY id`;

    expect(await onPages(sql, [since('2024-01-11T09:00:00.000Z')])).toEqual([
      ['p3', '2024-01-11T09:00:00.000Z'],
      ['p4', '2024-01-12T12:00:00.123456Z'],
      ['p6', '2024-01-13T00:00:00.000Z'],
    ]);
  });

  test.each([
    [
      ['google', 'facebook'],
      ['p1', 'p2', 'p4', 'p5'],
    ],
    [['newsletter'], ['p3']],
    [[], []],
  ])('keeps sources in the ARRAY<STRING> parameter %j', async (sources, ids) => {
    const sql = `
      SELECT id FROM ${PAGES} WHERE context_campaign_source IN UNNEST(@sources) ORDER BY id`;

    expect(await onPages(sql, [strings('sources', sources)])).toEqual(ids.map((id) => [id]));
  });

  test('returns UNIX_MICROS exactly', async () => {
    const sql = `SELECT UNIX_MICROS(timestamp) FROM ${PAGES} WHERE id IN ('p4', 'p5') ORDER BY id`;

    expect(await onPages(sql)).toEqual([['1705060800123456'], ['1704067199000000']]);
  });

  test('cuts query strings (REGEXP_REPLACE) and finds utm_source (STRPOS, LOWER)', async () => {
    const sql = `
      SELECT id, REGEXP_REPLACE(url, r'\\?.*$', '') AS page
      FROM ${PAGES} WHERE STRPOS(LOWER(url), 'utm_source=') > 0 ORDER BY id`;

    expect(await onPages(sql)).toEqual([
      ['p1', `${SHOP}/in`],
      ['p3', `${SHOP}/`],
    ]);
  });

  test('rounds SAFE_CAST numerics half away from zero, NULL when text is no number', async () => {
    const revenue: TableContents = {
      columns: [
        { name: 'order_id', type: 'STRING' },
        { name: 'revenue', type: 'STRING' },
      ],
      rows: [
        ['o1', '0.005'],
        ['o2', '-0.005'],
        ['o3', '0.0049'],
        ['o4', 'n/a'],
        ['o5', null],
        ['o6', '2.345'],
      ],
    };
    const sql = `
      SELECT order_id, ROUND(SAFE_CAST(revenue AS NUMERIC), 2),
        ROUND(SUM(SAFE_CAST(revenue AS NUMERIC)) OVER (), 2)
      FROM fixtures.revenue_texts ORDER BY order_id`;

    const rows = (await zetaSql.evaluate(sql, { 'fixtures.revenue_texts': revenue }, [])).rows;

    expect(rows).toEqual([
      ['o1', '0.01', '2.35'],
      ['o2', '-0.01', '2.35'],
      ['o3', '0', '2.35'],
      ['o4', null, '2.35'],
      ['o5', null, '2.35'],
      ['o6', '2.35', '2.35'],
    ]);
  });

  test('sums FLOAT64 revenue as NUMERIC before rounding: 3 × 0.005 is 0.02', async () => {
    const orders = segmentRows(
      'order_completed',
      ['order_id', 'revenue'],
      [
        ['o1', 0.005],
        ['o2', 0.005],
        ['o3', '0.005'],
      ],
    );
    const sql =
      'SELECT ROUND(SUM(SAFE_CAST(revenue AS NUMERIC)), 2) FROM `segment`.`order_completed`';

    const result = await zetaSql.evaluate(
      sql,
      { 'my-project.segment.order_completed': orders },
      [],
    );

    expect(result.rows).toEqual([['0.02']]);
  });
});

describe('evaluate: what the reference evaluator supports', () => {
  test.each([
    [
      'STRING_AGG with ORDER BY',
      'STRING_AGG(DISTINCT anonymous_id, "," ORDER BY anonymous_id)',
      [['a1,a2,a3,a4']],
    ],
    ['REGEXP_CONTAINS', "COUNTIF(REGEXP_CONTAINS(url, r'utm_'))", [['1']]],
    ['COUNT(DISTINCT)', 'COUNT(DISTINCT context_campaign_source)', [['3']]],
    ['LOGICAL_OR', "LOGICAL_OR(context_campaign_name = 'Winter')", [['true']]],
    [
      'ARRAY_AGG IGNORE NULLS',
      'ARRAY_AGG(DISTINCT context_campaign_name IGNORE NULLS ORDER BY context_campaign_name)',
      [['["Spring","Winter"]']],
    ],
  ])('runs %s', async (_, expression, expected) => {
    expect(await onPages(`SELECT ${expression} FROM ${PAGES}`)).toEqual(expected);
  });

  test.each([
    ['DESC NULLS FIRST', [null, 'newsletter', 'google', 'facebook']],
    ['NULLS LAST', ['facebook', 'google', 'newsletter', null]],
  ])('orders with %s', async (order, sources) => {
    const sql = `SELECT DISTINCT context_campaign_source FROM ${PAGES} ORDER BY 1 ${order}`;

    expect(await onPages(sql)).toEqual(sources.map((source) => [source]));
  });

  test('runs a ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING frame', async () => {
    const sql = `
      SELECT id, COUNT(*) OVER (
        PARTITION BY anonymous_id ORDER BY timestamp
        ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS views_from_here
      FROM ${PAGES} ORDER BY id`;

    expect(await onPages(sql)).toEqual([
      ['p1', '2'],
      ['p2', '1'],
      ['p3', '1'],
      ['p4', '1'],
      ['p5', '2'],
      ['p6', '1'],
    ]);
  });

  test('rejects APPROX_COUNT_DISTINCT, which the reference evaluator lacks', async () => {
    await expect(onPages(`SELECT APPROX_COUNT_DISTINCT(id) FROM ${PAGES}`)).rejects.toThrow(
      /Unsupported built-in function: approx_count_distinct/,
    );
  });
});

describe('evaluate: tables', () => {
  test.each([
    '`my-project`.`segment`.`pages`',
    '`segment`.`pages`',
    '`my-project.segment.pages`',
    'segment.PAGES',
  ])('reaches the same rows through %s', async (table) => {
    expect(await onPages(`SELECT COUNT(*) FROM ${table}`)).toEqual([['6']]);
  });

  test('returns catalog tables the test left out as empty, with all their columns', async () => {
    const sql = 'SELECT COUNT(*), MAX(revenue) FROM `segment`.`order_completed`';

    expect(await onPages(sql)).toEqual([['0', null]]);
  });

  test('returns NULL for catalog columns the test left out', async () => {
    expect(await onPages(`SELECT COUNT(title) FROM ${PAGES}`)).toEqual([['0']]);
  });

  test('leaves table names inside strings and after multi-byte text alone', async () => {
    const sql = `SELECT 'é ${PAGES}' AS label, COUNT(*) FROM /* ${PAGES} */ ${PAGES} GROUP BY 1`;

    expect(await onPages(sql)).toEqual([[`é ${PAGES}`, '6']]);
  });

  test.each([
    [
      'a column the catalog lacks',
      { columns: [{ name: 'revenue', type: 'FLOAT64' }], rows: [[1]] },
      /no FLOAT64 column revenue/,
    ],
    [
      'a column of another type',
      { columns: [{ name: 'id', type: 'INT64' }], rows: [[1]] },
      /no INT64 column id/,
    ],
    [
      'a cell that is no TIMESTAMP',
      segmentRows('pages', ['timestamp'], [['yesterday']]),
      /"yesterday" is not an RFC 3339 TIMESTAMP/,
    ],
  ])('rejects rows with %s', async (_, contents, message) => {
    const run = zetaSql.evaluate(
      `SELECT 1 FROM ${PAGES}`,
      { 'my-project.segment.pages': contents },
      [],
    );

    await expect(run).rejects.toThrow(message);
  });

  test('rejects a query ZetaSQL cannot analyze', async () => {
    await expect(onPages(`SELECT nope FROM ${PAGES}`)).rejects.toThrow(/Unrecognized name: nope/);
  });
});

describe('evaluate: values', () => {
  test.each([
    ["NUMERIC '-12345678901234567890.123456789'", '-12345678901234567890.123456789'],
    [
      "NUMERIC '99999999999999999999999999999.999999999'",
      '99999999999999999999999999999.999999999',
    ],
    ["CAST('1.50' AS NUMERIC)", '1.5'],
    [
      "BIGNUMERIC '0.00000000000000000000000000000000000001'",
      '0.00000000000000000000000000000000000001',
    ],
    ['CAST(1.5 AS FLOAT64) / 4', '0.375'],
    ['9223372036854775807', '9223372036854775807'],
    ['1 = 1', 'true'],
    ["TIMESTAMP '2024-01-31 23:00:00.000001 UTC'", '2024-01-31T23:00:00.000001Z'],
    ["TIMESTAMP '1969-12-31 23:59:59.5 UTC'", '1969-12-31T23:59:59.500Z'],
    ["DATE '2024-02-29'", '2024-02-29'],
    ["DATETIME '2024-02-29 13:45:56.1'", '2024-02-29T13:45:56.100000'],
    ["['a', NULL]", '["a",null]'],
    ['CAST(NULL AS STRING)', null],
  ])('renders %s as %j', async (expression, expected) => {
    expect((await zetaSql.evaluate(`SELECT ${expression}`, {}, [])).rows).toEqual([[expected]]);
  });

  test.each<[QueryParameter, string | null]>([
    [{ name: 'p', type: 'STRING', value: 'Frühling' }, 'Frühling'],
    [{ name: 'p', type: 'INT64', value: '-9223372036854775808' }, '-9223372036854775808'],
    [{ name: 'p', type: 'FLOAT64', value: '-2.5' }, '-2.5'],
    [{ name: 'p', type: 'NUMERIC', value: '0.000000001' }, '0.000000001'],
    [{ name: 'p', type: 'BOOL', value: 'false' }, 'false'],
    [
      { name: 'p', type: 'TIMESTAMP', value: '2024-01-31T23:00:00.000Z' },
      '2024-01-31T23:00:00.000Z',
    ],
    [{ name: 'p', type: 'TIMESTAMP', value: null }, null],
    [{ name: 'p', type: 'INT64', array: true, values: ['1', '2'] }, '["1","2"]'],
  ])('passes the parameter %j through unchanged', async (parameter, expected) => {
    expect((await zetaSql.evaluate('SELECT @p', {}, [parameter])).rows).toEqual([[expected]]);
  });

  test('rejects a NUMERIC parameter with more than nine decimals', async () => {
    const parameter: QueryParameter = { name: 'p', type: 'NUMERIC', value: '0.0000000001' };

    await expect(zetaSql.evaluate('SELECT @p', {}, [parameter])).rejects.toThrow(
      /at most 9 digits/,
    );
  });
});
