// Builds the one warehouse query that turns Segment events into funnel rows, in two dialects.
import { FunnelSpec, GroupingKey, KEY_COLUMNS } from '../funnel/funnelOptions';
import { ProductError } from '../productError';
import { DialectSpelling, dialectSpelling, presentText } from './dialect';
import { SqlDialect } from './identifiers';
import { QueryParameter } from './queryParameter';

/** Which optional columns the warehouse tables have; the query leaves absent ones out. */
export interface WarehouseColumns {
  pagesUrl: boolean;
  orderId: boolean;
  currency: boolean;
  revenue: boolean;
  /** Revenue stored as text (a CSV export) rather than a number: it is read leniently. */
  revenueIsText?: boolean;
}

export const ALL_OPTIONAL_COLUMNS: WarehouseColumns = {
  pagesUrl: true,
  orderId: true,
  currency: true,
  revenue: true,
};

/** SQL text with the parameters it expects. */
export interface BuiltQuery {
  sql: string;
  parameters: QueryParameter[];
}

/** The columns the funnel query returns, in order, after the grouping keys. */
export const FUNNEL_QUERY_FIGURES = [
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
] as const;

/** Marks the all-campaigns line, and the groups' lines, among the rows the query returns. */
export const ALL_GROUPS_LEVEL = 'all';
export const GROUP_LEVEL = 'group';

/** What the order steps carry about each counted order, besides whose it is. */
const ORDER_DETAILS = [
  'ordered_at',
  'order_key',
  'message_id',
  'revenue',
  'revenue_unreadable',
  'currency',
];
const ORDER_COLUMNS = ['person', ...ORDER_DETAILS].join(', ');

/** A table's quoted reference: project, dataset and table as far as they are given. */
export function tableReference(spec: FunnelSpec, table: string, spelling: DialectSpelling): string {
  const parts = [spec.tables.project, spec.tables.dataset, table].filter((part): part is string =>
    Boolean(part),
  );
  return parts.map((part) => spelling.quote(part)).join('.');
}

/** A grouping key as the query reads it: normalised (the default) or only checked present. */
export function keyExpression(
  spec: FunnelSpec,
  key: GroupingKey,
  spelling: DialectSpelling,
): string {
  const column = spelling.quote(KEY_COLUMNS[key]);
  if (!spec.normalize) return presentText(spelling, column);
  // A no-break space (U+00A0), as pasted from web pages, is a space like any other.
  const spaced = spelling.replaceAll(`REPLACE(${column}, '+', ' ')`, '[\\s\\x{00A0}]+', ' ');
  return `NULLIF(LOWER(TRIM(${spaced}, ' ')), '')`;
}

/** A column a step computes: its name, then the SQL that computes it. */
export type NamedExpression = [string, string];

/**
 * One Segment table with each message once. The first copy of a message is the earliest by
 * `received_at`, ties going to the smaller user_id, then anonymous_id (missing first), so
 * storage order never matters; rows without a message id are all kept.
 *
 * With a `candidates` condition on the stored columns, only messages with a candidate copy
 * are read, every copy of them included: the first copy is chosen among all copies, so the
 * answer is the same as deduplicating the whole table, at the cost of the rows that can
 * matter. Only ids that occur more than once are sorted; they are found by fingerprint, which
 * is cheaper to count than text: ids sharing a fingerprint by chance are merely sorted too,
 * and an id whose fingerprint occurs once certainly occurs once.
 */
