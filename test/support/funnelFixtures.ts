// Small hand-made Segment warehouses, each showing one funnel rule, with the answer worked out
// by hand in the comment beside it.
import type { FunnelRequest } from '../../src/core/funnel/funnelOptions';

export interface FixtureColumn {
  name: string;
  /** BigQuery type; the DuckDB copy uses the matching DuckDB type. */
  type: 'STRING' | 'TIMESTAMP' | 'FLOAT64';
}

export interface FixtureTable {
  columns: FixtureColumn[];
  rows: (string | number | null)[][];
}

export type FixtureTables = Record<'pages' | 'product_viewed' | 'order_completed', FixtureTable>;

/** The figures of one funnel row, keyed like the CSV. */
export interface ExpectedRow {
  keys: Record<string, string>;
  visits: number;
  store_visitors: number;
  product_viewers: number;
  buyers: number;
  orders: number;
  revenue: string;
  orders_missing_total: number;
}

export interface FunnelFixture {
  name: string;
  request: FunnelRequest;
  tables: FixtureTables;
  expected: ExpectedRow[];
  /** The all-campaigns line, when the case is about it. */
  expectedAll?: Omit<ExpectedRow, 'keys'>;
  expectedError?: string;
}

const text = (name: string): FixtureColumn => ({ name, type: 'STRING' });
const ID_COLUMNS = [
  text('id'),
  text('anonymous_id'),
  text('user_id'),
  { name: 'received_at', type: 'TIMESTAMP' } as FixtureColumn,
];
const PAGE_COLUMNS = [
  ...ID_COLUMNS,
  text('url'),
  text('context_campaign_name'),
  text('context_campaign_source'),
  text('context_campaign_medium'),
  text('context_campaign_content'),
  text('context_campaign_term'),
];
const ORDER_COLUMNS = [
  ...ID_COLUMNS,
  text('order_id'),
  { name: 'total', type: 'FLOAT64' } as FixtureColumn,
  text('currency'),
];

const BASE = Date.UTC(2024, 0, 10, 12, 0, 0);
/** An instant given as seconds after 2024-01-10 12:00:00 UTC. */
export const at = (seconds: number) => new Date(BASE + seconds * 1000).toISOString();
const DAY = 86_400;

interface PageOptions {
  campaign?: string | null;
  source?: string | null;
  medium?: string | null;
  content?: string | null;
  term?: string | null;
  url?: string | null;
  anonymousId?: string | null;
}

/** A page view by a known user (user_id and anonymous_id both set unless told otherwise). */
export function page(
  id: string | null,
  person: string | null,
  seconds: number,
  o: PageOptions = {},
) {
  return [
    id,
    o.anonymousId === undefined ? person : o.anonymousId,
    person,
    at(seconds),
    o.url === undefined ? 'https://toast.example/store/bread' : o.url,
    o.campaign === undefined ? 'spring sale' : o.campaign,
    o.source ?? 'newsletter',
    o.medium === undefined ? 'email' : o.medium,
    o.content ?? null,
    o.term ?? null,
  ];
}

export function view(id: string | null, person: string | null, seconds: number) {
  return [id, person, person, at(seconds)];
}

export function order(
  id: string | null,
  person: string | null,
  seconds: number,
  total: number | string | null,
  o: { orderId?: string | null; currency?: string | null } = {},
) {
  return [id, person, person, at(seconds), o.orderId ?? null, total, o.currency ?? 'USD'];
}

export function tables(
  pages: unknown[][],
  views: unknown[][],
  orders: unknown[][],
  totalType: 'FLOAT64' | 'STRING' = 'FLOAT64',
): FixtureTables {
  return {
    pages: { columns: PAGE_COLUMNS, rows: pages as FixtureTable['rows'] },
    product_viewed: { columns: ID_COLUMNS, rows: views as FixtureTable['rows'] },
    order_completed: {
      columns: ORDER_COLUMNS.map((c) => (c.name === 'total' ? { ...c, type: totalType } : c)),
      rows: orders as FixtureTable['rows'],
    },
  };
}

