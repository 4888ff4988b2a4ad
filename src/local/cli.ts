// `npm start`: the local runner's command line. Exit codes: 0 done, 1 failed, 2 bad arguments.
import { parseArgs } from 'util';
import { DEFAULT_SKEW_SECONDS, DEFAULT_WINDOW_DAYS } from '../core/funnel/funnelOptions';
import { describeError } from '../core/messages';
import { ProductError } from '../core/productError';
import { FunnelJobOptions, runFunnelJob } from './funnelJob';
import { consoleLogger, Logger } from './logger';
import { DEFAULT_SAMPLE_PEOPLE, MAX_SAMPLE_PEOPLE } from './sampleWarehouse';

export const HELP = `Campaign ROI for Sheets: the local runner.

Reads Segment warehouse tables, counts the funnel per campaign or channel in an embedded
DuckDB warehouse, prints it with the ROI table, and writes out/funnel_by_<keys>.csv and
out/campaign-roi.xlsx.

Usage: npm start -- [options]

Data
  --data DIR             folder with pages, product_viewed and order_completed (.csv or .parquet);
                         without it, a built-in sample warehouse is generated
  --people N             people in the generated sample (default ${DEFAULT_SAMPLE_PEOPLE})
  --seed N               seed of the generated sample (default 1)
  --skewed               make a few people own a large share of the sample's events
  --pages-table NAME     table names (defaults pages, product_viewed, order_completed)
  --views-table NAME
  --orders-table NAME

Funnel
  --group-by KEYS        any of campaign,source,medium,content,term (default campaign)
  --campaign NAME        keep only this campaign (repeatable; matched after normalising)
  --from YYYY-MM-DD      first day included (default: all data)
  --to YYYY-MM-DD        last day included
  --tz ZONE              IANA time zone of those days (default UTC)
  --window-days N        conversion window after a store visit (default ${DEFAULT_WINDOW_DAYS})
  --skew-seconds N       clock-skew allowance between steps (default ${DEFAULT_SKEW_SECONDS})
  --store-url TEXT       count only page views whose url contains TEXT (any case)
  --revenue-column NAME  order column holding revenue (default total)
  --no-normalize         keep key values as written, only trimmed (no +, space or case folding)

ROI and output
  --costs FILE           cost inputs: CSV with campaign,people,hours,hourly_rate,annual_salary,
                         media_spend,margin (margin as 40% or 0.4)
  --costs-template       also write out/costs-template.csv listing every campaign
  --out DIR              output folder (default out)
  --top N                rows to print (default 25)
  --quiet                print only the tables and warnings
  --help                 show this help
`;

/** A number option: at least `least`, and a whole number when `whole` is set. */
function numberOption(
  option: string,
  text: string | undefined,
  fallback: number,
  { least = 0, most, whole = false }: { least?: number; most?: number; whole?: boolean } = {},
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  // Numbers are written in digits: `1e3` or `0x10` are refused, not read as 1000 or 16.
  const decimal = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(text);
  if (
    !decimal ||
    !Number.isFinite(value) ||
    value < least ||
    (most !== undefined && value > most) ||
    (whole && !Number.isInteger(value))
  ) {
    throw new ProductError('cli/bad-number', {
      option,
      value: text,
      least,
      most,
      whole,
      notDigits: !decimal,
    });
  }
  return value;
}

/**
 * Joins an option and a negative number after it (`--window-days -3`) so the parser reads the
 * number as the option's value and the range check can say what is wrong with it.
 */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i].startsWith('--') && !argv[i].includes('=') && next && /^-\d/.test(next)) {
      joined.push(`${argv[i]}=${next}`);
      i++;
    } else {
      joined.push(argv[i]);
    }
  }
  return joined;
}

/** Reads the command line into job options; throws ProductError('cli/...') on bad input. */
export function parseRunnerArguments(
  argv: string[],
): { help: true } | { help: false; options: FunnelJobOptions; quiet: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        people: { type: 'string' },
        seed: { type: 'string' },
        skewed: { type: 'boolean' },
        'pages-table': { type: 'string' },
        'views-table': { type: 'string' },
        'orders-table': { type: 'string' },
        'group-by': { type: 'string' },
        campaign: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        tz: { type: 'string' },
        'window-days': { type: 'string' },
        'skew-seconds': { type: 'string' },
        'store-url': { type: 'string' },
        'revenue-column': { type: 'string' },
        'no-normalize': { type: 'boolean' },
        costs: { type: 'string' },
        'costs-template': { type: 'boolean' },
        out: { type: 'string' },
        top: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const valueMissing = /Option '(--[\w-]+)[^']*' argument (is ambiguous|missing)/.exec(
      String(error),
    );
    if (valueMissing) throw new ProductError('cli/missing-value', { option: valueMissing[1] });
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new ProductError('cli/bad-arguments', { reason });
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  if (v['store-url'] !== undefined && v['store-url'].trim() === '') {
    throw new ProductError('cli/empty-store-url');
  }
  return {
    help: false,
    quiet: Boolean(v.quiet),
    options: {
      request: {
        tables: {
          pages: v['pages-table'],
          productViewed: v['views-table'],
          orderCompleted: v['orders-table'],
        },
        groupBy: v['group-by']?.split(',') ?? ['campaign'],
        campaigns: v.campaign ?? [],
        from: v.from,
        to: v.to,
        timeZone: v.tz,
        windowDays: numberOption('window-days', v['window-days'], DEFAULT_WINDOW_DAYS),
        skewSeconds: numberOption('skew-seconds', v['skew-seconds'], DEFAULT_SKEW_SECONDS),
        storeUrlPattern: v['store-url'] ?? null,
        revenueColumn: v['revenue-column'],
        normalize: !v['no-normalize'],
      },
      dataFolder: v.data ?? null,
      samplePeople: numberOption('people', v.people, DEFAULT_SAMPLE_PEOPLE, {
        least: 1,
        most: MAX_SAMPLE_PEOPLE,
        whole: true,
      }),
      sampleSeed: numberOption('seed', v.seed, 1, { whole: true }),
      sampleSkewed: Boolean(v.skewed),
      outFolder: v.out ?? 'out',
      costsFile: v.costs ?? null,
      writeCostsTemplate: Boolean(v['costs-template']),
      top: numberOption('top', v.top, 25, { whole: true }),
    },
  };
}

const BAD_REQUEST =
  /^(cli|local\/(no-data-folder|data-not-folder)|funnel\/(unknown|no|repeated|bad|dates|empty))/;

/**
 * Runs a runner command: reads the options, prints the help or runs the job, and turns the
 * outcome into an exit code (0 done, 1 failed with a message, 2 bad arguments).
 */
export async function runCommand(
  argv: string[],
  help: string,
  job: (options: FunnelJobOptions, logger: Logger) => Promise<{ printed: string }>,
): Promise<number> {
  let parsed;
  try {
    parsed = parseRunnerArguments(argv);
  } catch (error) {
    process.stderr.write(`${describeError(error)}
`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(help);
    return 0;
  }
  try {
    const outcome = await job(parsed.options, consoleLogger(parsed.quiet));
    process.stdout.write(`${outcome.printed}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return error instanceof ProductError && BAD_REQUEST.test(error.code) ? 2 : 1;
  }
}

/** Runs `npm start` and returns the exit code. */
export function main(argv: string[]): Promise<number> {
  return runCommand(argv, HELP, runFunnelJob);
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
