// Every sentence a person reads: each says what went wrong and what to do next.
import { ProductError } from './productError';

type Details = Record<string, unknown>;
type MessageTable = Record<string, (details: Details) => string>;

const list = (values: unknown): string =>
  Array.isArray(values) ? values.join(', ') : String(values);

const plural = (count: unknown, noun: string): string =>
  `${count} ${noun}${count === 1 ? '' : 's'}`;

// ---- Funnel options, warehouse tables and the funnel query ----
/** A value to show after an option given without one. */
const MISSING_VALUE_EXAMPLES: Record<string, string> = {
  '--data': '../shared/data/shapees',
  '--from': '2024-01-01',
  '--to': '2024-01-31',
  '--tz': 'Europe/Paris',
  '--group-by': 'source,medium',
  '--campaign': 'spring-sale',
  '--people': '5000',
  '--window-days': '30',
  '--skew-seconds': '60',
  '--store-url': '/shop',
  '--costs': 'costs.csv',
  '--out': 'out',
};

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
  'funnel/no-touches': (d) =>
    (d.settings as string[]).length
      ? `No page view matched these settings, so every figure is zero: check ${list(d.settings)}.`
      : `No page view carries a ${list(d.keys)} in these tables, so every figure is zero: check that the pages table has its context_campaign_* columns filled.`,
  'funnel/campaigns-not-found': (d) =>
    `No page view carries the campaign${(d.campaigns as string[]).length === 1 ? '' : 's'} ${list((d.campaigns as string[]).map((c) => `"${c}"`))}: check the spelling (campaigns are matched after normalising).`,
  'funnel/mixed-currencies': (d) =>
    `The counted orders are in more than one currency (${list(d.currencies)}), so revenue cannot be added up. Filter to one currency's campaigns, or convert totals to one currency in the warehouse.`,
};

// ---- Custom functions typed in cells (CAMPAIGN_ROI, FUNNEL_RATE, ...) ----
// Details: fn (function name), argument, row and column (1-based, inside the argument's range;
// absent for a single value), value (what the cell held), and what each message names.

const inItsRange = (d: Details): string =>
  d.row === undefined ? '' : ` in row ${d.row}, column ${d.column} of its range`;

const shown = (value: unknown): string => {
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `"${text}"`;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString().slice(0, 10);
  }
  return String(value);
};

const counted = (howMany: unknown, noun: string): string =>
  `${howMany} ${noun}${howMany === 1 ? '' : 's'}`;

const kindWords: Record<string, string> = {
  amount: 'an amount of money',
  count: 'a count of people or orders',
  share: 'a share from 0% to 100%',
};

const zeroMeaning: Record<string, string> = {
  cost: 'a campaign that cost nothing has no return on its cost',
  media_spend: 'without media spend there is nothing to measure the revenue against',
  orders: 'there are no orders to share the cost between',
  from: 'no one reached the earlier step, so there is no one to convert',
};