export function onceSteps(
  name: string,
  table: string,
  columns: NamedExpression[],
  spelling: DialectSpelling,
  candidates: string | null = null,
): string[] {
  const stored = (column: string) => spelling.quote(column);
  const blankToNull = (column: string) => spelling.unlessBlank(stored(column));
  const extra = columns.map(([alias]) => `, ${alias}`).join('');
  const kept = `message_id, person, received_at${extra}`;
  // Both halves of the union list their columns in the same order: UNION ALL is positional.
  const computed = `message_id, COALESCE(user_key, anonymous_key) AS person, received_at${extra}`;
  const fingerprint = spelling.fingerprint('message_id');
  const steps = [];
  if (candidates) {
    steps.push(`${name}_candidate_ids AS (
  SELECT DISTINCT ${stored('id')} AS raw_id FROM ${table}
  WHERE ${stored('id')} IS NOT NULL AND ${candidates}
)`);
  }
  steps.push(
    `${name}_keyed AS (
  SELECT ${blankToNull('id')} AS message_id, ${blankToNull('user_id')} AS user_key,
    ${blankToNull('anonymous_id')} AS anonymous_key, ${stored('received_at')} AS received_at${columns
      .map(([alias, expression]) => `,\n    ${expression} AS ${alias}`)
      .join('')}
  FROM ${table}${
    candidates
      ? `
  WHERE ${stored('id')} IN (SELECT raw_id FROM ${name}_candidate_ids)
    OR (${stored('id')} IS NULL AND ${candidates})`
      : ''
  }
)`,
    `${name}_repeated_ids AS (
  SELECT ${fingerprint} AS id_fingerprint FROM ${name}_keyed
  WHERE message_id IS NOT NULL
  GROUP BY id_fingerprint
  HAVING COUNT(*) > 1
)`,
    `${name}_once AS (
  SELECT ${computed}
  FROM ${name}_keyed
  WHERE message_id IS NULL
    OR ${fingerprint} NOT IN (SELECT id_fingerprint FROM ${name}_repeated_ids)
  UNION ALL
  SELECT ${kept}
  FROM (
    SELECT ${computed}, ROW_NUMBER() OVER (
      PARTITION BY message_id
      ORDER BY received_at ASC NULLS LAST, user_key ASC NULLS FIRST, anonymous_key ASC NULLS FIRST
    ) AS copy_number
    FROM ${name}_keyed
    WHERE message_id IS NOT NULL
      AND ${fingerprint} IN (SELECT id_fingerprint FROM ${name}_repeated_ids)
  ) AS numbered_copies
  WHERE copy_number = 1
)`,
  );
  return steps;
}

/** Time bounds of the period on `received_at`, or nothing when the period is open. */
function timeBounds(spec: FunnelSpec, spelling: DialectSpelling): string[] {
  const bounds = [];
  if (spec.from) bounds.push(`received_at >= ${spelling.parameter('from_time', 'TIMESTAMP')}`);
  if (spec.toExclusive) {
    bounds.push(`received_at < ${spelling.parameter('to_time', 'TIMESTAMP')}`);
  }
  return bounds;
}

/** A row belongs to the period: it has a person, a time, and the time is inside the bounds. */
export function periodFilter(spec: FunnelSpec, spelling: DialectSpelling): string {
  return ['person IS NOT NULL', 'received_at IS NOT NULL', ...timeBounds(spec, spelling)].join(
    ' AND ',
  );
}

/** What the step builders of the funnel query share. */
interface QueryShape {
  spec: FunnelSpec;
  spelling: DialectSpelling;
  keys: GroupingKey[];
  /** The grouping keys as a column list, and as typed NULLs for the all-campaigns line. */
  keyList: string;
  nullKeys: string;
  skew: string;
  window: string;
  /**
   * Where a step read twice is computed once (DuckDB), people, touches, orders and buyer groups
   * are numbered: the walks then sort integers and carry one number each, and the details join
   * back by number. Where each reading recomputes a step (BigQuery), numbers given without an
   * order could differ between readings, so the walks carry the values.
   */
  numbered: boolean;
  qualifiedKeys(table: string): string;
}

function queryShape(spec: FunnelSpec, dialect: SqlDialect): QueryShape {
  const spelling = dialectSpelling(dialect);
  const keys = spec.groupBy;
  return {
    spec,
    spelling,
    keys,
    keyList: keys.join(', '),
    nullKeys: keys.map((key) => `CAST(NULL AS STRING) AS ${key}`).join(', '),
    skew: spelling.parameter('skew_micros', 'INT64'),
    window: spelling.parameter('window_micros', 'INT64'),
    numbered: spelling.sharedStepsComputedOnce,
    qualifiedKeys: (table) => keys.map((key) => `${table}.${key}`).join(', '),
  };
}

