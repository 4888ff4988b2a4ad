// The built-in sample warehouse: a seeded Toastmates store in Segment's table layout, in DuckDB.
import type { DuckDBConnection } from '@duckdb/node-api';

/** How big a sample to make and how. */
export interface SampleWarehouseOptions {
  /** People who visit the store; about 10 events each. */
  people: number;
  /** The same seed always gives the same tables (default 1). */
  seed?: number;
  /** A few people (bots and loyal buyers, 0.05% of people) own about 45% of the events. */
  skewed?: boolean;
  /** Schema that receives the tables (default `main`); created when missing. */
  schema?: string;
}

/** Rows written to each table, repeated message ids included. */
export interface SampleWarehouseCounts {
  pages: number;
  product_viewed: number;
  order_completed: number;
}

/** The size of the built-in sample: enough people for a readable funnel of every campaign. */
export const DEFAULT_SAMPLE_PEOPLE = 5000;

const DEFAULT_SEED = 1;
/** A million people take about 6 GB of memory; twice that is as far as a laptop goes. */
/** The largest sample the generator makes (about 20M events). */
export const MAX_SAMPLE_PEOPLE = 2_000_000;

const STORE_ORIGIN = 'https://toastmates.com';
const FIRST_DAY = '2024-01-01';
const DAYS = 182;
const DAY_MICROS = 86_400_000_000;
/** Visits start at least an hour before the end of the period, so their pages stay inside it. */
const VISIT_PERIOD_MICROS = DAYS * DAY_MICROS - 3_600_000_000;
const MAX_VISITS_PER_PERSON = 999_999;

/** Every person averages this many events (pages, product views and orders). */
const EVENTS_PER_PERSON = 10;
/** Average events of one visit by kind of person, measured on large samples of this generator. */
const EVENTS_PER_VISIT = { regular: 4.4, loyal: 6.8, bot: 21 };
const HEAVY_SHARE_OF_PEOPLE = 0.0005;
const HEAVY_SHARE_OF_EVENTS = 0.45;

/** Share of a loyal buyer's visits that arrive through a campaign link (bots: all of them). */
const LOYAL_ATTRIBUTED_SHARE = 0.3;
const DUPLICATE_PER_MILLE = 5;
const LATE_ARRIVAL_SHARE = 0.015;
const VIEW_BEFORE_PAGE_SHARE = 0.25;
const ORDERS_WITHOUT_TOTAL_SHARE = 0.02;
const SALES_TAX_RATE = 0.08875;

const PERSON_KIND = { regular: 0, loyal: 1, bot: 2 } as const;

const PAGE = {
  home: 0,
  store: 1,
  product: 2,
  blog: 3,
  about: 4,
  cart: 5,
  checkout: 6,
  orderConfirmed: 7,
} as const;

/**
 * Salts that keep the random draws apart: each draw hashes (seed, salt, row keys), so adding a
 * draw never changes the others.
 */
const DRAW = {
  identified: 1,
  anonymousIdHigh: 2,
  anonymousIdLow: 3,
  userId: 4,
  ipRange: 5,
  ipHost: 6,
  userAgent: 7,
  visitCount: 8,
  spacing: 9,
  firstVisit: 10,
  firstDay: 48,
  visitTime: 11,
  attributed: 12,
  channel: 13,
  spelling: 14,
  landing: 15,
  views: 16,
  productCount: 17,
  order: 18,
  extraPages: 19,
  directReferrer: 20,
  pageTime: 21,
  pageProduct: 22,
  pageBlog: 23,
  extraPageKind: 24,
  lateArrival: 25,
  queue: 26,
  network: 27,
  pageIdHigh: 28,
  pageIdLow: 29,
  viewIdHigh: 30,
  viewIdLow: 31,
  orderIdHigh: 32,
  orderIdLow: 33,
  viewBeforePage: 34,
  viewOffset: 35,
  viewNetwork: 36,
  orderOffset: 37,
  orderNetwork: 38,
  orderNumber: 39,
  quantity: 40,
  sideOrder: 41,
  missingTotal: 42,
  duplicate: 43,
  duplicateDelay: 44,
  duplicatePerson: 45,
  duplicateUserId: 46,
  botProducts: 47,
} as const;

type Medium = 'email' | 'social' | 'display' | 'news' | 'cpc';

interface SampleChannel {
  source: string;
  medium: Medium | 'Email';
  content?: string;
  term?: string;
  /** This link's share of the campaign's visits, relative to its other links. */
  weight: number;
  /** Chance that a visit through this link views a product. */
  viewRate: number;
  /** Chance that a visit that viewed a product orders. */
  buyRate: number;
}

interface SampleCampaign {
  /** The campaign as its team meant to write it (the normalised key, after `+` and case). */
  campaign: string;
  /** Visits a day while it runs, relative to the other campaigns and to direct visits. */
  dailyVisits: number;
  firstDay: string;
  lastDay: string;
  /** Traffic swells around this day (a one-day offer). */
  peakDay?: string;
  discountCents?: number;
  discountPercent?: number;
  /** How links actually spell `utm_campaign`, with relative weights. */
  spellings: [string, number][];
  channels: SampleChannel[];
}

/** One link of a campaign: where it was placed, its share of the visits and how they convert. */
function link(
  source: string,
  medium: SampleChannel['medium'],
  weight: number,
  viewRate: number,
  buyRate: number,
  tags: { content?: string; term?: string } = {},
): SampleChannel {
  return { source, medium, weight, viewRate, buyRate, ...tags };
}