const formulaMessages: MessageTable = {
  'formula/not-a-number': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, which is not a number. Type a number such as 1234.5; pasted forms such as $1,234.50, 1 234,50, 12% and (250) work too.`,
  'formula/ambiguous-number': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, which reads two ways: the ${d.mark === '.' ? 'dot' : 'comma'} could group thousands or mark decimals. Retype it as ${d.asThousands} if it groups thousands, or as ${d.asDecimal} if it marks decimals.`,
  'formula/percent-not-expected': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, a percentage, but ${d.argument} is ${kindWords[String(d.kind)]}. Type the number itself, without the % sign.`,
  'formula/percent-with-currency': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, which has both a currency sign and a % sign. Keep one: an amount such as $1,234 or a percentage such as 12%.`,
  'formula/yes-no-value': (d) =>
    `${d.argument}${inItsRange(d)} is ${d.value ? 'TRUE' : 'FALSE'}, a yes/no value, not a number. Point ${d.argument} at cells that hold numbers.`,
  'formula/date-value': (d) =>
    `${d.argument}${inItsRange(d)} is a date (${shown(d.value)}), not a number. Point ${d.argument} at the cells with ${kindWords[String(d.kind)]}, or format those cells as numbers.`,
  'formula/error-value': (d) =>
    `${d.argument}${inItsRange(d)} holds the error ${shown(d.value)}. Fix that cell first; this formula works again once the cell shows a number or is blank.`,
  'formula/not-finite': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, not an ordinary number. Give a number such as 1234.5.`,
  'formula/unreadable-value': (d) =>
    `${d.argument}${inItsRange(d)} is neither a number nor text. Give a number, or a range of cells that hold numbers.`,
  'formula/negative': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, below zero, and ${d.argument} cannot be negative. Check the sign, or whether brackets in a pasted amount such as (250) meant a loss.`,
  'formula/zero-divisor': (d) =>
    `${d.argument}${inItsRange(d)} is 0, and ${d.fn} divides by ${d.argument}: ${zeroMeaning[String(d.argument)] ?? 'the answer is not defined'}. Leave the cell blank until ${d.argument} is above 0.`,
  'formula/share-looks-like-percent': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, but a ${d.argument} runs from 0 to 1 (0% to 100%). Did you mean ${shown(d.value)}%? Type ${shown(d.value)}% or ${shown(Number(d.value) / 100)}.`,
  'formula/share-too-large': (d) =>
    `${d.argument}${inItsRange(d)} is ${shown(d.value)}, more than 100%. A ${d.argument} runs from 0% to 100%: type it as a percentage such as 40% or as a fraction such as 0.4.`,
  'formula/missing-argument': (d) => `${d.fn} needs ${d.argument}. Write it as ${d.usage}.`,
  'formula/too-many-arguments': (d) =>
    `${d.fn} takes at most ${d.most} values, as in ${d.usage}, but was given ${d.given}. Remove the extra ones.`,
  'formula/empty-range': (d) =>
    `${d.argument} is an empty range. Point it at cells that hold numbers.`,
  'formula/not-a-range': (d) =>
    `${d.argument} is a list that is not laid out in rows and columns. Give a single value or a range of cells.`,
  'formula/ragged-range': (d) =>
    `${d.argument} has rows of different lengths (row ${d.row} has ${d.found} cells, the first row ${d.expected}). Give a rectangular range.`,
  'formula/shape-mismatch': (d) =>
    `${d.argument} covers ${counted(d.rows, 'row')} by ${counted(d.columns, 'column')} but ${d.other} covers ${counted(d.otherRows, 'row')} by ${counted(d.otherColumns, 'column')}, so they cannot be paired cell by cell. Give ranges of the same size, or a single value to use for every cell.`,
  'formula/result-too-large': (d) =>
    d.row === undefined
      ? `The result is too large to show. Check ${list(d.arguments)} for a misplaced digit.`
      : `The result in row ${d.row}, column ${d.column} is too large to show. Check ${list(d.arguments)} in that row and column for a misplaced digit.`,
  'formula/funnel-needs-two-counts': () =>
    'FUNNEL_RATE needs two counts, as in FUNNEL_RATE(visitors, buyers), or a row or column of at least two step counts, as in FUNNEL_RATE(B2:B6).',
  'formula/steps-not-a-line': (d) =>
    `steps covers ${counted(d.rows, 'row')} by ${counted(d.columns, 'column')}, but FUNNEL_RATE reads one row or one column of step counts. Use one formula per funnel, for example FUNNEL_RATE(B2:F2).`,
  'formula/unknown-mode': (d) =>
    `mode is ${shown(d.value)}. Use "step" for each step's rate from the step before, or "overall" for each step's rate from the first step.`,
  'formula/previous-step-zero': (d) =>
    `steps${inItsRange(d)} is 0, so the step after it has no rate from it. Leave a step blank while it has no count, or use "overall" to measure each step from the first.`,
  'formula/first-step-zero': (d) =>
    `The first step${inItsRange(d)} is 0, so the steps after it have no rate from it. Funnel rates need people at the first step; leave it blank until it has a count.`,
};

// ---- Add-on menu, help dialog and the alerts of menu items still to come ----

const addonMessages: MessageTable = {
  'addon/menu/open-sidebar': () => 'Open campaign funnels',
  'addon/menu/create-roi-sheet': () => 'Create ROI sheet',
  'addon/menu/refresh-now': () => 'Refresh now',
  'addon/menu/schedule-refresh': () => 'Schedule refresh…',
  'addon/menu/help': () => 'Help',
  'addon/pending-feature/title': (d) => `${d.feature}: coming soon`,
  'addon/pending-feature': (d) =>
    `${d.feature} is not in this version of Campaign ROI for Sheets yet; it comes in a later version. Until then the formulas work in any cell: ${list(d.functions)}. Open Help in the add-on menu to see how to use them.`,
  'addon/help/title': () => 'Campaign ROI for Sheets: help',
  'addon/help/intro': () =>
    'Type these formulas in any cell. Each takes single values or whole ranges: two ranges of the same size pair cell by cell, a single value is used for every cell, and the answer fills the same shape. A blank input gives a blank answer.',
  'addon/help/text-numbers': () =>
    'Numbers pasted as text are read as you would read them: $1,234.50, 1 234,50, 12% and (250) for a loss. A dot before exactly three digits, as in €1.200 or 12.500, could group thousands or mark decimals, so it is refused rather than guessed: type 1200 or 1.2 instead (0.125 and 1.25 read as decimals). A formula that cannot read a cell says which argument and which row and column of its range to fix.',
  'addon/help/menu': () =>
    'The add-on menu will also open the campaign funnel sidebar, create an ROI sheet and refresh it, now or on a schedule; items not in this version say so when chosen.',
};

// ---- The local runner: table files, the embedded warehouse, the command line ----
const localMessages: MessageTable = {
  'local/no-data-folder': (d) =>
    `The data folder ${d.folder} does not exist: give --data a folder holding pages.csv, product_viewed.csv and order_completed.csv (or .parquet).`,
  'local/empty-data-folder': (d) =>
    `The folder ${d.folder} holds none of the tables ${list(d.tables)} (as .csv or .parquet): check the folder, or leave out --data to use the built-in sample.`,
  'local/missing-table-file': (d) =>
    `The folder ${d.folder} has no file for ${list(d.tables)}: add ${list((d.tables as string[]).map((t) => t + '.csv'))} (or .parquet).`,
  'local/unreadable-table-file': (d) =>
    `${d.file} could not be read as a table (${d.reason}): check that it is a CSV file with a header row, saved as UTF-8, or a Parquet file.`,
  'local/stray-carriage-return': (d) =>
    `${d.file} has a carriage return inside line ${d.line} (a line break pasted into a field), so its lines cannot be told apart: remove it, or put that field in double quotes, and export again.`,
  'local/missing-table': (d) =>
    `The warehouse has no table ${d.table}: check the table name options (--pages-table, --views-table, --orders-table).`,
  'local/missing-column': (d) =>
    `The ${d.table} table has no ${d.column} column, which the funnel needs: add it to the export${d.groupingKey ? ', or choose other grouping keys' : ''}. (Column names are read in any case; check the header row.)`,
  'local/data-not-folder': (d) =>
    `${d.folder} is a file, not a folder: give --data the folder that holds pages.csv, product_viewed.csv and order_completed.csv.`,
  'local/empty-table-file': (d) =>
    `${d.file} is empty: export the table again with its header row, or remove the file.`,
  'local/several-table-files': (d) =>
    `The ${d.table} table was read from ${d.used}; ${list(d.ignored)} in the same folder ${(d.ignored as string[]).length === 1 ? 'was' : 'were'} left out. Keep one file per table.`,
  'local/rejected-rows': (d) =>
    `${d.rows === 1 ? '1 row' : `${d.rows} rows`} of ${d.file} could not be split into the header's columns and ${d.rows === 1 ? 'is' : 'are'} set aside (line ${d.lines}${Number(d.rows) > 5 ? ', …' : ''}). Check those lines for a stray comma or quote, and that the file is saved as UTF-8.`,
  'local/repeated-column': (d) =>
    `${d.file} has the column ${d.column} twice (column names are read in any case): keep one.`,
  'local/table-loaded': (d) =>
    `Loaded ${d.file} as ${d.table}: ${Number(d.rows).toLocaleString('en-US')} ${d.rows === 1 ? 'row' : 'rows'}.`,
  'local/missing-person-column': (d) =>
    `The ${d.table} table has no ${d.column} column; people are known by the other id only.`,
  'local/missing-revenue-column': (d) =>
    `The ${d.table} table has no ${d.column} column: revenue is left blank and every order counts as missing a total. Name the revenue column with --revenue-column.`,
  'local/unreadable-times': (d) =>
    `${d.rows === 1 ? '1 row' : `${d.rows} rows`} of ${d.file} ${d.rows === 1 ? 'has' : 'have'} a ${d.column} that is not a time (such as "${d.example}"); ${d.rows === 1 ? 'it is' : 'they are'} set aside. Write times as ISO 8601, for example 2024-03-31T12:00:00Z.`,
  'local/no-readable-times': (d) =>
    `No row of ${d.file} has a ${d.column} that reads as a time (${d.rows === 1 ? 'the one row holds' : `all ${d.rows} rows hold values such as`} "${d.example}"), so nothing in it can be counted. Write times as ISO 8601, for example 2024-03-31T12:00:00Z; a number of seconds or milliseconds since 1970 is not read as a time.`,
  'local/no-person-column': (d) =>
    `The ${d.table} table has neither a user_id nor an anonymous_id column, so no row of it belongs to a person: add at least one of them to the export. (Column names are read in any case; check the header row.)`,
  'cli/bad-arguments': (d) => `${d.reason}. Run with --help to see every option.`,
  'cli/bad-number': (d) =>
    `--${d.option} needs ${d.whole ? 'a whole number' : 'a number'} ${d.most === undefined ? `of ${d.least} or more` : `from ${Number(d.least).toLocaleString('en-US')} to ${Number(d.most).toLocaleString('en-US')}`}, ${d.notDigits ? 'written in digits, ' : ''}not "${d.value}".`,
  'cli/empty-store-url': () =>
    "--store-url is empty: give part of the store pages' address, for example --store-url /shop, or leave the option out to count every page view.",
  'cli/missing-value': (d) =>
    `${d.option} needs a value after it, for example ${d.option} ${MISSING_VALUE_EXAMPLES[String(d.option)] ?? 'VALUE'}. Run with --help to see every option.`,
  'cli/bad-port': (d) =>
    `"${d.value}" is not a port: pass --port N with N a whole number from 0 to ${d.largest}, for example --port 8766 (--port 0 picks a free one).`,
  'local/port-in-use': (d) =>
    `Port ${d.port} on 127.0.0.1 is already in use, perhaps by another npm run sidebar: stop that program, or pass --port N to use another port, for example --port ${Number(d.port) + 1} (--port 0 picks a free one).`,
  'cli/out-not-folder': (d) =>
    `--out ${d.folder} is a file: give a folder for the output files (it is made if missing).`,
  'cli/costs-file-missing': (d) =>
    `The costs file ${d.file} does not exist: check the path, or write a template with --costs-template.`,
};

