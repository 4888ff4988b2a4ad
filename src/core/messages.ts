// Every sentence a person reads: each says what went wrong and what to do next.
import { ProductError } from './productError';

type Details = Record<string, unknown>;
type MessageTable = Record<string, (details: Details) => string>;

const list = (values: unknown): string =>
  Array.isArray(values) ? values.join(', ') : String(values);

// ---- Funnel options, warehouse tables and the funnel query ----
const funnelMessages: MessageTable = {
  'funnel/unknown-grouping-key': (d) =>
    `Unknown grouping key "${d.key}". Group by any of: ${list(d.allowed)} (for example --group-by source,medium).`,
  'funnel/no-grouping-key': () =>
    'Choose at least one grouping key: campaign, source, medium, content or term.',
  'funnel/repeated-grouping-key': (d) =>
    `The grouping key "${d.key}" is given twice; name it once.`,
  'funnel/bad-identifier': (d) =>
    `The ${d.what} "${d.value}" is not a valid name: use letters, digits and underscores, starting with a letter or underscore${d.what === 'project' ? ' (project ids: lower-case letters, digits and hyphens)' : ''}.`,
  'funnel/bad-date': (d) =>
    `The ${d.option} date "${d.value}" is not a date: write it as YYYY-MM-DD, for example 2024-03-31.`,
  'funnel/dates-reversed': (d) =>
    `The range starts on ${d.from} but ends earlier, on ${d.to}: swap the two dates.`,
  'funnel/bad-time-zone': (d) =>
    `"${d.value}" is not a time zone: use an IANA name such as Europe/Paris or America/New_York.`,
  'funnel/bad-duration': (d) =>
    `The ${d.option} must be a number of ${d.unit} of zero or more, not "${d.value}".`,
  'funnel/empty-campaign-filter': () =>
    'A campaign filter is empty: name the campaign to keep, or leave the filter out.',
  'funnel/store-pattern-without-url': (d) =>
    `A store URL pattern is set, but the ${d.table} table has no url column: clear the pattern, or point the funnel at a pages table with urls.`,
  'funnel/mixed-currencies': (d) =>
    `The counted orders are in more than one currency (${list(d.currencies)}), so revenue cannot be added up. Filter to one currency's campaigns, or convert totals to one currency in the warehouse.`,
};

const MESSAGES: MessageTable = { ...funnelMessages };

/** The sentence for an error; errors that are not ours keep their own message. */
export function describeError(error: unknown): string {
  if (error instanceof ProductError) {
    const message = MESSAGES[error.code];
    return message ? message(error.details) : `Unexpected problem (${error.code}).`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The sentence for a code and details, for warnings that are reported rather than thrown. */
export function messageFor(code: string, details: Details = {}): string {
  return describeError(new ProductError(code, details));
}

/** Whether a code has a sentence; a test checks this for every code the core throws. */
export function hasMessage(code: string): boolean {
  return code in MESSAGES;
}