/** The rows of a step that belong to people with a touch, each person as the walks know them. */
function ofTouchedPeople({ numbered }: QueryShape, step: string, stepColumns: string[]): string {
  return numbered
    ? `(
      SELECT people.person_number AS person, ${stepColumns.map((c) => `${step}.${c}`).join(', ')}
      FROM ${step} JOIN people ON people.person = ${step}.person
    ) AS ${step}_of_touched_people`
    : `(
      SELECT person, ${stepColumns.join(', ')}
      FROM ${step}
      WHERE person IN (SELECT person FROM touches)
    ) AS ${step}_of_touched_people`;
}

/** The touches, numbered with their people where the dialect numbers rows. */
function touchSteps(shape: QueryShape, touchCondition: string): string[] {
  const { spec, spelling, keyList, numbered, qualifiedKeys } = shape;
  const touchSource = numbered ? 'touch_rows' : 'touches';
  const steps = [
    `${touchSource} AS (
  SELECT person, ${spelling.epochMicros('received_at')} AS touched_at, ${keyList}
  FROM pages_once
  WHERE ${periodFilter(spec, spelling)} AND ${touchCondition}
)`,
  ];
  if (numbered) {
    steps.push(
      `${spelling.sharedStep('people')} (
  SELECT person, ROW_NUMBER() OVER () AS person_number
  FROM (SELECT DISTINCT person FROM touch_rows) AS touched_people
)`,
      `${spelling.sharedStep('touches')} (
  SELECT people.person_number AS person, touch_rows.touched_at, ${qualifiedKeys('touch_rows')},
    ROW_NUMBER() OVER () AS touch_number
  FROM touch_rows JOIN people ON people.person = touch_rows.person
)`,
    );
  }

  return steps;
}

/**
 * Each touch learns its first product view at or after (touch - skew), from one sort of the
 * person's touches and views together: walking back in time, the last view seen is the first
 * view after the touch. The sort key is time x 2 + step, so that at equal times touches
 * (step 0) come before views (step 1) in one integer.
 */
function firstViewSteps(shape: QueryShape): string[] {
  const { spec, spelling, keyList, nullKeys, skew, window, numbered, qualifiedKeys } = shape;
  const touchPayload = numbered ? 'touch_number' : `touched_at, ${keyList}`;
  const viewPayload = numbered ? 'NULL AS touch_number' : `NULL AS touched_at, ${nullKeys}`;
  const firstView = `LAST_VALUE(viewed_at IGNORE NULLS) OVER (
      PARTITION BY person
      ORDER BY sort_key DESC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS first_view_at`;
  const viewed = (touch: string) =>
    `walked.first_view_at IS NOT NULL AND walked.first_view_at <= ${touch}.touched_at + ${window}
      AS viewed`;
  return [
    `touches_and_views AS (
  SELECT person, 2 * (touched_at - ${skew}) AS sort_key, ${touchPayload}, NULL AS viewed_at
  FROM touches
  UNION ALL
  SELECT person, 2 * ${spelling.epochMicros('received_at')} + 1 AS sort_key, ${viewPayload},
    ${spelling.epochMicros('received_at')} AS viewed_at
  FROM ${ofTouchedPeople(shape, 'views_once', ['received_at'])}
  WHERE ${periodFilter(spec, spelling)}
)`,
    numbered
      ? `${spelling.sharedStep('touches_with_first_view')} (
  SELECT touches.person, touches.touched_at, ${qualifiedKeys('touches')},
    walked.first_view_at, ${viewed('touches')}
  FROM (
    SELECT touch_number, ${firstView}
    FROM touches_and_views
  ) AS walked
  JOIN touches ON touches.touch_number = walked.touch_number
)`
      : `touches_with_first_view AS (
  SELECT person, touched_at, ${keyList}, first_view_at, ${viewed('walked')}
  FROM (
    SELECT person, touched_at, ${keyList}, ${firstView}
    FROM touches_and_views
  ) AS walked
  WHERE touched_at IS NOT NULL
)`,
  ];
}