// ---- Cost inputs typed in a file ----
const costMessages: MessageTable = {
  'costs/no-campaign-column': (d) =>
    `${d.file} has no campaign column: the first row must name the columns, starting with campaign (write a template with --costs-template).`,
  'costs/unknown-columns': (d) =>
    `${d.file} has columns the ROI sheet does not know: ${list(d.columns)}. Use any of: campaign, ${list(d.allowed)}.`,
  'costs/problems': (d) =>
    `${d.file} has ${plural(d.count, 'cell')} to fix before its costs can be used; nothing was written:\n${(d.problems as string[]).map((p) => `  - ${p}`).join('\n')}`,
  'costs/row-without-campaign': (d) => `Line ${d.line} of ${d.file} names no campaign.`,
  'costs/repeated-campaign': (d) =>
    `Line ${d.line} of ${d.file} repeats campaign "${d.campaign}" from line ${d.firstLine}: keep one line per campaign.`,
  'costs/unreadable-number': (d) =>
    `Line ${d.line} of ${d.file}, column ${d.column}: "${d.value}" is not a number. Write it like 1200, $1,200.50 or 40%.`,
  'costs/ambiguous-number': (d) =>
    `Line ${d.line} of ${d.file}, column ${d.column}: "${d.value}" could be read two ways (a thousands separator or a decimal point). Write it without grouping, like 1200 or 1.2.`,
  'costs/negative-number': (d) =>
    `Line ${d.line} of ${d.file}, column ${d.column}: ${d.value} is negative; costs are zero or more.`,
  'costs/percent-not-allowed': (d) =>
    `Line ${d.line} of ${d.file}, column ${d.column}: "${d.value}" is a percentage, which only the margin column takes.`,
  'costs/margin-looks-like-percent': (d) =>
    `Line ${d.line} of ${d.file}: a margin of ${d.value} is more than 100%. Did you mean ${d.value}%? Write 40% or 0.4.`,
  'costs/margin-above-100': (d) =>
    `Line ${d.line} of ${d.file}: a margin of ${d.value} is more than 100%; write a margin from 0% to 100%.`,
  'costs/campaigns-not-in-data': (d) =>
    `${d.file} has costs for ${plural(d.count, 'campaign')} the data does not have: ${list(d.campaigns)}. They get rows of their own, marked "not in the latest pull"; check the spelling against the campaign column of the funnel.`,
};

