// The built-in sample warehouse: seeded, Segment-shaped, and as untidy as a real export.
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  createSampleWarehouse,
  DEFAULT_SAMPLE_PEOPLE,
  SampleWarehouseOptions,
} from '../../src/local/sampleWarehouse';

const TABLES = ['pages', 'product_viewed', 'order_completed'] as const;

/** The campaign key as the funnel shows it: `+` read as a space, spaces collapsed, lower case. */
const NORMALISED_CAMPAIGN = `lower(trim(regexp_replace(replace(context_campaign_name, '+', ' '),
  '\\s+', ' ', 'g')))`;
const PERSON = 'coalesce(user_id, anonymous_id)';

async function openSample(options: SampleWarehouseOptions): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await createSampleWarehouse(connection, options);
  return connection;
}

async function rows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Record<string, string | number | boolean | null>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, string | number | boolean | null>[];
}

async function number(connection: DuckDBConnection, sql: string): Promise<number> {
  const [row] = await rows(connection, `SELECT (${sql})::DOUBLE AS value`);
  return Number(row.value);
}

/** One digest per table over its rows in a fixed order, so storage order cannot change it. */
async function tableDigests(connection: DuckDBConnection): Promise<string[]> {
  const digests: string[] = [];
  for (const table of TABLES) {
    const [row] = await rows(
      connection,
      `SELECT md5(string_agg(line, chr(10) ORDER BY line)) AS digest
       FROM (SELECT t::VARCHAR AS line FROM ${table} t)`,
    );
    digests.push(String(row.digest));
  }
  return digests;
}

async function eventCount(connection: DuckDBConnection): Promise<number> {
  return number(connection, TABLES.map((table) => `(SELECT count(*) FROM ${table})`).join(' + '));
}

describe('createSampleWarehouse: determinism', () => {
  test('returns identical tables for one seed and different ones for another', async () => {
    const first = await tableDigests(await openSample({ people: 2000, seed: 7 }));
    const again = await tableDigests(await openSample({ people: 2000, seed: 7 }));
    const other = await tableDigests(await openSample({ people: 2000, seed: 8 }));

    expect(again).toEqual(first);
    first.forEach((digest, index) => expect(other[index]).not.toBe(digest));
  });

  test('returns identical skewed tables for the same seed', async () => {
    const first = await tableDigests(await openSample({ people: 4000, skewed: true }));
    const again = await tableDigests(await openSample({ people: 4000, skewed: true }));

    expect(again).toEqual(first);
  });
});

describe('createSampleWarehouse: size', () => {
  test.each([
    ['evenly spread', false],
    ['skewed', true],
  ])('returns about 10 events a person (%s)', async (_label, skewed) => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const counts = await createSampleWarehouse(connection, { people: 20_000, skewed });
    const events = counts.pages + counts.product_viewed + counts.order_completed;

    expect(events / 20_000).toBeGreaterThan(8.5);
    expect(events / 20_000).toBeLessThan(11.5);
    expect(counts.pages).toBeGreaterThan(counts.product_viewed);
    expect(counts.product_viewed).toBeGreaterThan(counts.order_completed);
    expect(await eventCount(connection)).toBe(events);
  });

  test('returns counts that match the tables for the default sample', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const counts = await createSampleWarehouse(connection, { people: DEFAULT_SAMPLE_PEOPLE });

    for (const table of TABLES) {
      expect(await number(connection, `SELECT count(*) FROM ${table}`)).toBe(counts[table]);
    }
  });
});