/** The orders in the period, the spans of viewed touches, and which orders they let count. */
function orderSteps(shape: QueryShape, orderColumns: NamedExpression[]): string[] {
  const { spec, spelling, keys, keyList, nullKeys, skew, window, numbered, qualifiedKeys } = shape;
  const sameKeys = (left: string, right: string) =>
    keys.map((key) => `${left}.${key} = ${right}.${key}`).join(' AND ');
  // Orders are read once, with their key and amount, before they meet the groups; only the
  // orders of people with a touch can count.
  const storedOrderColumns = ['message_id', 'received_at', ...orderColumns.map(([alias]) => alias)];
  const steps = [
    `${spelling.sharedStep('orders_in_period')} (
  SELECT person, message_id, currency, revenue, ordered_at, order_key,
    revenue_written AND revenue IS NULL AS revenue_unreadable,
    COUNT(*) OVER (PARTITION BY order_key) AS key_copies${
      numbered ? ',\n    ROW_NUMBER() OVER () AS order_number' : ''
    }
  FROM (
    SELECT person, message_id, currency, revenue, revenue_written,
      ${spelling.epochMicros('received_at')} AS ordered_at,
      COALESCE('o:' || order_key, 'm:' || message_id, 'r:' || ${spelling.asText('person')} || ':' || ${spelling.asText(
        'ROW_NUMBER() OVER (PARTITION BY person ORDER BY received_at)',
      )}) AS order_key
    FROM ${ofTouchedPeople(shape, 'orders_once', storedOrderColumns)}
    WHERE ${periodFilter(spec, spelling)}
  ) AS keyed_orders
)`,
    // Touches sharing a first view open spans that start together; the latest reaches
    // furthest, so one span per first view is enough (and no two spans start together).
    `${spelling.sharedStep('viewed_touches_of_buyers')} (
  SELECT ${keyList}, person, first_view_at, MAX(touched_at) AS touched_at
  FROM touches_with_first_view
  WHERE viewed AND person IN (SELECT person FROM orders_in_period)
  GROUP BY ${keyList}, person, first_view_at
)`,
    // A group's spans together reach from its earliest (first view - skew) to its latest
    // (touch + window): orders outside that never count, and are not walked.
    `${spelling.sharedStep('buyer_groups')} (
  SELECT ${keyList}, person,
    MIN(first_view_at) - ${skew} AS reach_from,
    MAX(touched_at) + ${window} AS reach_to${
      numbered ? ',\n    ROW_NUMBER() OVER () AS span_group' : ''
    }
  FROM viewed_touches_of_buyers
  GROUP BY ${keyList}, person
)`,
  ];
  // A viewed touch lets an order count from (first view - skew) to (touch + window); an
  // order counts when the widest reach among spans started by then covers it. Both ends of
  // a span grow with the touch time (the first view after a later touch is never earlier),
  // so in start order the widest reach so far is the reach of the last span started.
  const reachSoFar = (partition: string) => `LAST_VALUE(reach_until IGNORE NULLS) OVER (
      PARTITION BY ${partition}
      ORDER BY sort_key ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS reach_so_far`;
  const orderedInReach = `FROM buyer_groups
  JOIN orders_in_period AS orders ON orders.person = buyer_groups.person
  WHERE orders.ordered_at BETWEEN buyer_groups.reach_from AND buyer_groups.reach_to`;
  const spanStart = `2 * (spans.first_view_at - ${skew}) AS sort_key,
    spans.touched_at + ${window} AS reach_until`;
  const orderDetailsOf = (table: string) =>
    ORDER_DETAILS.map((column) => `${table}.${column}`).join(', ');
  // An order counts for the all-campaigns line when it counts for some group, so that line's
  // orders are the groups' counted orders, each copy once.
  if (numbered) {
    steps.push(
      `orders_and_spans AS (
  SELECT buyer_groups.span_group, ${spanStart}, NULL AS order_number, NULL AS ordered_at
  FROM viewed_touches_of_buyers AS spans
  JOIN buyer_groups ON ${sameKeys('buyer_groups', 'spans')} AND buyer_groups.person = spans.person
  UNION ALL
  SELECT buyer_groups.span_group, 2 * orders.ordered_at + 1 AS sort_key, NULL AS reach_until,
    orders.order_number, orders.ordered_at
  ${orderedInReach}
)`,
      // The walk carries only an order's number; its details join back once per line.
      `${spelling.sharedStep('counted_orders')} (
  SELECT ${qualifiedKeys('buyer_groups')}, reached.order_number
  FROM (
    SELECT span_group, order_number, ordered_at, ${reachSoFar('span_group')}
    FROM orders_and_spans
  ) AS reached
  JOIN buyer_groups ON buyer_groups.span_group = reached.span_group
  WHERE reached.reach_so_far >= reached.ordered_at
)`,
      `leveled_orders AS (
  SELECT leveled.funnel_level, ${qualifiedKeys('leveled')}, orders.person,
    ${orderDetailsOf('orders')}, orders.key_copies
  FROM (
    SELECT '${GROUP_LEVEL}' AS funnel_level, ${keyList}, order_number
    FROM counted_orders
    UNION ALL
    SELECT DISTINCT '${ALL_GROUPS_LEVEL}' AS funnel_level, ${nullKeys}, order_number
    FROM counted_orders
  ) AS leveled
  JOIN orders_in_period AS orders ON orders.order_number = leveled.order_number
)`,
    );
  } else {
    const nullOrder = ORDER_DETAILS.map((column) => `NULL AS ${column}`).join(', ');
    steps.push(
      `orders_and_spans AS (
  SELECT ${qualifiedKeys('spans')}, spans.person, ${spanStart},
    ${nullOrder}, NULL AS key_copies
  FROM viewed_touches_of_buyers AS spans
  UNION ALL
  SELECT ${qualifiedKeys('buyer_groups')}, orders.person,
    2 * orders.ordered_at + 1 AS sort_key, NULL AS reach_until,
    ${orderDetailsOf('orders')}, orders.key_copies
  ${orderedInReach}
)`,
      `counted_orders AS (
  SELECT ${keyList}, ${ORDER_COLUMNS}, key_copies
  FROM (
    SELECT *, ${reachSoFar(`${keyList}, person`)}
    FROM orders_and_spans
  ) AS reached
  WHERE reach_so_far >= ordered_at
)`,
      `leveled_orders AS (
  SELECT '${GROUP_LEVEL}' AS funnel_level, ${keyList}, ${ORDER_COLUMNS}, key_copies
  FROM counted_orders
  UNION ALL
  SELECT DISTINCT '${ALL_GROUPS_LEVEL}' AS funnel_level, ${nullKeys}, ${ORDER_COLUMNS}, key_copies
  FROM counted_orders
)`,
    );
  }

  return steps;
}