const SAMPLE_CAMPAIGNS: SampleCampaign[] = [
  {
    campaign: 'national-toast-day',
    dailyVisits: 300,
    firstDay: '2024-02-19',
    lastDay: '2024-03-03',
    peakDay: '2024-02-27',
    discountCents: 500,
    // The spelled-out variants stay a campaign of their own after normalisation (a hyphen is
    // not a space): a naming slip the marketer sees as a small second line.
    spellings: [
      ['national-toast-day', 91],
      ['National-Toast-Day', 3],
      ['NATIONAL-TOAST-DAY ', 2],
      ['National+Toast+Day', 2],
      ['national toast day', 1],
      [' NATIONAL  TOAST DAY', 1],
    ],
    channels: [
      link('newsletter', 'email', 20, 0.62, 0.3, { content: 'hero-banner' }),
      link('newsletter', 'email', 8, 0.55, 0.25, { content: 'footer-link' }),
      link('breakfast-weekly', 'news', 22, 0.5, 0.22, { content: 'best-toast-in-town' }),
      link('facebook', 'social', 10, 0.3, 0.15),
      link('twitter', 'social', 6, 0.25, 0.12),
      link('google', 'cpc', 6, 0.45, 0.18, { term: 'national toast day' }),
    ],
  },
  {
    campaign: 'toast-your-friend',
    dailyVisits: 50,
    firstDay: '2024-01-01',
    lastDay: '2024-06-30',
    discountCents: 500,
    spellings: [
      ['toast-your-friend', 95],
      ['Toast-Your-Friend', 5],
    ],
    channels: [
      link('facebook', 'social', 14, 0.35, 0.12, { content: 'carousel' }),
      link('instagram', 'social', 14, 0.32, 0.1, { content: 'story' }),
      link('newsletter', 'email', 6, 0.5, 0.2, { content: 'gift-card' }),
      link('google', 'cpc', 6, 0.45, 0.15, { term: 'send toast to a friend' }),
      link('google', 'cpc', 4, 0.4, 0.14, { term: 'toast gift' }),
      link('google', 'display', 5, 0.2, 0.06, { content: 'banner-300x250' }),
    ],
  },
  {
    campaign: 'spring sale',
    dailyVisits: 120,
    firstDay: '2024-03-18',
    lastDay: '2024-04-14',
    discountPercent: 15,
    spellings: [
      ['Spring+Sale', 50],
      ['spring sale', 40],
      [' SPRING  SALE ', 10],
    ],
    channels: [
      link('newsletter', 'email', 14, 0.55, 0.26, { content: 'hero-banner' }),
      link('facebook', 'social', 8, 0.3, 0.12),
      link('google', 'cpc', 8, 0.45, 0.2, { term: 'toast sale' }),
      link('google', 'display', 5, 0.2, 0.07, { content: 'banner-728x90' }),
    ],
  },
  {
    campaign: 'brunch club',
    dailyVisits: 20,
    firstDay: '2024-02-05',
    lastDay: '2024-06-30',
    spellings: [
      ['Brunch+Club', 60],
      ['brunch club', 40],
    ],
    channels: [
      link('newsletter', 'email', 4, 0.6, 0.28, { content: 'members-menu' }),
      // The club's own mailing tool writes the medium capitalised.
      link('newsletter', 'Email', 2, 0.6, 0.28, { content: 'members-menu' }),
      link('instagram', 'social', 5, 0.35, 0.12),
      link('google', 'cpc', 4, 0.42, 0.16, { term: 'brunch delivery' }),
    ],
  },
  {
    campaign: 'sourdough-launch',
    dailyVisits: 80,
    firstDay: '2024-04-22',
    lastDay: '2024-05-19',
    spellings: [['sourdough-launch', 1]],
    channels: [
      link('breakfast-weekly', 'news', 8, 0.5, 0.2, { content: 'sourdough-review' }),
      link('instagram', 'social', 6, 0.3, 0.1, { content: 'reel' }),
      link('google', 'display', 6, 0.18, 0.06, { content: 'banner-300x250' }),
      link('newsletter', 'email', 5, 0.58, 0.24, { content: 'hero-banner' }),
    ],
  },
  {
    campaign: 'mothers-day-brunch',
    dailyVisits: 150,
    firstDay: '2024-04-29',
    lastDay: '2024-05-12',
    peakDay: '2024-05-11',
    spellings: [
      ['mothers-day-brunch', 97],
      ['Mothers-Day-Brunch', 3],
    ],
    channels: [
      link('newsletter', 'email', 12, 0.6, 0.3, { content: 'hero-banner' }),
      link('facebook', 'social', 8, 0.32, 0.14),
      link('google', 'cpc', 6, 0.48, 0.22, { term: 'mothers day breakfast delivery' }),
    ],
  },
  {
    campaign: 'avocado-toast-week',
    dailyVisits: 130,
    firstDay: '2024-06-03',
    lastDay: '2024-06-16',
    spellings: [['avocado-toast-week', 1]],
    channels: [
      link('instagram', 'social', 10, 0.34, 0.12, { content: 'story' }),
      link('twitter', 'social', 4, 0.24, 0.08),
      link('google', 'cpc', 8, 0.5, 0.2, { term: 'avocado toast near me' }),
    ],
  },
  {
    campaign: 'new-year-new-loaf',
    dailyVisits: 90,
    firstDay: '2024-01-02',
    lastDay: '2024-01-28',
    spellings: [['new-year-new-loaf', 1]],
    channels: [
      link('newsletter', 'email', 8, 0.55, 0.22, { content: 'hero-banner' }),
      link('google', 'cpc', 6, 0.42, 0.16, { term: 'whole grain bread delivery' }),
      link('google', 'display', 5, 0.18, 0.05, { content: 'banner-728x90' }),
      link('facebook', 'social', 4, 0.28, 0.1),
    ],
  },
];

/** Where visits through a medium land, in percent: store front, product page, blog, about, home. */
const LANDING_MIX: Record<Medium | 'direct', [number, number, number, number, number]> = {
  email: [55, 35, 5, 0, 5],
  social: [50, 30, 10, 2, 8],
  display: [60, 30, 0, 0, 10],
  news: [40, 20, 30, 5, 5],
  cpc: [50, 45, 0, 0, 5],
  direct: [25, 15, 15, 5, 40],
};

/** How a visit without a campaign behaves: returning customers and organic search. */
const DIRECT_VISITS = { viewRate: 0.35, buyRate: 0.1 };
/** Direct visits a day, on the scale of the campaigns' `dailyVisits`. */
const DIRECT_DAILY_VISITS = 150;
const LOYAL_VISITS = { viewRate: 0.9, buyRate: 0.6, storeLanding: 60 };

const SOURCE_REFERRERS: Record<string, string> = {
  facebook: 'https://www.facebook.com/',
  instagram: 'https://l.instagram.com/',
  twitter: 'https://t.co/',
  google: 'https://www.google.com/',
  'breakfast-weekly': 'https://www.breakfastweekly.com/',
};

interface SampleProduct {
  slug: string;
  name: string;
  sku: string;
  priceCents: number;
}