// ---- The ROI sheet, refreshing it and the pulled sheets, and the refresh schedule ----

// A cost as a person reads it: margins as percentages, other numbers as they are.
const costShown = (value: unknown, percent: unknown): string =>
  typeof value === 'number' && percent
    ? `${Math.round(value * 10000) / 100}%`
    : typeof value === 'string'
      ? `"${value}"`
      : String(value);

interface FailureDetails {
  pull: string;
  code: string;
  details: Details;
}

const refreshMessages: MessageTable = {
  'roi/table-not-found': (d) =>
    `The sheet "${d.sheet}" does not hold the ROI table (no header row starting with Campaign, Store visitors), so nothing was changed. Rename that sheet and choose Create ROI sheet again to make a new one.`,
  'roi/column-moved': (d) =>
    `Column ${d.column} of the ROI sheet "${d.sheet}" should be "${d.expected}" but is "${d.found}", so nothing was changed. Undo the column move or rename, and keep your own columns to the right of Status.`,
  'roi/totals-row-missing': (d) =>
    `The ROI sheet "${d.sheet}" has lost its "All campaigns" totals row, so the refresh cannot tell where the campaigns end; nothing was changed. Undo the deletion, or rename the sheet and create a new ROI sheet.`,
  'roi/no-pull': () =>
    'There is no pull to build the ROI sheet from yet. Open the sidebar, choose the data and press Pull data, then create the ROI sheet.',
  'roi/created': (d) =>
    `Created the ROI sheet "${d.sheet}" with ${plural(d.campaigns, 'campaign')} for ${d.period}. Type costs in the shaded columns.`,
  'roi/other-source-kept': (d) =>
    `${d.file} held figures from ${d.before}, not from ${d.source}, so they were not merged: that workbook is kept whole as ${d.keptAs} (copy any costs you typed from it), and a new one was written.`,
  'roi/updated': (d) =>
    `Updated the ROI sheet "${d.sheet}" for ${d.period}: ${plural(d.updated, 'campaign')} refreshed, ${d.added} new, ${d.missing} not in the latest pull. Typed costs, notes and your own columns and rows were kept; the pulled figures were replaced.${Number(d.filled) > 0 ? ` ${plural(d.filled, 'blank cost cell')} filled from the costs file.` : ''}`,
  'roi/period-changed': (d) =>
    `The costs in the sheet were typed for ${d.typedFor}; the figures now cover ${d.nowCovers}: check the costs, and change them where they were for the old period.`,
  'roi/cost-conflict': (d) =>
    `Campaign "${d.campaign}", ${d.column}: the sheet holds ${costShown(d.typed, d.percent)} and the costs file says ${costShown(d.file, d.percent)}; the value typed in the sheet was kept. Clear the cell and run again to take the file's value.`,
  'roi/costs-without-figures': (d) =>
    `The costs file names ${plural((d.campaigns as string[]).length, 'campaign')} the data does not have: ${list(d.campaigns)}. Their rows are marked "not in the latest pull" and left out of the totals; check the spelling, or the date range.`,
  'refresh/pulled-table-not-found': (d) =>
    `The sheet "${d.sheet}" no longer starts with the header the pull wrote, so it was not refreshed and nothing in it was changed. Restore the header row, or delete the sheet and pull again.`,
  'refresh/grouping-changed': (d) =>
    `The sheet "${d.sheet}" was pulled with other grouping keys, so its rows cannot be matched to the new ones; the pull writes the sheet afresh.`,
  'refresh/no-room-for-status': (d) =>
    `The pulled sheet "${d.sheet}" needs column ${d.column} for the Status of each row, but it holds your own cells; nothing was changed. Move your column one to the right, then pull or refresh again.`,
  'refresh/too-frequent': (d) =>
    `A refresh${d.minutes === undefined ? '' : ` every ${d.minutes} minutes`} is more often than Google allows: an add-on's scheduled run happens at most once an hour. Choose every hour or less often.`,
  'refresh/bad-every-hours': (d) =>
    `Google can run a refresh every ${list(d.allowed)} hours, not every ${d.value}; choose one of those, or daily.`,
  'refresh/bad-hour': (d) =>
    `"${d.value}" is not an hour of the day: choose an hour from 0 to 23 (in the spreadsheet's time zone).`,
  'refresh/bad-weekday': (d) => `"${d.value}" is not a day of the week: choose Monday to Sunday.`,
  'refresh/unknown-schedule': (d) =>
    `"${d.value}" is not a schedule: choose off, every hour, every few hours, daily or weekly.`,
  'refresh/schedule-set': (d) =>
    `Scheduled refresh: ${d.description}. Google starts it at a moment within the hour it is due.`,
  'refresh/schedule-off': () => 'Scheduled refresh is off.',
  'refresh/panel-title': () => 'Refresh and ROI sheet',
  'refresh/no-saved-pulls': () =>
    'There is nothing to refresh yet: open the sidebar and pull data first; each pull is saved and refreshed from then on.',
  'refresh/unexpected-error': (d) => `Unexpected problem: ${d.reason}.`,
  'refresh/busy': () =>
    'Another refresh of this spreadsheet is running; it was left to finish. Try again in a few minutes.',
  'refresh/run-ok': (d) =>
    `Refreshed ${plural(d.done, 'pull')} (${plural(d.rows, 'row')}); every typed cell was kept.`,
  'refresh/run-skipped': () =>
    'Skipped: another refresh of this spreadsheet was running at the same time.',
  'refresh/run-stopped': (d) =>
    `Refreshed ${plural(d.done, 'pull')}, then stopped before Apps Script's 6-minute limit. Not refreshed this time: ${list(d.notRun)}; they keep their previous figures and are refreshed on the next run, or with Refresh now.`,
  'refresh/run-failed': (d) =>
    [
      `Refreshed ${plural(d.done, 'pull')}; ${(d.failures as FailureDetails[])
        .map((f) => `${f.pull ? `${f.pull}: ` : ''}${messageFor(f.code, f.details)}`)
        .join(' ')}`,
      (d.notRun as string[]).length ? `Not started before the time limit: ${list(d.notRun)}.` : '',
      'Sheets of a pull that failed were left as they were.',
    ]
      .filter(Boolean)
      .join(' '),
  'refresh/last-never': () => 'last refresh: never',
  'refresh/last': (d) =>
    `last refresh: ${d.when} ${d.outcome === 'ok' ? 'ok' : d.outcome === 'skipped' ? 'skipped' : `failed: ${d.message}`}`,
  'refresh/other-source': (d) =>
    `${d.file} holds figures from ${d.before}, and this refresh would read ${d.source}: nothing was changed. Refresh with the same --data as before, or run npm start with these options to begin a new workbook (the old one is kept beside it).`,
  'refresh/workbook-unreadable': (d) =>
    `${d.file} could not be read as a workbook (${d.reason}), so it was left as it was. Move it aside (or out of the --out folder) and run again to write a new one.`,
  'refresh/workbook-without-roi-sheet': (d) =>
    `${d.file} has no "${d.sheet}" sheet, so it was left as it was. Rename the ROI sheet back to "${d.sheet}", or move the file aside to write a new workbook, and run again.`,
};