describe('createSampleWarehouse: the default sample', () => {
  let sample: DuckDBConnection;

  beforeAll(async () => {
    sample = await openSample({ people: DEFAULT_SAMPLE_PEOPLE });
  });

  test.each([
    ['pages', 'url', 'VARCHAR'],
    ['pages', 'referrer', 'VARCHAR'],
    ['pages', 'received_at', 'TIMESTAMP WITH TIME ZONE'],
    ['pages', 'context_campaign_term', 'VARCHAR'],
    ['product_viewed', 'price', 'DOUBLE'],
    ['product_viewed', 'event_text', 'VARCHAR'],
    ['order_completed', 'total', 'DOUBLE'],
    ['order_completed', 'order_id', 'VARCHAR'],
    ['order_completed', 'sent_at', 'TIMESTAMP WITH TIME ZONE'],
  ])('writes %s.%s as %s', async (table, column, type) => {
    const [row] = await rows(
      sample,
      `SELECT data_type FROM information_schema.columns
       WHERE table_name = '${table}' AND column_name = '${column}'`,
    );
    expect(row?.data_type).toBe(type);
  });

  test('spreads events over the first half of 2024 (UTC)', async () => {
    const [span] = await rows(
      sample,
      `SELECT min(timestamp) >= TIMESTAMPTZ '2024-01-01 00:00:00+00' AS starts_in_january,
         max(received_at) < TIMESTAMPTZ '2024-07-01 00:00:00+00' AS ends_in_june,
         max(timestamp) >= TIMESTAMPTZ '2024-06-01 00:00:00+00' AS reaches_june
       FROM pages`,
    );
    expect(span).toEqual({ starts_in_january: true, ends_in_june: true, reaches_june: true });
  });

  test('names the eight campaigns, plus the spelled-out slip of national-toast-day', async () => {
    const campaigns = await rows(
      sample,
      `SELECT DISTINCT ${NORMALISED_CAMPAIGN} AS campaign FROM pages
       WHERE context_campaign_name IS NOT NULL ORDER BY campaign`,
    );
    expect(campaigns.map((row) => row.campaign)).toEqual([
      'avocado-toast-week',
      'brunch club',
      'mothers-day-brunch',
      'national toast day',
      'national-toast-day',
      'new-year-new-loaf',
      'sourdough-launch',
      'spring sale',
      'toast-your-friend',
    ]);
  });

  test('reaches people through email, social, display, news and cpc', async () => {
    const mediums = await rows(
      sample,
      `SELECT DISTINCT lower(context_campaign_medium) AS medium FROM pages
       WHERE context_campaign_medium IS NOT NULL ORDER BY medium`,
    );
    expect(mediums.map((row) => row.medium)).toEqual(['cpc', 'display', 'email', 'news', 'social']);
  });

  test.each([
    ['spring sale', ['Spring+Sale', 'spring sale', ' SPRING  SALE ']],
    ['brunch club', ['Brunch+Club', 'brunch club']],
    ['national toast day', ['National+Toast+Day', 'national toast day', ' NATIONAL  TOAST DAY']],
    ['national-toast-day', ['national-toast-day', 'National-Toast-Day', 'NATIONAL-TOAST-DAY ']],
  ])('spells the campaign %s several ways', async (campaign, spellings) => {
    const found = await rows(
      sample,
      `SELECT DISTINCT context_campaign_name AS spelling FROM pages
       WHERE ${NORMALISED_CAMPAIGN} = '${campaign}'`,
    );
    expect(found.map((row) => row.spelling).sort()).toEqual([...spellings].sort());
  });

  test('gives each campaign a funnel that narrows from store visitors to buyers', async () => {
    const funnel = await rows(
      sample,
      `WITH touches AS (
         SELECT ${NORMALISED_CAMPAIGN} AS campaign, ${PERSON} AS person, received_at FROM pages
         WHERE context_campaign_name IS NOT NULL AND url ILIKE '%toastmates.com/store%'
       ), viewers AS (
         SELECT DISTINCT t.campaign, t.person FROM touches t JOIN product_viewed v
           ON coalesce(v.user_id, v.anonymous_id) = t.person
          AND v.received_at BETWEEN t.received_at - INTERVAL 60 SECOND
            AND t.received_at + INTERVAL 30 DAY
       ), buyers AS (
         SELECT DISTINCT t.campaign, t.person FROM touches t JOIN order_completed o
           ON coalesce(o.user_id, o.anonymous_id) = t.person
          AND o.received_at BETWEEN t.received_at AND t.received_at + INTERVAL 30 DAY
       )
       SELECT campaign,
         (SELECT count(DISTINCT person) FROM touches t WHERE t.campaign = c.campaign) AS visitors,
         (SELECT count(*) FROM viewers v WHERE v.campaign = c.campaign) AS viewers,
         (SELECT count(*) FROM buyers b WHERE b.campaign = c.campaign) AS buyers
       FROM (SELECT DISTINCT campaign FROM touches) c
       WHERE campaign <> 'national toast day'`,
    );
    expect(funnel).toHaveLength(8);
    for (const { visitors, viewers, buyers } of funnel) {
      expect(Number(visitors)).toBeGreaterThan(150);
      expect(Number(viewers)).toBeLessThan(Number(visitors));
      expect(Number(viewers)).toBeGreaterThan(Number(visitors) / 3);
      expect(Number(buyers)).toBeLessThan(Number(viewers) / 2);
      expect(Number(buyers)).toBeGreaterThan(10);
    }
  });

  test('repeats about 0.5% of message ids, a few of them under another person', async () => {
    for (const table of TABLES) {
      const [repeats] = await rows(
        sample,
        `SELECT (SELECT count(*) FROM ${table})::DOUBLE AS total,
           count(*)::DOUBLE AS repeated,
           (count(*) FILTER (WHERE people > 1))::DOUBLE AS other_person
         FROM (SELECT id, count(DISTINCT ${PERSON}) AS people FROM ${table}
               GROUP BY id HAVING count(*) > 1)`,
      );
      const share = Number(repeats.repeated) / Number(repeats.total);
      expect(share).toBeGreaterThan(0.002);
      expect(share).toBeLessThan(0.009);
      if (table !== 'order_completed') {
        expect(Number(repeats.other_person)).toBeGreaterThan(0);
        expect(Number(repeats.other_person)).toBeLessThan(Number(repeats.repeated) / 3);
      }
    }
  });

  test('delivers some product views under a second before their page view', async () => {
    const early = await number(
      sample,
      `SELECT count(*) FROM product_viewed v JOIN pages p
         ON p.anonymous_id = v.anonymous_id AND p.url = v.context_page_url
        AND v.received_at < p.received_at AND p.received_at - v.received_at < INTERVAL 1 SECOND`,
    );
    const views = await number(sample, 'SELECT count(*) FROM product_viewed');
    expect(early / views).toBeGreaterThan(0.1);
  });

  test('delivers some events hours or days late', async () => {
    const late = await number(
      sample,
      `SELECT count(*) FROM pages WHERE received_at - timestamp > INTERVAL 1 HOUR`,
    );
    expect(late).toBeGreaterThan(100);
    expect(await number(sample, `SELECT count(*) FROM pages WHERE received_at < timestamp`)).toBe(
      0,
    );
  });

  test('writes campaign columns on the landing page only, and on events fired there', async () => {
    const [pages] = await rows(
      sample,
      `SELECT count(*) FILTER (WHERE context_campaign_name IS NOT NULL
           AND url NOT LIKE '%utm_campaign=%')::DOUBLE AS without_utm,
         count(*) FILTER (WHERE context_campaign_name IS NULL
           AND referrer LIKE 'https://toastmates.com/%')::DOUBLE AS later_pages
       FROM pages`,
    );
    expect(pages).toEqual({ without_utm: 0, later_pages: expect.any(Number) });
    expect(Number(pages.later_pages)).toBeGreaterThan(1000);

    const taggedViews = await number(
      sample,
      `SELECT count(*) FROM product_viewed
       WHERE context_campaign_name IS NOT NULL AND context_page_url LIKE '%utm_campaign=%'`,
    );
    expect(taggedViews).toBeGreaterThan(100);
  });

  test('keeps some people anonymous throughout', async () => {
    const anonymous = await number(
      sample,
      `SELECT count(DISTINCT anonymous_id) FROM pages p WHERE NOT EXISTS (
         SELECT 1 FROM pages q WHERE q.anonymous_id = p.anonymous_id AND q.user_id IS NOT NULL)`,
    );
    expect(anonymous / DEFAULT_SAMPLE_PEOPLE).toBeGreaterThan(0.15);
    expect(anonymous / DEFAULT_SAMPLE_PEOPLE).toBeLessThan(0.5);
  });

  test('writes orders with an id, USD and cent amounts, a few without a total', async () => {
    const [orders] = await rows(
      sample,
      `SELECT count(*)::DOUBLE AS orders,
         count(*) FILTER (WHERE total IS NULL)::DOUBLE AS without_total,
         count(*) FILTER (WHERE order_id IS NULL)::DOUBLE AS without_id,
         count(*) FILTER (WHERE currency <> 'USD')::DOUBLE AS other_currency,
         count(*) FILTER (WHERE abs(total * 100 - round(total * 100)) > 1e-6)::DOUBLE
           AS fractions_of_cents,
         count(*) FILTER (WHERE total <= 0)::DOUBLE AS not_positive
       FROM order_completed`,
    );
    expect(orders).toMatchObject({
      without_id: 0,
      other_currency: 0,
      fractions_of_cents: 0,
      not_positive: 0,
    });
    expect(Number(orders.without_total)).toBeGreaterThan(0);
    expect(Number(orders.without_total)).toBeLessThan(Number(orders.orders) * 0.05);
  });

  test('has orders outside any 30-day conversion window of the buyer', async () => {
    const outside = await number(
      sample,
      `SELECT count(*) FROM order_completed o
       WHERE EXISTS (SELECT 1 FROM pages p WHERE coalesce(p.user_id, p.anonymous_id) =
           coalesce(o.user_id, o.anonymous_id) AND p.context_campaign_name IS NOT NULL
           AND p.url ILIKE '%toastmates.com/store%' AND p.received_at < o.received_at)
         AND NOT EXISTS (SELECT 1 FROM pages p WHERE coalesce(p.user_id, p.anonymous_id) =
           coalesce(o.user_id, o.anonymous_id) AND p.context_campaign_name IS NOT NULL
           AND p.url ILIKE '%toastmates.com/store%'
           AND p.received_at BETWEEN o.received_at - INTERVAL 30 DAY AND o.received_at)`,
    );
    expect(outside).toBeGreaterThan(0);
  });

  test('links store pages, blog posts and the about page', async () => {
    const paths = await rows(
      sample,
      `SELECT count(*) FILTER (WHERE url LIKE 'https://toastmates.com/store%')::DOUBLE AS store,
         count(*) FILTER (WHERE path LIKE '/blog/%')::DOUBLE AS blog,
         count(*) FILTER (WHERE path = '/about')::DOUBLE AS about
       FROM pages`,
    );
    expect(Number(paths[0].store)).toBeGreaterThan(Number(paths[0].blog));
    expect(Number(paths[0].blog)).toBeGreaterThan(0);
    expect(Number(paths[0].about)).toBeGreaterThan(0);
  });
});