const PRODUCTS: SampleProduct[] = [
  product('sourdough-cultured-butter', 'Sourdough & Cultured Butter', 'TM-SD-001', 650),
  product('avocado-chili', 'Avocado & Chili Flakes', 'TM-AV-002', 1150),
  product('ricotta-honey', 'Ricotta & Wildflower Honey', 'TM-RH-003', 950),
  product('cinnamon-sugar-brioche', 'Cinnamon Sugar Brioche', 'TM-CB-004', 600),
  product('smoked-salmon-rye', 'Smoked Salmon on Rye', 'TM-SR-005', 1400),
  product('heirloom-tomato', 'Heirloom Tomato & Olive Oil', 'TM-HT-006', 900),
  product('peanut-butter-banana', 'Peanut Butter & Banana', 'TM-PB-007', 750),
  product('mushroom-gruyere', 'Mushroom & Gruyere', 'TM-MG-008', 1250),
  product('gluten-free-seeded', 'Gluten-Free Seeded Loaf', 'TM-GF-009', 1000),
  product('egg-and-soldiers', 'Soft Egg & Soldiers', 'TM-ES-010', 850),
  product('strawberry-jam', 'Strawberry Jam & Butter', 'TM-SJ-011', 550),
  product('toast-for-a-friend-box', 'Toast for a Friend Gift Box', 'TM-GB-012', 2500),
];
function product(slug: string, name: string, sku: string, priceCents: number): SampleProduct {
  return { slug, name, sku, priceCents };
}

const SIDE_ORDER_CENTS = 375;
const FREE_DELIVERY_FROM_CENTS = 2500;
const DELIVERY_CENTS = 299;

const BLOG_POSTS: { slug: string; title: string }[] = [
  { slug: 'national-toast-day-2024', title: 'Celebrate National Toast Day with us' },
  { slug: 'how-we-bake-our-sourdough', title: 'How we bake our sourdough' },
  { slug: 'the-perfect-avocado-toast', title: 'The perfect avocado toast' },
  { slug: 'brunch-club-is-here', title: 'Brunch Club is here' },
  { slug: 'toast-etiquette', title: 'A short guide to toast etiquette' },
  { slug: 'meet-our-bakers', title: 'Meet our bakers' },
];

const ORDER_CONFIRMED_PATH = '/store/checkout/thank-you';
const SITE_PAGES: { kind: number; path: string; title: string }[] = [
  { kind: PAGE.home, path: '/', title: 'Toastmates | Artisanal toast, delivered' },
  { kind: PAGE.store, path: '/store', title: 'Store | Toastmates' },
  { kind: PAGE.about, path: '/about', title: 'About us | Toastmates' },
  { kind: PAGE.cart, path: '/store/cart', title: 'Your basket | Toastmates' },
  { kind: PAGE.checkout, path: '/store/checkout', title: 'Checkout | Toastmates' },
  { kind: PAGE.orderConfirmed, path: ORDER_CONFIRMED_PATH, title: 'Thank you | Toastmates' },
];

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0',
  'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
];
const BOT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/121.0.0.0 Safari/537.36';

/** Documentation address ranges (RFC 5737), so no sample address belongs to anyone. */
const IP_PREFIXES = ['192.0.2', '198.51.100', '203.0.113'];

/**
 * Creates the tables `pages`, `product_viewed` and `order_completed` of a Segment warehouse for
 * the Toastmates store in `schema` (default `main`), replacing tables of those names.
 *
 * Eight campaigns reach people through email, social, display, news and cpc links between
 * 2024-01-01 and 2024-06-30 UTC. The data has what real exports have: repeated message ids
 * (some under another person), late arrivals, product views a few hundred milliseconds before
 * their page view, later pages of a visit without campaign columns, campaign names spelled
 * several ways, anonymous-only people, orders without a total and orders long after the
 * buyer's last campaign visit. Everything is drawn from a hash of the seed and the row, in SQL,
 * so a million people take seconds and the same seed always gives the same rows.
 *
 * A person is either identified on every event or on none: the sample has no anonymous browsing
 * that a later login ties to a user id, so it never tests stitching the two ids together.
 *
 * @example
 * await createSampleWarehouse(connection, { people: DEFAULT_SAMPLE_PEOPLE });
 * // => { pages: 37300, product_viewed: 12301, order_completed: 892 }
 */
export async function createSampleWarehouse(
  connection: DuckDBConnection,
  options: SampleWarehouseOptions,
): Promise<SampleWarehouseCounts> {
  const settings = sampleSettings(options);
  const schema = quoteIdentifier(options.schema ?? 'main');

  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  try {
    await createLookupTables(connection);
    const statements = [
      peopleSql(),
      visitsSql(),
      pagesSql(`${schema}.pages`),
      productViewedSql(`${schema}.product_viewed`),
      orderCompletedSql(`${schema}.order_completed`),
      ...['pages', 'product_viewed', 'order_completed'].flatMap((table) =>
        duplicatesSql(`${schema}.${table}`),
      ),
    ];
    for (const sql of statements) {
      await connection.run(sql, parametersUsedBy(sql, settings));
    }
    return await countRows(connection, schema);
  } finally {
    for (const table of TEMPORARY_TABLES) {
      await connection.run(`DROP TABLE IF EXISTS temp.${table}`);
    }
  }
}

const TEMPORARY_TABLES = [
  'sample_channels',
  'sample_spellings',
  'sample_channel_days',
  'sample_day_channels',
  'sample_days',
  'sample_first_days',
  'sample_products',
  'sample_page_catalog',
  'sample_user_agents',
  'sample_people',
  'sample_visits',
  'sample_repeats',
];

/** The numbers the SQL reads as parameters (`$seed`, `$people`, ...). */
interface SampleSettings {
  seed: number;
  people: number;
  heavy_people: number;
  regular_visit_scale: number;
  loyal_visits: number;
  bot_visits: number;
}

/** DuckDB refuses parameters a statement does not use, so each gets only its own. */
function parametersUsedBy(sql: string, settings: SampleSettings): Record<string, number> {
  return Object.fromEntries(
    Object.entries(settings).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)),
  );
}

/** Turns the options into the numbers the SQL needs, keeping the event total near 10 a person. */
function sampleSettings(options: SampleWarehouseOptions): SampleSettings {
  const { people } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(people) || people < 1 || people > MAX_SAMPLE_PEOPLE) {
    throw new RangeError(
      `people must be a whole number from 1 to ${MAX_SAMPLE_PEOPLE}, not ${people}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a whole number, not ${seed}`);
  }

  const targetEvents = EVENTS_PER_PERSON * people;
  const heavyPeople = options.skewed ? Math.max(1, Math.round(people * HEAVY_SHARE_OF_PEOPLE)) : 0;
  const heavyEventsEach =
    heavyPeople > 0 ? (HEAVY_SHARE_OF_EVENTS * targetEvents) / heavyPeople : 0;
  const regularPeople = people - heavyPeople;
  const regularEvents = targetEvents - heavyEventsEach * heavyPeople;
  const regularVisits =
    regularPeople > 0 ? regularEvents / regularPeople / EVENTS_PER_VISIT.regular : 1;
  return {
    seed,
    people,
    heavy_people: heavyPeople,
    regular_visit_scale: geometricScale(Math.max(regularVisits - 1, 0)),
    loyal_visits: heavyVisits(heavyEventsEach / EVENTS_PER_VISIT.loyal),
    bot_visits: heavyVisits(heavyEventsEach / EVENTS_PER_VISIT.bot),
  };
}