function row(
  keys: Record<string, string>,
  figures: [number, number, number, number, number, string, number],
): ExpectedRow {
  const [visits, visitors, viewers, buyers, orders, revenue, missing] = figures;
  return {
    keys,
    visits,
    store_visitors: visitors,
    product_viewers: viewers,
    buyers,
    orders,
    revenue,
    orders_missing_total: missing,
  };
}

const spring = { campaign: 'spring sale' };

/** Each case's expected figures are [visits, visitors, viewers, buyers, orders, revenue, missing]. */
export const FUNNEL_FIXTURES: FunnelFixture[] = [
  {
    // One page view, one view, one order, each delivered twice under the same message id.
    name: 'counts a message delivered twice once',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m1', 'ann', 5)],
      [view('v1', 'ann', 10), view('v1', 'ann', 10)],
      [order('o1', 'ann', 20, 30), order('o1', 'ann', 25, 30)],
    ),
    expected: [row(spring, [1, 1, 1, 1, 1, '30.00', 0])],
  },
  {
    // Three visits, one view, one order of 12.50: revenue 12.50, not 37.50.
    name: 'gives three page views and one order the revenue of one order',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'ann', 60), page('m3', 'ann', 120)],
      [view('v1', 'ann', 130)],
      [order('o1', 'ann', 200, 12.5)],
    ),
    expected: [row(spring, [3, 1, 1, 1, 1, '12.50', 0])],
  },
  {
    // Touch, view and order in the same second (the view even in the same microsecond).
    name: 'converts steps in the same second',
    request: {},
    tables: tables([page('m1', 'ann', 0)], [view('v1', 'ann', 0)], [order('o1', 'ann', 0.5, 9.99)]),
    expected: [row(spring, [1, 1, 1, 1, 1, '9.99', 0])],
  },
  {
    // The product view arrives 200 ms before the page view of the same load: within the 60 s
    // skew allowance, so it converts, and the order after it counts.
    name: 'converts a product view 200 ms before the page view',
    request: {},
    tables: tables([page('m1', 'ann', 0)], [view('v1', 'ann', -0.2)], [order('o1', 'ann', 30, 20)]),
    expected: [row(spring, [1, 1, 1, 1, 1, '20.00', 0])],
  },
  {
    // ann orders an hour before her only product view (far beyond the 60 s skew): the order
    // does not count, though she is a product viewer. bob's order 30 s before his view is
    // within the skew, so it counts.
    name: 'does not count an order well before any product view',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0)],
      [view('v1', 'ann', 7200), view('v2', 'bob', 100)],
      [order('o1', 'ann', 3600, 50), order('o2', 'bob', 70, 8)],
    ),
    expected: [row(spring, [2, 2, 2, 1, 1, '8.00', 0])],
  },
  {
    // ann views 31 days after her touch: no viewer. bob views in time and orders exactly at
    // touch + 30 days (end included); cat views in time but orders 1 s after the window.
    name: 'does not count views or orders outside the conversion window',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0), page('m3', 'cat', 0)],
      [view('v1', 'ann', 31 * DAY), view('v2', 'bob', 100), view('v3', 'cat', 100)],
      [order('o1', 'bob', 30 * DAY, 10), order('o2', 'cat', 30 * DAY + 1, 99)],
    ),
    expected: [row(spring, [3, 3, 2, 1, 1, '10.00', 0])],
  },
  {
    // A 2-day window: only bob's view (1 day after) converts; ann's (3 days after) does not.
    name: 'uses the conversion window it is given',
    request: { windowDays: 2 },
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0)],
      [view('v1', 'ann', 3 * DAY), view('v2', 'bob', DAY)],
      [order('o1', 'bob', DAY + 60, 5)],
    ),
    expected: [row(spring, [2, 2, 1, 1, 1, '5.00', 0])],
  },
  {
    // Bounds 2024-01-10 .. 2024-01-10 in UTC keep the touch at 12:00 and drop the one on
    // 2024-01-09; the order on 2024-01-11 falls outside too.
    name: 'counts only events inside the date bounds',
    request: { from: '2024-01-10', to: '2024-01-10' },
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', -DAY), page('m3', 'cat', 0)],
      [view('v1', 'ann', 60), view('v2', 'bob', -DAY + 60), view('v3', 'cat', 60)],
      [
        order('o1', 'ann', 120, 10),
        order('o2', 'bob', -DAY + 120, 20),
        order('o3', 'cat', DAY, 40),
      ],
    ),
    expected: [row(spring, [2, 2, 2, 1, 1, '10.00', 0])],
  },
  {
    // In New York 2024-01-10 runs from 05:00 UTC to 05:00 UTC the next day: the touch at
    // 12:00 - 8 h (04:00 UTC) is the day before, the one at 12:00 UTC is inside.
    name: 'reads the date bounds in the given time zone',
    request: { from: '2024-01-10', to: '2024-01-10', timeZone: 'America/New_York' },
    tables: tables([page('m1', 'ann', -8 * 3600), page('m2', 'bob', 0)], [], []),
    expected: [row(spring, [1, 1, 0, 0, 0, '0.00', 0])],
  },
  {
    name: 'treats Spring+Sale, spring sale and " SPRING  SALE " as one campaign',
    request: {},
    tables: tables(
      [
        page('m1', 'ann', 0, { campaign: 'Spring+Sale' }),
        page('m2', 'bob', 0, { campaign: 'spring sale' }),
        page('m3', 'cat', 0, { campaign: ' SPRING  SALE ' }),
        // A no-break space between the words, and one at the end.
        page('m4', 'dan', 0, { campaign: 'Spring\u00a0Sale\u00a0' }),
      ],
      [],
      [],
    ),
    expected: [row(spring, [4, 4, 0, 0, 0, '0.00', 0])],
  },
  {
    name: 'keeps spellings apart when normalisation is off',
    request: { normalize: false },
    tables: tables(
      [
        page('m1', 'ann', 0, { campaign: 'Spring+Sale' }),
        page('m2', 'bob', 0, { campaign: 'spring sale' }),
      ],
      [],
      [],
    ),
    expected: [
      row({ campaign: 'Spring+Sale' }, [1, 1, 0, 0, 0, '0.00', 0]),
      row({ campaign: 'spring sale' }, [1, 1, 0, 0, 0, '0.00', 0]),
    ],
  },
  {
    // ann's order has no total, bob's total is blank text, cat's is unreadable text: three
    // orders, revenue only from dan's 7.25, three missing a total.
    name: 'counts orders without a total as missing one',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0), page('m3', 'cat', 0), page('m4', 'dan', 0)],
      [view('v1', 'ann', 10), view('v2', 'bob', 10), view('v3', 'cat', 10), view('v4', 'dan', 10)],
      [
        order('o1', 'ann', 20, null),
        order('o2', 'bob', 20, '  '),
        order('o3', 'cat', 20, 'twelve'),
        order('o4', 'dan', 20, ' 7.25 '),
      ],
      'STRING',
    ),
    expected: [row(spring, [4, 4, 4, 4, 4, '7.25', 3])],
  },
  {
    // 10.005 + 0.001 = 10.006 -> 10.01; a single 2.345 rounds half away from zero to 2.35.
    name: 'adds revenue exactly and rounds half away from zero',
    request: { groupBy: ['campaign'] },
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0, { campaign: 'brunch club' })],
      [view('v1', 'ann', 10), view('v2', 'bob', 10)],
      [
        order('o1', 'ann', 20, '10.005'),
        order('o2', 'ann', 30, '0.001'),
        order('o3', 'bob', 20, '2.345'),
      ],
      'STRING',
    ),
    expected: [
      row(spring, [1, 1, 1, 1, 2, '10.01', 0]),
      row({ campaign: 'brunch club' }, [1, 1, 1, 1, 1, '2.35', 0]),
    ],
  },
  {
    // The visitor is known by user_id where there is one, else by anonymous_id: two page views
    // by anon-1 (one later identified as ann) and one by ann are ann (2) and anon-1 (1).
    name: 'knows a person by user_id, else anonymous_id',
    request: {},
    tables: tables(
      [
        page('m1', null, 0, { anonymousId: 'anon-1' }),
        [
          'm2',
          'anon-1',
          'ann',
          at(10),
          'https://toast.example/store',
          'spring sale',
          'newsletter',
          'email',
          null,
          null,
        ],
        page('m3', 'ann', 20),
        // A user_id of only whitespace is no user_id: this is anon-1 again.
        page('m4', '\t \r\n', 30, { anonymousId: 'anon-1' }),
      ],
      [],
      [],
    ),
    expected: [row(spring, [4, 2, 0, 0, 0, '0.00', 0])],
  },
  {
    // Message m1 arrives twice at the same instant, once as zed and once as amy: the copy with
    // the smaller user_id (amy) is kept, whatever the storage order.
    name: 'keeps the copy with the smaller user_id when copies tie on time',
    request: {},
    tables: tables(
      [
        page('m1', 'zed', 0, { campaign: 'zed campaign' }),
        page('m1', 'amy', 0, { campaign: 'amy campaign' }),
      ],
      [],
      [],
    ),
    expected: [row({ campaign: 'amy campaign' }, [1, 1, 0, 0, 0, '0.00', 0])],
  },
  {
    // ann touches two campaigns and buys once: she counts in both campaigns, and once in the
    // all-campaigns line (1 buyer, 1 order, 15.00).
    name: 'counts a person once in the all-campaigns line',
    request: {},
    tables: tables(
      [
        page('m1', 'ann', 0),
        page('m2', 'ann', 100, { campaign: 'brunch club' }),
        page('m3', 'bob', 0),
      ],
      [view('v1', 'ann', 200)],
      [order('o1', 'ann', 300, 15)],
    ),
    expected: [
      row(spring, [2, 2, 1, 1, 1, '15.00', 0]),
      row({ campaign: 'brunch club' }, [1, 1, 1, 1, 1, '15.00', 0]),
    ],
    expectedAll: {
      visits: 3,
      store_visitors: 2,
      product_viewers: 1,
      buyers: 1,
      orders: 1,
      revenue: '15.00',
      orders_missing_total: 0,
    },
  },
  {
    // Two messages carry order A-1 (a resend with a new message id): one order of 40.
    name: 'counts orders distinct by order_id',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0)],
      [view('v1', 'ann', 10)],
      [
        order('o1', 'ann', 20, 40, { orderId: 'A-1' }),
        order('o2', 'ann', 25, 40, { orderId: 'A-1' }),
        order('o3', 'ann', 30, 5, { orderId: 'A-2' }),
      ],
    ),
    expected: [row(spring, [1, 1, 1, 1, 2, '45.00', 0])],
  },
  {
    // Order A-1 reached the warehouse twice, as bob's (120 s, 5.00) and as ann's (200 s,
    // 5.00); both copies count, so both are buyers. A-1 is one order, its amount from the
    // earlier copy: orders A-1 and o3 (bob, 7.00), 12.00 in all.
    name: 'makes every person with a counted copy of an order a buyer',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 100)],
      [view('v1', 'ann', 10), view('v2', 'bob', 110)],
      [
        order('o1', 'bob', 120, 5, { orderId: 'A-1' }),
        order('o2', 'ann', 200, 5, { orderId: 'A-1' }),
        order('o3', 'bob', 130, 7),
      ],
    ),
    expected: [row(spring, [2, 2, 2, 2, 2, '12.00', 0])],
    expectedAll: {
      visits: 2,
      store_visitors: 2,
      product_viewers: 2,
      buyers: 2,
      orders: 2,
      revenue: '12.00',
      orders_missing_total: 0,
    },
  },
  {
    // Two copies of order A-1 without message ids, at the same instant: the copy with a total
    // is the first, wherever it is stored, on the campaign's line and the all-campaigns line.
    name: 'takes the amount of an order from the same copy on every line',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0)],
      [view('v1', 'ann', 10)],
      [
        order(null, 'ann', 20, null, { orderId: 'A-1' }),
        order(null, 'ann', 20, 10, { orderId: 'A-1' }),
      ],
    ),
    expected: [row(spring, [1, 1, 1, 1, 1, '10.00', 0])],
    expectedAll: {
      visits: 1,
      store_visitors: 1,
      product_viewers: 1,
      buyers: 1,
      orders: 1,
      revenue: '10.00',
      orders_missing_total: 0,
    },
  },
  {
    // Grouped by source and medium, bob's touch has no medium: it is no touch of any group.
    name: 'leaves out touches missing a grouping key',
    request: { groupBy: ['medium', 'source'] },
    tables: tables(
      [
        page('m1', 'ann', 0),
        page('m2', 'bob', 0, { medium: '  ' }),
        page('m3', 'cat', 0, { medium: 'Social', source: 'Insta+Gram' }),
      ],
      [],
      [],
    ),
    expected: [
      row({ source: 'insta gram', medium: 'social' }, [1, 1, 0, 0, 0, '0.00', 0]),
      row({ source: 'newsletter', medium: 'email' }, [1, 1, 0, 0, 0, '0.00', 0]),
    ],
  },
  {
    // Pattern "STORE" matches /store (any case); the blog page and the page with no url don't.
    name: 'matches the store URL pattern case-insensitively, as plain text',
    request: { storeUrlPattern: 'STORE' },
    tables: tables(
      [
        page('m1', 'ann', 0),
        page('m2', 'bob', 0, { url: 'https://toast.example/blog/100%_toast' }),
        page('m3', 'cat', 0, { url: null }),
      ],
      [],
      [],
    ),
    expected: [row(spring, [1, 1, 0, 0, 0, '0.00', 0])],
  },
  {
    // "%" in a pattern is a character, not a wildcard: only the blog page matches.
    name: 'treats % in the store URL pattern as a plain character',
    request: { storeUrlPattern: '100%' },
    tables: tables(
      [
        page('m1', 'ann', 0),
        page('m2', 'bob', 0, { url: 'https://toast.example/blog/100%_toast' }),
      ],
      [],
      [],
    ),
    expected: [row(spring, [1, 1, 0, 0, 0, '0.00', 0])],
  },
  {
    // The filter "Brunch+Club" is normalised like the data and keeps only that campaign.
    name: 'keeps only the campaigns named in the filter',
    request: { campaigns: ['Brunch+Club'] },
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0, { campaign: 'brunch club' })],
      [],
      [],
    ),
    expected: [row({ campaign: 'brunch club' }, [1, 1, 0, 0, 0, '0.00', 0])],
  },
  {
    // Each message's first copy (by received_at) is the one judged; only later copies could
    // be touches: m1 had no campaign, m2 was off the store, m3 was another campaign, and m4's
    // campaign was only "+ " (nothing once normalised). Only carl's page view is a touch, so
    // ann's view and order count nowhere.
    name: 'judges a message by its first copy even when a later copy would be a touch',
    request: { storeUrlPattern: 'store', campaigns: ['spring sale'] },
    tables: tables(
      [
        page('m1', 'ann', 5),
        page('m1', 'ann', 0, { campaign: null }),
        page('m2', 'ann', 0, { url: 'https://toast.example/blog' }),
        page('m2', 'ann', 5),
        page('m3', 'ann', 0, { campaign: 'brunch club' }),
        page('m3', 'ann', 5),
        page('m4', 'ann', 0, { campaign: '+ ' }),
        page('m4', 'ann', 5),
        page('m5', 'carl', 0),
      ],
      [view('v1', 'ann', 10)],
      [order('o1', 'ann', 20, 9)],
    ),
    expected: [row(spring, [1, 1, 0, 0, 0, '0.00', 0])],
  },
  {
    // Ids of only whitespace (spaces, a tab) are missing too; " m9" is an id, its two copies
    // one page view.
    name: 'keeps rows without a message id, each as its own event',
    request: {},
    tables: tables(
      [
        page(null, 'ann', 0),
        page(null, 'ann', 0),
        page('  ', 'bob', 0),
        page('\t', 'bob', 0),
        page(' m9', 'carl', 0),
        page(' m9', 'carl', 0),
      ],
      [view(null, 'ann', 10)],
      [order(null, 'ann', 20, 3), order(null, 'ann', 20, 4)],
    ),
    expected: [row(spring, [5, 3, 1, 1, 2, '7.00', 0])],
  },
  {
    name: 'refuses orders in more than one currency',
    request: {},
    tables: tables(
      [page('m1', 'ann', 0), page('m2', 'bob', 0)],
      [view('v1', 'ann', 10), view('v2', 'bob', 10)],
      [
        order('o1', 'ann', 20, 3, { currency: 'usd' }),
        order('o2', 'bob', 20, 4, { currency: 'EUR' }),
      ],
    ),
    expected: [],
    expectedError: 'funnel/mixed-currencies',
  },
];