// ---- The sidebar's pulls: settings, BigQuery, estimates and pulled sheets ----
const settingLabels: Record<string, string> = {
  name: 'Pull name',
  project: 'Google Cloud project',
  dataset: 'Dataset',
  location: 'Location',
  pagesTable: 'Pages table',
  productViewedTable: 'Product viewed table',
  orderCompletedTable: 'Order completed table',
  datePreset: 'Date range',
  from: 'From',
  to: 'To',
  groupBy: 'Group by',
  campaigns: 'Campaigns',
  storeUrlPattern: 'Store URL contains',
  windowDays: 'Conversion window',
  maxGigabytesBilled: 'Max GB billed',
};

const label = (field: unknown): string => settingLabels[String(field)] ?? String(field);

const gigabytes = (bytes: unknown): string => {
  const amount = Number(bytes) / 1e9;
  return amount >= 10 ? String(Math.ceil(amount)) : String(Math.ceil(amount * 10) / 10);
};

const pullMessages: MessageTable = {
  'pull/missing-setting': (d) => `Fill in ${label(d.field)}: a pull needs it.`,
  'pull/not-a-number': (d) =>
    `${label(d.field)} must be a number, not "${d.value}". Type digits only, for example 30.`,
  'pull/bad-name': (d) =>
    `"${d.value}" cannot name a pull and its sheet: use at most ${d.longest} characters and none of [ ] * ? / \\ :.`,
  'pull/addon-sheet-name': (d) =>
    `"${d.value}" cannot name a pull and its sheet: the add-on writes its own sheet "${d.sheet}" under that name (sheet names ignore case). Give the pull another name.`,
  'pull/bad-location': (d) =>
    `"${d.value}" is not a BigQuery location: type US, EU or a region such as europe-west2, as the dataset's details in the BigQuery console show it.`,
  'pull/bad-date-preset': (d) =>
    `"${d.value}" is not a date range: choose last 7, 30 or 90 days, this month, last month or custom.`,
  'pull/bad-window': (d) =>
    `The conversion window must be a whole number of days from 0 to ${d.longest}, not ${d.value}.`,
  'pull/bad-cap': (d) =>
    `Max GB billed must be more than 0 and at most ${d.largest}, not ${d.value}. Run Estimate to see how much this pull reads.`,
  'pull/missing-column': (d) =>
    `The ${d.table} table has no ${d.column} column, which this pull needs. Check the table name, or choose grouping keys and options the table has columns for.`,
  'pull/too-large-to-save': (d) =>
    `These settings take ${d.bytes} bytes, more than the ${d.largest} a spreadsheet can keep for one pull. Remove some campaigns from the filter and save again.`,
  'pull/too-many-saved': (d) =>
    `This spreadsheet already keeps ${d.most} saved pulls. Delete one you no longer use, or reuse its name.`,
  'addon/sidebar/title': () => 'Campaign funnels',
  'local/no-such-dataset': (d) =>
    `The local warehouse has no dataset ${d.project}.${d.dataset}: on this computer the tables are in project ${d.localProject}, dataset ${d.localDataset}. Type those in the sidebar.`,
  'pull/busy': () =>
    'Another run of the add-on is writing to this spreadsheet (a refresh, or a pull from another window). Wait a minute and try again; nothing was changed.',
  'pull/source': (d) => `${d.project}.${d.dataset} (${d.location})`,
  'pull/estimate': (d) =>
    `This pull would scan ${d.bytes}, ${d.cost} at BigQuery's on-demand price of $${d.price} per TiB (less if your project has free allowance or pays for capacity).` +
    (d.overCap
      ? ` That is more than your cap of ${d.cap}: raise Max GB billed, or narrow the date range, before pulling.`
      : ''),
  'pull/estimate-local': (d) =>
    `On BigQuery this pull would scan about ${d.bytes} of these tables, ${d.cost} on demand ($${d.price} per TiB); the figure is worked out from the local tables by BigQuery's size rules.` +
    (d.overCap ? ` That is more than your cap of ${d.cap}.` : ''),
  'pull/done': (d) =>
    `${counted(d.rows, 'row')} written to the sheet "${d.sheet}" in ${d.seconds} s` +
    (d.local
      ? ' from the local warehouse.'
      : d.bytes === null
        ? '.'
        : d.cacheHit
          ? `; answered from BigQuery's cache, nothing billed.`
          : `; ${d.bytes} ${d.billed ? 'billed' : 'processed'}.`),
  'pull/bytes-billed': (d) =>
    d.local
      ? 'none (local warehouse)'
      : d.cacheHit
        ? '0 (from cache)'
        : String(d.bytes ?? 'not reported'),
  'pull/last-pull': (d) => `last pulled ${d.at}, ${counted(d.rows, 'row')}`,
  'pull/missing-revenue-column': (d) =>
    `The ${d.table} table has no ${d.column} column, so revenue is blank and every order counts as missing a total.`,
  'pull/orders-missing-total': (d) =>
    `${counted(d.orders, 'counted order')} had no readable total; their revenue is not in the figures.`,
  'pull/date-preset/last7': () => 'Last 7 days (to yesterday)',
  'pull/date-preset/last30': () => 'Last 30 days (to yesterday)',
  'pull/date-preset/last90': () => 'Last 90 days (to yesterday)',
  'pull/date-preset/thisMonth': () => 'This month (to today)',
  'pull/date-preset/lastMonth': () => 'Last month',
  'pull/date-preset/custom': () => 'Custom dates',
  'bigquery/access-denied': (d) =>
    `BigQuery refused access to ${d.project}.${d.dataset} (${d.detail}). Ask the project's owner to give your Google account the BigQuery Job User role on project ${d.project} and BigQuery Data Viewer on dataset ${d.dataset}, then try again.`,
  'bigquery/not-found': (d) =>
    `BigQuery found no ${d.missing ?? `dataset ${d.dataset} in project ${d.project}`}. Check the project and dataset names (as the BigQuery console spells them) and try again.`,
  'bigquery/table-not-found': (d) =>
    `The dataset ${d.project}.${d.dataset} has no table ${d.table}. Check the table names: Segment names each event's table after the event in snake_case, for example order_completed.`,
  'bigquery/wrong-location': (d) =>
    `The dataset ${d.project}.${d.dataset} is not in location ${d.location}. Set Location to the dataset's location (the BigQuery console shows it under the dataset's details, for example EU or europe-west2) and try again.`,
  'bigquery/bytes-cap-exceeded': (d) =>
    `BigQuery stopped the query because it would bill more than your cap of ${gigabytes(d.capBytes)} GB` +
    (d.neededBytes ? ` (it needs ${gigabytes(d.neededBytes)} GB)` : '') +
    '. Raise Max GB billed, or narrow the date range; the sheet keeps its previous data.',
  'bigquery/quota-exceeded': (d) =>
    `Project ${d.project} has used up a BigQuery quota (${d.detail}). Try again later, or ask the project's administrator to raise the quota.`,
  'bigquery/busy': (d) =>
    `BigQuery was busy and did not answer after ${d.tries ?? 1} ${d.tries === 1 || d.tries === undefined ? 'try' : 'tries'} (${d.detail}). Try again in a few minutes; the sheet keeps its previous data.`,
  'bigquery/invalid-query': (d) =>
    `BigQuery could not run the funnel query on these tables (${d.detail}). Check that the table names point at Segment tables and that the revenue column holds numbers.`,
  'bigquery/response-too-large': () =>
    'The result is too large for BigQuery to send in one answer. Group by fewer keys, or filter to fewer campaigns.',
  'bigquery/job-failed': (d) =>
    `The BigQuery query failed (${d.detail}). Try again; if it keeps failing, check the settings with Estimate first.`,
  'bigquery/out-of-time': (d) =>
    `The query was still running after ${d.seconds} s, the longest the add-on can wait in one go, so nothing was written and the sheet keeps its previous data. Try again in a while (BigQuery may then answer from its cache), or narrow the date range or group by fewer keys.`,
  'bigquery/rows-missing': (d) =>
    `BigQuery said the result has ${counted(d.total, 'row')} but sent ${d.read}, so nothing was written and the sheet keeps its previous data. Pull again.`,
  'bigquery/unreadable-cell': (d) =>
    `BigQuery sent "${d.value}" in the ${d.column} column, which does not read as ${d.type}. Pull again; if it persists, the column's type in the table is not what the funnel expects.`,
  'bigquery/service-off': () =>
    'The BigQuery service is not turned on for this add-on, so nothing can be pulled. Reinstall the add-on, or ask whoever deployed it to enable the BigQuery advanced service.',
  'sheet/would-overwrite': (d) =>
    `The pull needs ${d.range} on the sheet "${d.sheet}", but cells there hold your own data (first at ${d.cell}). Nothing was written. Move those cells, or give the pull another name so it writes to a new sheet.`,
  'sheet/no-rows': () =>
    'No rows for these settings: no page view in the date range matched the grouping keys, campaign filter and store URL. Widen the date range or loosen the filters.',
  'sheet/pull-note': (d) =>
    [
      `Pulled ${d.pulledAtText} (${d.timeZone}) by Campaign ROI for Sheets from ${d.source}.`,
      `Days ${d.from} to ${d.to}; grouped by ${list(d.groupBy)}; conversion window ${counted(d.windowDays, 'day')}.`,
      (d.campaigns as string[]).length ? `Campaigns: ${list(d.campaigns)}.` : 'All campaigns.',
      d.storeUrlPattern
        ? `Store URL contains "${d.storeUrlPattern}".`
        : 'Every page counts as the store.',
      `${counted(d.groupRows, 'row')}` + (d.bytesText ? `; ${d.bytesText} billed.` : '.'),
      `Pull again from the add-on's sidebar: saved pull "${d.sheetName}".`,
    ].join('\n'),
  'sheet/column/campaign': () => 'campaign',
  'sheet/column/source': () => 'source',
  'sheet/column/medium': () => 'medium',
  'sheet/column/content': () => 'content',
  'sheet/column/term': () => 'term',
  'sheet/column/visits': () => 'visits',
  'sheet/column/store_visitors': () => 'store visitors',
  'sheet/column/product_viewers': () => 'product viewers',
  'sheet/column/buyers': () => 'buyers',
  'sheet/column/orders': () => 'orders',
  'sheet/column/revenue': (d) => (d.currency ? `revenue (${d.currency})` : 'revenue'),
  'sheet/column/orders_missing_total': () => 'orders without total',
  'sheet/column/view_rate': () => 'view rate',
  'sheet/column/buy_rate': () => 'buy rate',
  'sheet/column/average_order_value': () => 'average order value',
  'sheet/column/revenue_per_visitor': () => 'revenue per visitor',
};

const MESSAGES: MessageTable = {
  ...funnelMessages,
  ...localMessages,
  ...costMessages,
  ...formulaMessages,
  ...addonMessages,
  ...refreshMessages,
  ...pullMessages,
};

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