function heavyVisits(visits: number): number {
  return Math.min(MAX_VISITS_PER_PERSON, Math.max(1, Math.round(visits)));
}

/**
 * The factor that turns an exponential draw into a geometric count with the given mean:
 * floor(-ln(1 - u) * scale) has mean 1 / (exp(1 / scale) - 1).
 */
function geometricScale(mean: number): number {
  return mean > 0 ? 1 / Math.log(1 + 1 / mean) : 0;
}

/** Accepts plain identifiers only, so a schema name can never change the statement. */
function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new RangeError(`schema must be letters, digits and underscores, not ${name}`);
  }
  return `"${name}"`;
}

/** A uniform draw in [0, 1) from the seed, the salt and the row keys (53 bits of the hash). */
function uniform(salt: number, ...keys: string[]): string {
  return `((${hashOf(salt, keys)} >> 11)::DOUBLE / 9007199254740992.0)`;
}

/** A whole number from 0 to count - 1. */
function choice(count: number, salt: number, ...keys: string[]): string {
  return `(${hashOf(salt, keys)} % ${count})::INTEGER`;
}

/** Sixteen lower-case hex digits. */
function hexOf(salt: number, ...keys: string[]): string {
  // Setting the top bit keeps every value 16 digits long without a costly padding step.
  return `lower(to_hex(${hashOf(salt, keys)} | 9223372036854775808::UBIGINT))`;
}

/** A geometric count with the given mean. */
function geometric(mean: number, salt: number, ...keys: string[]): string {
  return `floor(-ln(1 - ${uniform(salt, ...keys)}) * ${geometricScale(mean)})::INTEGER`;
}

/**
 * DuckDB's hash of several values XORs the hash of the last one into the rest, so draws that
 * differ only in salt or seed would differ by a constant; hashing the result again mixes them.
 */
function hashOf(salt: number, keys: string[]): string {
  return `hash(hash($seed::BIGINT, ${salt}, ${keys.join(', ')}))`;
}