describe('createSampleWarehouse: skewed people', () => {
  test('gives the top 0.1% of people over 30% of the events, at about the same total', async () => {
    const even = await openSample({ people: 20_000 });
    const skewed = await openSample({ people: 20_000, skewed: true });
    const [share] = await rows(
      skewed,
      `WITH events AS (
         ${TABLES.map((table) => `SELECT ${PERSON} AS person FROM ${table}`).join(' UNION ALL ')}
       ), owned AS (
         SELECT person, count(*) AS events FROM events GROUP BY person
       )
       SELECT (SELECT sum(events) FROM (SELECT events FROM owned ORDER BY events DESC
                 LIMIT (SELECT ceil(count(*) * 0.001) FROM owned)))::DOUBLE
           / (SELECT sum(events) FROM owned)::DOUBLE AS top_share,
         (SELECT max(events) FROM owned)::DOUBLE AS most`,
    );
    expect(Number(share.top_share)).toBeGreaterThan(0.3);
    expect(Number(share.most)).toBeGreaterThan(1000);

    const ratio = (await eventCount(skewed)) / (await eventCount(even));
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  test('gives the heavy people many campaigns and many orders', async () => {
    const skewed = await openSample({ people: 20_000, skewed: true });
    const [heavy] = await rows(
      skewed,
      `WITH heavy AS (
         SELECT ${PERSON} AS person FROM pages GROUP BY person ORDER BY count(*) DESC LIMIT 10
       )
       SELECT (SELECT count(DISTINCT ${NORMALISED_CAMPAIGN}) FROM pages
                 WHERE ${PERSON} IN (SELECT person FROM heavy))::DOUBLE AS campaigns,
         (SELECT max(n) FROM (SELECT count(*) AS n FROM order_completed
                 WHERE ${PERSON} IN (SELECT person FROM heavy) GROUP BY ${PERSON}))::DOUBLE
           AS most_orders`,
    );
    expect(Number(heavy.campaigns)).toBeGreaterThanOrEqual(8);
    expect(Number(heavy.most_orders)).toBeGreaterThan(100);
  });
});

describe('createSampleWarehouse: options', () => {
  test('writes the tables into the schema asked for', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await createSampleWarehouse(connection, { people: 50, schema: 'toastmates' });

    const tables = await rows(
      connection,
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'toastmates' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual([...TABLES].sort());
  });

  test('leaves no helper tables behind', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await createSampleWarehouse(connection, { people: 50 });

    const tables = await rows(connection, 'SELECT table_name FROM duckdb_tables() ORDER BY 1');
    expect(tables.map((row) => row.table_name)).toEqual([...TABLES].sort());
  });

  test.each([
    [{ people: 0 }, /people/],
    [{ people: 2.5 }, /people/],
    [{ people: 100, seed: 1.5 }, /seed/],
    [{ people: 100, schema: 'main"; DROP TABLE x; --' }, /schema/],
    [{ people: 100, schema: '' }, /schema/],
  ])('rejects %j', async (options, message) => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await expect(createSampleWarehouse(connection, options)).rejects.toThrow(message);
  });
});