/**
 * Builds the funnel query for a dialect. It returns one row per group (`funnel_level` =
 * 'group') and the all-campaigns line (`funnel_level` = 'all'), never event rows.
 *
 * Every step is a sort or a hash join on a person, never a range join between touches and
 * views, so a person with thousands of events costs in proportion to those events.
 *
 * @example
 * const { sql, parameters } = buildFunnelQuery(resolveFunnelSpec({}), 'bigquery');
 * // sql starts with 'WITH pages_candidate_ids AS (', parameters hold skew_micros and window_micros
 */
export function buildFunnelQuery(
  spec: FunnelSpec,
  dialect: SqlDialect,
  columns: WarehouseColumns = ALL_OPTIONAL_COLUMNS,
): BuiltQuery {
  if (spec.storeUrlPattern && !columns.pagesUrl) {
    throw new ProductError('funnel/store-pattern-without-url', { table: spec.tables.pages });
  }
  const shape = queryShape(spec, dialect);
  const { spelling, keys, keyList, nullKeys } = shape;
  const parameter = spelling.parameter;
  const present = (column: string) => presentText(spelling, spelling.quote(column));
  const sameGroup = (left: string, right: string) =>
    [`${left}.funnel_level = ${right}.funnel_level`]
      .concat(keys.map((key) => `${left}.${key} IS NOT DISTINCT FROM ${right}.${key}`))
      .join(' AND ');

  const keyColumns = keys.map((key): NamedExpression => [key, keyExpression(spec, key, spelling)]);
  const campaignFilterColumn: NamedExpression[] = spec.campaigns.length
    ? [['campaign_filter_key', keyExpression(spec, 'campaign', spelling)]]
    : [];
  const urlColumn: NamedExpression[] = spec.storeUrlPattern ? [['url', spelling.quote('url')]] : [];
  const revenueColumn = spelling.quote(spec.revenueColumn);
  const revenueWritten = columns.revenueIsText
    ? presentText(spelling, revenueColumn)
    : revenueColumn;
  const orderColumns: NamedExpression[] = [
    ['order_key', columns.orderId ? spelling.unlessBlank(spelling.quote('order_id')) : 'NULL'],
    ['revenue', columns.revenue ? spelling.asDecimal(revenueWritten) : 'NULL'],
    ['revenue_written', columns.revenue ? `${revenueWritten} IS NOT NULL` : 'FALSE'],
    ['currency', columns.currency ? `UPPER(${present('currency')})` : 'NULL'],
  ];

  // What a page view must have to be a touch; whether it is the first copy, and whose it is,
  // are checked after deduplication.
  const urlPattern = spec.storeUrlPattern ? parameter('store_url_pattern', 'STRING') : null;
  const campaignList = spec.campaigns.length ? parameter('campaigns', 'STRING_ARRAY') : null;
  const touchCondition = [
    ...timeBounds(spec, spelling),
    ...keys.map((key) => `${key} IS NOT NULL`),
    ...(urlPattern ? [`STRPOS(LOWER(url), LOWER(${urlPattern})) > 0`] : []),
    ...(campaignList ? [spelling.inArray('campaign_filter_key', campaignList)] : []),
  ].join(' AND ');
  // The same test on the stored columns, looser only in that a key which normalises to
  // nothing still passes: every message with a copy that can be a touch is read.
  const storedTouchCondition = [
    ...timeBounds(spec, spelling),
    ...keys.map((key) => `${spelling.quote(KEY_COLUMNS[key])} IS NOT NULL`),
    ...(urlPattern ? [`STRPOS(LOWER(${spelling.quote('url')}), LOWER(${urlPattern})) > 0`] : []),
    ...(campaignList
      ? [spelling.inArray(keyExpression(spec, 'campaign', spelling), campaignList)]
      : []),
  ].join(' AND ');

  const steps = [
    ...onceSteps(
      'pages',
      tableReference(spec, spec.tables.pages, spelling),
      [...keyColumns, ...campaignFilterColumn, ...urlColumn],
      spelling,
      storedTouchCondition,
    ),
    ...touchSteps(shape, touchCondition),
    ...onceSteps('views', tableReference(spec, spec.tables.productViewed, spelling), [], spelling),
    ...onceSteps(
      'orders',
      tableReference(spec, spec.tables.orderCompleted, spelling),
      orderColumns,
      spelling,
    ),
    ...firstViewSteps(shape),
    // The all-campaigns line is the same count over every touch at once: each person once.
    `visit_figures AS (
  SELECT '${GROUP_LEVEL}' AS funnel_level, ${keyList},
    COUNT(*) AS visits,
    COUNT(DISTINCT person) AS store_visitors,
    COUNT(DISTINCT CASE WHEN viewed THEN person END) AS product_viewers
  FROM touches_with_first_view
  GROUP BY ${keyList}
  UNION ALL
  SELECT '${ALL_GROUPS_LEVEL}' AS funnel_level, ${nullKeys},
    COUNT(*) AS visits,
    COUNT(DISTINCT person) AS store_visitors,
    COUNT(DISTINCT CASE WHEN viewed THEN person END) AS product_viewers
  FROM touches_with_first_view
)`,
    ...orderSteps(shape, orderColumns),
    // An order key carried by several messages is one order per line: its first counted copy
    // (earliest; then the smaller message id, missing last; then the one with a total, the
    // smaller; then the currency) gives the amount. Every counted copy makes its person a buyer.
    `order_copies AS (
  SELECT funnel_level, ${keyList}, ${ORDER_COLUMNS}, TRUE AS first_copy
  FROM leveled_orders
  WHERE key_copies = 1
  UNION ALL
  SELECT funnel_level, ${keyList}, ${ORDER_COLUMNS}, order_copy = 1 AS first_copy
  FROM (
    SELECT *, ROW_NUMBER() OVER (
      PARTITION BY funnel_level, ${keyList}, order_key
      ORDER BY ordered_at ASC, message_id ASC NULLS LAST, revenue ASC NULLS LAST,
        currency ASC NULLS LAST
    ) AS order_copy
    FROM leveled_orders
    WHERE key_copies > 1
  ) AS numbered_orders
)`,
    `order_figures AS (
  SELECT funnel_level, ${keyList},
    COUNT(DISTINCT person) AS buyers,
    SUM(CASE WHEN first_copy THEN 1 ELSE 0 END) AS orders,
    ROUND(SUM(CASE WHEN first_copy THEN revenue END), 2) AS revenue,
    SUM(CASE WHEN first_copy AND revenue IS NULL THEN 1 ELSE 0 END) AS orders_missing_total,
    SUM(CASE WHEN first_copy AND revenue_unreadable THEN 1 ELSE 0 END) AS orders_unreadable_total,
    COUNT(DISTINCT CASE WHEN first_copy THEN currency END) AS currency_count,
    MIN(CASE WHEN first_copy THEN currency END) AS first_currency,
    MAX(CASE WHEN first_copy THEN currency END) AS last_currency
  FROM order_copies
  GROUP BY funnel_level, ${keyList}
)`,
  ];

  const figures = `visit_figures.funnel_level, ${keys.map((key) => `visit_figures.${key}`).join(', ')},
  visit_figures.visits, visit_figures.store_visitors, visit_figures.product_viewers,
  COALESCE(order_figures.buyers, 0) AS buyers,
  COALESCE(order_figures.orders, 0) AS orders,
  COALESCE(order_figures.revenue, 0) AS revenue,
  COALESCE(order_figures.orders_missing_total, 0) AS orders_missing_total,
  COALESCE(order_figures.orders_unreadable_total, 0) AS orders_unreadable_total,
  COALESCE(order_figures.currency_count, 0) AS currency_count,
  order_figures.first_currency, order_figures.last_currency`;

  const sql = `WITH ${steps.join(',\n')}
SELECT ${figures}
FROM visit_figures
LEFT JOIN order_figures ON ${sameGroup('visit_figures', 'order_figures')}`;

  return { sql, parameters: funnelParameters(spec) };
}

/** The parameters of the funnel query, and of the report query beside it. */
export function funnelParameters(spec: FunnelSpec): QueryParameter[] {
  const parameters: QueryParameter[] = [
    { name: 'skew_micros', type: 'INT64', value: spec.skewMicros.toString() },
    { name: 'window_micros', type: 'INT64', value: spec.windowMicros.toString() },
  ];
  if (spec.from) {
    parameters.push({ name: 'from_time', type: 'TIMESTAMP', value: spec.from.toISOString() });
  }
  if (spec.toExclusive) {
    parameters.push({ name: 'to_time', type: 'TIMESTAMP', value: spec.toExclusive.toISOString() });
  }
  if (spec.storeUrlPattern) {
    parameters.push({ name: 'store_url_pattern', type: 'STRING', value: spec.storeUrlPattern });
  }
  if (spec.campaigns.length) {
    parameters.push({ name: 'campaigns', type: 'STRING', array: true, values: spec.campaigns });
  }
  return parameters;
}