function dayNumber(isoDay: string): number {
  return Math.round(
    (Date.parse(`${isoDay}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / 86_400_000,
  );
}

/** Loads the store's catalogue, campaigns and links into temporary tables. */
async function createLookupTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_channels (
       channel_id INTEGER, campaign_id INTEGER, source VARCHAR, medium VARCHAR, content VARCHAR,
       term VARCHAR, referrer VARCHAR, weight DOUBLE, view_rate DOUBLE, buy_rate DOUBLE,
       first_day INTEGER, last_day INTEGER, peak_day INTEGER, discount_cents INTEGER,
       discount_percent DOUBLE, store_until INTEGER, product_until INTEGER, blog_until INTEGER,
       about_until INTEGER)`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_spellings (
       campaign_id INTEGER, bucket INTEGER, spelling VARCHAR)`,
  );
  const channelRows: unknown[][] = [];
  const spellingRows: unknown[][] = [];
  SAMPLE_CAMPAIGNS.forEach((campaign, campaignId) => {
    const linkWeights = campaign.channels.reduce((sum, channel) => sum + channel.weight, 0);
    for (const channel of campaign.channels) {
      const landing = cumulative(
        LANDING_MIX[channel.medium === 'Email' ? 'email' : channel.medium],
      );
      channelRows.push([
        channelRows.length,
        campaignId,
        channel.source,
        channel.medium,
        channel.content ?? null,
        channel.term ?? null,
        SOURCE_REFERRERS[channel.source] ?? null,
        (campaign.dailyVisits * channel.weight) / linkWeights,
        channel.viewRate,
        channel.buyRate,
        dayNumber(campaign.firstDay),
        dayNumber(campaign.lastDay),
        campaign.peakDay ? dayNumber(campaign.peakDay) : null,
        campaign.discountCents ?? 0,
        campaign.discountPercent ?? 0,
        ...landing.slice(0, 4),
      ]);
    }
    spellingBuckets(campaign.spellings).forEach((spelling, bucket) => {
      spellingRows.push([campaignId, bucket, spelling]);
    });
  });
  await insertRows(connection, 'sample_channels', channelRows);
  await insertRows(connection, 'sample_spellings', spellingRows);

  // Visits a day of every link, as integers so that every split below is exact and never
  // depends on the order of a sum.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_channel_days AS
     SELECT d.range::INTEGER AS day, c.channel_id,
       round(c.weight * 100 * CASE WHEN c.peak_day IS NULL THEN 1
         ELSE 1 + 4 * exp(-abs(d.range - c.peak_day) / 1.5) END)::BIGINT AS share
     FROM range(${DAYS}) d JOIN sample_channels c ON d.range BETWEEN c.first_day AND c.last_day`,
  );

  // Which link a campaign visit came through, by day and one of 1000 buckets.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_day_channels AS
     WITH spans AS (
       SELECT day, channel_id,
         sum(share) OVER (PARTITION BY day ORDER BY channel_id) - share AS low,
         sum(share) OVER (PARTITION BY day ORDER BY channel_id) AS high,
         sum(share) OVER (PARTITION BY day) AS total
       FROM sample_channel_days
     )
     SELECT spans.day, b.range::INTEGER AS bucket, spans.channel_id
     FROM spans JOIN range(1000) b
       ON (2 * b.range + 1) * spans.total >= 2000 * spans.low
      AND (2 * b.range + 1) * spans.total < 2000 * spans.high`,
  );

  // Campaigns bring visits on top of the steady direct traffic: a day's share of first visits
  // and its share of visits that come through a campaign link follow the campaigns running.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_days AS
     WITH daily AS (
       SELECT d.range::INTEGER AS day, coalesce(sum(c.share), 0)::BIGINT AS campaign_share,
         ${Math.round(DIRECT_DAILY_VISITS * 100)}::BIGINT AS direct_share
       FROM range(${DAYS}) d LEFT JOIN sample_channel_days c ON c.day = d.range
       GROUP BY d.range
     )
     SELECT day, campaign_share / (campaign_share + direct_share) AS attributed_share,
       sum(campaign_share + direct_share) OVER (ORDER BY day)
         - (campaign_share + direct_share) AS low,
       sum(campaign_share + direct_share) OVER (ORDER BY day) AS high,
       sum(campaign_share + direct_share) OVER () AS total
     FROM daily`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_first_days AS
     SELECT b.range::INTEGER AS bucket, d.day
     FROM sample_days d JOIN range(10000) b
       ON (2 * b.range + 1) * d.total >= 20000 * d.low
      AND (2 * b.range + 1) * d.total < 20000 * d.high`,
  );

  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_products (
       product_index INTEGER, product_id VARCHAR, sku VARCHAR, name VARCHAR, price_cents INTEGER)`,
  );
  await insertRows(
    connection,
    'sample_products',
    PRODUCTS.map((product, index) => [
      index,
      `prod_${String(1001 + index)}`,
      product.sku,
      product.name,
      product.priceCents,
    ]),
  );

  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sample_page_catalog (
       page_kind INTEGER, page_index INTEGER, path VARCHAR, title VARCHAR)`,
  );
  await insertRows(connection, 'sample_page_catalog', [
    ...SITE_PAGES.map((page) => [page.kind, 0, page.path, page.title]),
    ...PRODUCTS.map((product, index) => [
      PAGE.product,
      index,
      `/store/products/${product.slug}`,
      `${product.name} | Toastmates`,
    ]),
    ...BLOG_POSTS.map((post, index) => [
      PAGE.blog,
      index,
      `/blog/${post.slug}`,
      `${post.title} | Toastmates Blog`,
    ]),
  ]);

  await connection.run(
    'CREATE OR REPLACE TEMP TABLE sample_user_agents (agent_index INTEGER, user_agent VARCHAR)',
  );
  await insertRows(connection, 'sample_user_agents', [
    ...USER_AGENTS.map((agent, index) => [index, agent]),
    [USER_AGENTS.length, BOT_USER_AGENT],
  ]);
}

/** Running totals of percentages: [55, 35, 5, 0, 5] -> [55, 90, 95, 95, 100]. */
function cumulative(percentages: number[]): number[] {
  let total = 0;
  return percentages.map((percentage) => (total += percentage));
}

/** Spreads spellings over 100 buckets by weight. */
function spellingBuckets(spellings: [string, number][]): string[] {
  const total = spellings.reduce((sum, [, weight]) => sum + weight, 0);
  const buckets: string[] = [];
  let reached = 0;
  for (const [spelling, weight] of spellings) {
    reached += weight;
    while (buckets.length < Math.round((reached / total) * 100)) buckets.push(spelling);
  }
  return buckets;
}

async function insertRows(
  connection: DuckDBConnection,
  table: string,
  rows: unknown[][],
): Promise<void> {
  const statement = await connection.prepare(
    `INSERT INTO ${table} VALUES (${rows[0].map((_, index) => `$${index + 1}`).join(', ')})`,
  );
  for (const row of rows) {
    statement.bind(row as (string | number | null)[]);
    await statement.run();
  }
}

/** One row per person: who they are, how often they come and how far apart their visits are. */
function peopleSql(): string {
  const person = 'r.range';
  const kind = `CASE WHEN ${person} >= $heavy_people::BIGINT THEN ${PERSON_KIND.regular}
    WHEN ${person} % 2 = 0 THEN ${PERSON_KIND.loyal} ELSE ${PERSON_KIND.bot} END`;
  const identified = `CASE WHEN kind = ${PERSON_KIND.loyal} THEN true
    WHEN kind = ${PERSON_KIND.bot} THEN false ELSE ${uniform(DRAW.identified, 'person')} < 0.7 END`;
  return `CREATE OR REPLACE TEMP TABLE sample_people AS
    WITH base AS (
      SELECT ${person} AS person, ${kind} AS kind,
        ${hexOf(DRAW.anonymousIdHigh, person)} AS high, ${hexOf(DRAW.anonymousIdLow, person)} AS low
      FROM range($people) r
    ), counted AS (
      SELECT b.*,
        CASE kind WHEN ${PERSON_KIND.regular}
          THEN least(${MAX_VISITS_PER_PERSON},
            1 + floor(-ln(1 - ${uniform(DRAW.visitCount, 'person')})
              * $regular_visit_scale::DOUBLE))::BIGINT
          WHEN ${PERSON_KIND.loyal} THEN $loyal_visits::BIGINT
          ELSE $bot_visits::BIGINT END AS visit_count,
        ${identified} AS identified,
        CASE WHEN kind = ${PERSON_KIND.bot} THEN ${USER_AGENTS.length}
          ELSE ${choice(USER_AGENTS.length, DRAW.userAgent, 'person')} END AS agent_index,
        ${choice(10000, DRAW.firstDay, 'person')} AS first_day_bucket
      FROM base b
    ), spaced AS (
      SELECT c.*,
        CASE WHEN kind = ${PERSON_KIND.regular}
          THEN floor((1 + 24 * ${uniform(DRAW.spacing, 'person')}) * ${DAY_MICROS})::BIGINT
          ELSE ${VISIT_PERIOD_MICROS} // visit_count END AS spacing_micros,
        CASE WHEN kind = ${PERSON_KIND.regular}
          THEN f.day * ${DAY_MICROS}
            + floor(${uniform(DRAW.firstVisit, 'person')} * ${DAY_MICROS - 3_600_000_000})::BIGINT
          ELSE 0 END AS first_micros
      FROM counted c JOIN sample_first_days f ON f.bucket = c.first_day_bucket
    )
    SELECT p.person, p.kind, p.visit_count, p.spacing_micros, p.first_micros,
      substr(high, 2, 8) || '-' || substr(high, 10, 4) || '-4' || substr(high, 14, 3) || '-'
        || translate(substr(low, 1, 1), 'cdef', '89ab') || substr(low, 2, 3) || '-'
        || substr(low, 5, 12) AS anonymous_id,
      CASE WHEN identified THEN 'usr_' || ${hexOf(DRAW.userId, 'person')} END AS user_id,
      list_element([${IP_PREFIXES.map(sqlText).join(', ')}],
          1 + ${choice(IP_PREFIXES.length, DRAW.ipRange, 'person')})
        || '.' || (1 + ${choice(254, DRAW.ipHost, 'person')}) AS ip,
      a.user_agent
    FROM spaced p JOIN sample_user_agents a USING (agent_index)`;
}

/**
 * One row per visit: when it starts, the link it came through (if any) and the shape of the
 * visit (landing page, product pages, whether it ends in an order, pages read afterwards).
 */
function visitsSql(): string {
  const visit = 'visit_id';
  const landingDraw = choice(100, DRAW.landing, visit);
  const direct = cumulative(LANDING_MIX.direct);
  const landingKind = `CASE
    WHEN kind = ${PERSON_KIND.bot} THEN ${PAGE.store}
    WHEN kind = ${PERSON_KIND.loyal} AND channel_id IS NULL
      THEN CASE WHEN ${landingDraw} < ${LOYAL_VISITS.storeLanding} THEN ${PAGE.store}
        ELSE ${PAGE.home} END
    WHEN ${landingDraw} < coalesce(store_until, ${direct[0]}) THEN ${PAGE.store}
    WHEN ${landingDraw} < coalesce(product_until, ${direct[1]}) THEN ${PAGE.product}
    WHEN ${landingDraw} < coalesce(blog_until, ${direct[2]}) THEN ${PAGE.blog}
    WHEN ${landingDraw} < coalesce(about_until, ${direct[3]}) THEN ${PAGE.about}
    ELSE ${PAGE.home} END`;
  const viewRate = `CASE kind WHEN ${PERSON_KIND.bot} THEN 1.0
    WHEN ${PERSON_KIND.loyal} THEN ${LOYAL_VISITS.viewRate}
    ELSE coalesce(view_rate, ${DIRECT_VISITS.viewRate}) END`;
  const buyRate = `CASE kind WHEN ${PERSON_KIND.bot} THEN 0.0
    WHEN ${PERSON_KIND.loyal} THEN ${LOYAL_VISITS.buyRate}
    ELSE coalesce(buy_rate, ${DIRECT_VISITS.buyRate}) END`;
  const productCount = `CASE
    WHEN NOT has_products THEN 0
    WHEN kind = ${PERSON_KIND.bot} THEN 6 + ${choice(9, DRAW.botProducts, visit)}
    WHEN kind = ${PERSON_KIND.loyal} THEN 1 + ${choice(3, DRAW.productCount, visit)}
    ELSE 1 + ${geometric(1, DRAW.productCount, visit)} END`;
  const extraPages = `CASE WHEN kind = ${PERSON_KIND.regular}
    THEN ${geometric(1.2, DRAW.extraPages, visit)} ELSE 0 END`;
  const search = `'?utm_source=' || source || '&utm_medium=' || medium
    || '&utm_campaign=' || replace(spelling, ' ', '%20')
    || coalesce('&utm_content=' || content, '')
    || coalesce('&utm_term=' || replace(term, ' ', '%20'), '')`;
  const directReferrer = `CASE WHEN ${uniform(DRAW.directReferrer, visit)} < 0.5
    THEN ${sqlText(SOURCE_REFERRERS.google)} END`;

  return `CREATE OR REPLACE TEMP TABLE sample_visits AS
    WITH expanded AS (
      SELECT p.*, unnest(range(p.visit_count)) AS visit_number FROM sample_people p
    ), timed AS (
      SELECT e.*, e.person * 1000000 + e.visit_number AS visit_id FROM expanded e
    ), started AS (
      -- A regular person's visits follow the first one at their own pace (wrapping round to the
      -- start of the period); a heavy person's are spread evenly over the whole period.
      SELECT t.*,
        CASE WHEN t.kind = ${PERSON_KIND.regular}
          THEN (t.first_micros + t.visit_number * t.spacing_micros
            + CASE WHEN t.visit_number = 0 THEN 0
              ELSE floor((${uniform(DRAW.visitTime, visit)} - 0.5) * 0.8
                * t.spacing_micros)::BIGINT END)
            % ${VISIT_PERIOD_MICROS}
          ELSE floor((t.visit_number + ${uniform(DRAW.visitTime, visit)})
            * t.spacing_micros)::BIGINT
          END AS start_micros
      FROM timed t
    ), drawn AS (
      SELECT t.*,
        CASE t.kind WHEN ${PERSON_KIND.bot} THEN true
          WHEN ${PERSON_KIND.loyal}
            THEN ${uniform(DRAW.attributed, visit)} < ${LOYAL_ATTRIBUTED_SHARE}
          ELSE ${uniform(DRAW.attributed, visit)} < d.attributed_share END AS attributed,
        ${choice(1000, DRAW.channel, visit)} AS channel_bucket,
        ${choice(100, DRAW.spelling, visit)} AS spelling_bucket
      FROM started t
      JOIN sample_days d ON d.day = t.start_micros // ${DAY_MICROS}
    ), channelled AS (
      SELECT d.*, c.* EXCLUDE (channel_id), dc.channel_id, sp.spelling
      FROM drawn d
      LEFT JOIN sample_day_channels dc
        ON dc.day = CASE WHEN d.attributed THEN d.start_micros // ${DAY_MICROS} END
       AND dc.bucket = d.channel_bucket
      LEFT JOIN sample_channels c ON c.channel_id = dc.channel_id
      LEFT JOIN sample_spellings sp
        ON sp.campaign_id = c.campaign_id AND sp.bucket = d.spelling_bucket
    ), landed AS (
      SELECT c.*, ${landingKind} AS landing_kind FROM channelled c
    ), viewed AS (
      SELECT l.*,
        landing_kind = ${PAGE.product} OR ${uniform(DRAW.views, visit)} < ${viewRate}
          AS has_products
      FROM landed l
    ), shaped AS (
      SELECT v.*, ${productCount} AS product_count,
        has_products AND ${uniform(DRAW.order, visit)} < ${buyRate} AS ordered,
        ${extraPages} AS extra_pages
      FROM viewed v
    )
    SELECT visit_id, person, anonymous_id, user_id, ip, user_agent, start_micros, landing_kind,
      CASE WHEN landing_kind = ${PAGE.product} THEN 0 ELSE 1 END AS product_offset,
      product_count, ordered,
      CASE WHEN landing_kind = ${PAGE.product} THEN 0 ELSE 1 END + product_count
        + CASE WHEN ordered THEN 3 ELSE 0 END + extra_pages AS page_count,
      spelling AS campaign_name, source AS campaign_source, medium AS campaign_medium,
      content AS campaign_content, term AS campaign_term,
      CASE WHEN channel_id IS NOT NULL THEN ${search} END AS search,
      CASE WHEN channel_id IS NOT NULL THEN referrer ELSE ${directReferrer} END AS landing_referrer,
      coalesce(discount_cents, 0) AS discount_cents,
      coalesce(discount_percent, 0) AS discount_percent
    FROM shaped`;
}

/** The kind of page at a position of the visit: landing, product pages, checkout, then reading. */
function pageKindAt(position: string): string {
  return `CASE
    WHEN ${position} < 0 THEN NULL
    WHEN ${position} = 0 AND landing_kind <> ${PAGE.product} THEN landing_kind
    WHEN ${position} < product_offset + product_count THEN ${PAGE.product}
    WHEN ordered AND ${position} = product_offset + product_count THEN ${PAGE.cart}
    WHEN ordered AND ${position} = product_offset + product_count + 1 THEN ${PAGE.checkout}
    WHEN ordered AND ${position} = product_offset + product_count + 2 THEN ${PAGE.orderConfirmed}
    ELSE list_element([${PAGE.blog}, ${PAGE.about}, ${PAGE.home}, ${PAGE.store}],
      1 + ${choice(4, DRAW.extraPageKind, 'visit_id', position)}) END`;
}

/** Which product or blog post a page shows (0 for pages with only one version). */
function pageIndexAt(position: string, kind: string): string {
  return `CASE ${kind}
    WHEN ${PAGE.product} THEN ${choice(PRODUCTS.length, DRAW.pageProduct, 'visit_id', position)}
    WHEN ${PAGE.blog} THEN ${choice(BLOG_POSTS.length, DRAW.pageBlog, 'visit_id', position)}
    ELSE 0 END`;
}

/** Microseconds from the start of the period to the page load at a position. */
function pageMicrosAt(position: string): string {
  return `(start_micros + ${position} * 45000000
    + floor(${uniform(DRAW.pageTime, 'visit_id', position)} * 40000000)::BIGINT)`;
}

/**
 * How long the browser held the events of a page load before sending them: hours or days for a
 * few (a phone offline), though never past the end of the period, so that the sample's own
 * span stays the half year.
 */
function queueMicrosAt(position: string): string {
  const latest = `${DAYS * DAY_MICROS - 60_000_000} - ${pageMicrosAt(position)}`;
  return `(CASE WHEN ${uniform(DRAW.lateArrival, 'visit_id', position)} < ${LATE_ARRIVAL_SHARE}
    THEN greatest(5000, least(${latest},
      3600000000 + floor(${uniform(DRAW.queue, 'visit_id', position)} * 71 * 3600000000)::BIGINT))
    ELSE 5000 + floor(${uniform(DRAW.queue, 'visit_id', position)} * 495000)::BIGINT END)`;
}

function networkMicros(salt: number, ...keys: string[]): string {
  return `(20000 + floor(${uniform(salt, ...keys)} * 180000)::BIGINT)`;
}

function instant(micros: string): string {
  return `make_timestamptz(${Date.parse(`${FIRST_DAY}T00:00:00Z`) * 1000} + ${micros})`;
}

function messageId(high: number, low: number, ...keys: string[]): string {
  return `'ajs-next-' || ${hexOf(high, ...keys)} || ${hexOf(low, ...keys)}`;
}

/** Campaign columns carry the visit's link only on the landing page, as analytics.js does. */
function campaignColumns(position: string): string {
  return ['name', 'source', 'medium', 'content', 'term']
    .map(
      (part) =>
        `CASE WHEN ${position} = 0 THEN campaign_${part} END::VARCHAR AS context_campaign_${part}`,
    )
    .join(',\n      ');
}

/** A string constant of this file as an SQL literal. */
function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function pageUrl(position: string, path: string): string {
  return `${sqlText(STORE_ORIGIN)} || ${path}
    || CASE WHEN ${position} = 0 THEN coalesce(search, '') ELSE '' END`;
}

function pagesSql(table: string): string {
  return `CREATE OR REPLACE TABLE ${table} AS
    WITH loads AS (
      SELECT v.*, unnest(range(v.page_count::BIGINT)) AS position FROM sample_visits v
    ), kinds AS (
      SELECT l.*, ${pageKindAt('position')} AS page_kind,
        ${pageKindAt('position - 1')} AS previous_kind
      FROM loads l
    ), indexed AS (
      SELECT k.*, ${pageIndexAt('position', 'page_kind')} AS page_index,
        ${pageIndexAt('position - 1', 'previous_kind')} AS previous_index,
        ${pageMicrosAt('position')} AS event_micros,
        ${queueMicrosAt('position')} AS queue_micros,
        ${networkMicros(DRAW.network, 'visit_id', 'position')} AS network_micros
      FROM kinds k
    ), located AS (
      SELECT i.*, page.path, page.title,
        ${pageUrl('position', 'page.path')} AS page_url,
        CASE WHEN position = 0 THEN landing_referrer
          ELSE ${pageUrl('position - 1', 'previous.path')} END AS page_referrer
      FROM indexed i
      JOIN sample_page_catalog page
        ON page.page_kind = i.page_kind AND page.page_index = i.page_index
      LEFT JOIN sample_page_catalog previous
        ON previous.page_kind = i.previous_kind AND previous.page_index = i.previous_index
    )
    SELECT
      ${messageId(DRAW.pageIdHigh, DRAW.pageIdLow, 'visit_id', 'position')}::VARCHAR AS id,
      anonymous_id::VARCHAR AS anonymous_id,
      user_id::VARCHAR AS user_id,
      ${instant('event_micros + queue_micros + network_micros')} AS received_at,
      ${instant('event_micros')} AS timestamp,
      ${instant('event_micros + queue_micros')} AS sent_at,
      ${campaignColumns('position')},
      page_url::VARCHAR AS context_page_url,
      ip::VARCHAR AS context_ip,
      user_agent::VARCHAR AS context_user_agent,
      page_url::VARCHAR AS url,
      path::VARCHAR AS path,
      page_referrer::VARCHAR AS referrer,
      title::VARCHAR AS title,
      CASE WHEN position = 0 THEN coalesce(search, '') ELSE '' END::VARCHAR AS search
    FROM located`;
}

/**
 * The columns every track event has, for one fired at `eventMicros` on the page load at
 * `position` (whose queue and network delays are columns of the row).
 */
function trackColumns(eventMicros: string, idSalts: [number, number], path: string): string {
  return `${messageId(idSalts[0], idSalts[1], 'visit_id', 'position')}::VARCHAR AS id,
      anonymous_id::VARCHAR AS anonymous_id,
      user_id::VARCHAR AS user_id,
      ${instant(`${eventMicros} + queue_micros + network_micros`)} AS received_at,
      ${instant(eventMicros)} AS timestamp,
      ${instant(`${eventMicros} + queue_micros`)} AS sent_at,
      ${campaignColumns('position')},
      (${pageUrl('position', path)})::VARCHAR AS context_page_url,
      ip::VARCHAR AS context_ip,
      user_agent::VARCHAR AS context_user_agent`;
}

function productViewedSql(table: string): string {
  const before = uniform(DRAW.viewBeforePage, 'visit_id', 'position');
  const viewOffset = `CASE WHEN ${before} < ${VIEW_BEFORE_PAGE_SHARE}
    THEN -100000 - floor(${uniform(DRAW.viewOffset, 'visit_id', 'position')} * 600000)::BIGINT
    ELSE 50000 + floor(${uniform(DRAW.viewOffset, 'visit_id', 'position')} * 1450000)::BIGINT END`;
  return `CREATE OR REPLACE TABLE ${table} AS
    WITH views AS (
      SELECT v.*, unnest(range(v.product_count)) AS product_number
      FROM sample_visits v WHERE v.product_count > 0
    ), placed AS (
      SELECT w.*, (w.product_offset + w.product_number)::BIGINT AS position FROM views w
    ), timed AS (
      SELECT w.*, ${pageIndexAt('position', String(PAGE.product))} AS product_index,
        ${pageMicrosAt('position')} + ${viewOffset} AS view_micros,
        ${queueMicrosAt('position')} AS queue_micros,
        ${networkMicros(DRAW.viewNetwork, 'visit_id', 'position')} AS network_micros
      FROM placed w
    )
    SELECT
      ${trackColumns('view_micros', [DRAW.viewIdHigh, DRAW.viewIdLow], 'page.path')},
      'product_viewed'::VARCHAR AS event,
      'Product Viewed'::VARCHAR AS event_text,
      product.product_id::VARCHAR AS product_id,
      product.sku::VARCHAR AS sku,
      product.name::VARCHAR AS name,
      (product.price_cents / 100)::DOUBLE AS price
    FROM timed t
    JOIN sample_products product USING (product_index)
    JOIN sample_page_catalog page
      ON page.page_kind = ${PAGE.product} AND page.page_index = t.product_index`;
}

function orderCompletedSql(table: string): string {
  const confirmedPath = sqlText(ORDER_CONFIRMED_PATH);
  const missingTotal = `${uniform(DRAW.missingTotal, 'visit_id')} < ${ORDERS_WITHOUT_TOTAL_SHARE}`;
  const cents = (column: string) =>
    `CASE WHEN ${missingTotal} THEN NULL ELSE round(${column} / 100, 2) END::DOUBLE`;
  return `CREATE OR REPLACE TABLE ${table} AS
    WITH orders AS (
      SELECT v.*, (v.product_offset + v.product_count + 2)::BIGINT AS position,
        (v.product_offset + v.product_count - 1)::BIGINT AS last_product_position
      FROM sample_visits v WHERE v.ordered
    ), basket AS (
      SELECT o.*, ${pageIndexAt('last_product_position', String(PAGE.product))} AS product_index,
        ${pageMicrosAt('position')} + 300000
          + floor(${uniform(DRAW.orderOffset, 'visit_id')} * 1700000)::BIGINT AS order_micros,
        ${queueMicrosAt('position')} AS queue_micros,
        ${networkMicros(DRAW.orderNetwork, 'visit_id', 'position')} AS network_micros,
        1 + ${choice(3, DRAW.quantity, 'visit_id')} AS quantity,
        CASE WHEN ${uniform(DRAW.sideOrder, 'visit_id')} < 0.4 THEN ${SIDE_ORDER_CENTS} ELSE 0 END
          AS side_cents
      FROM orders o
    ), priced AS (
      SELECT b.*, b.quantity * product.price_cents + b.side_cents AS subtotal_cents
      FROM basket b JOIN sample_products product USING (product_index)
    ), discounted AS (
      SELECT p.*,
        least(subtotal_cents, discount_cents + round(subtotal_cents * discount_percent / 100))
          AS discount_total_cents
      FROM priced p
    ), totalled AS (
      SELECT d.*, subtotal_cents - discount_total_cents AS revenue_cents,
        subtotal_cents - discount_total_cents
          + CASE WHEN subtotal_cents >= ${FREE_DELIVERY_FROM_CENTS} THEN 0
            ELSE ${DELIVERY_CENTS} END
          + round((subtotal_cents - discount_total_cents) * ${SALES_TAX_RATE}) AS total_cents
      FROM discounted d
    )
    SELECT
      ${trackColumns('order_micros', [DRAW.orderIdHigh, DRAW.orderIdLow], confirmedPath)},
      'order_completed'::VARCHAR AS event,
      'Order Completed'::VARCHAR AS event_text,
      ('TM-' || upper(substr(${hexOf(DRAW.orderNumber, 'visit_id')}, 2, 12)))::VARCHAR AS order_id,
      'USD'::VARCHAR AS currency,
      ${cents('total_cents')} AS total,
      ${cents('revenue_cents')} AS revenue,
      round(discount_total_cents / 100, 2)::DOUBLE AS discount
    FROM totalled t`;
}

/**
 * Delivers about 0.5% of the rows a second time, as at-least-once delivery does: the same
 * message a moment later (sometimes at the same instant), and one repeat in eight under another
 * user id, as after a profile merge.
 */
function duplicatesSql(table: string): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE sample_repeats AS
      SELECT t.* REPLACE (
        t.received_at + to_microseconds(
          CASE WHEN ${choice(4, DRAW.duplicateDelay, 't.id')} = 0 THEN 0
          ELSE 1000 + ${choice(3_000_000, DRAW.duplicateDelay, 't.id', '1')} END) AS received_at,
        CASE WHEN ${choice(8, DRAW.duplicatePerson, 't.id')} = 0
          THEN 'usr_' || ${hexOf(DRAW.duplicateUserId, 't.id')} ELSE t.user_id END AS user_id)
      FROM ${table} t
      WHERE ${choice(1000, DRAW.duplicate, 't.id')} < ${DUPLICATE_PER_MILLE}`,
    `INSERT INTO ${table} SELECT * FROM sample_repeats`,
  ];
}

async function countRows(
  connection: DuckDBConnection,
  schema: string,
): Promise<SampleWarehouseCounts> {
  const reader = await connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM ${schema}.pages)::DOUBLE AS pages,
       (SELECT count(*) FROM ${schema}.product_viewed)::DOUBLE AS product_viewed,
       (SELECT count(*) FROM ${schema}.order_completed)::DOUBLE AS order_completed`,
  );
  const [pages, productViewed, orderCompleted] = reader.getRows()[0] as number[];
  return { pages, product_viewed: productViewed, order_completed: orderCompleted };
}
