// `npm run refresh`: the runner's refresh command. Takes npm start's options; exit codes 0 done,
// 1 failed (the workbook left as it was), 2 bad arguments.
import { describeError } from '../core/messages';
import { ProductError } from '../core/productError';
import { HELP, parseRunnerArguments } from './cli';
import { consoleLogger } from './logger';
import { runRefreshJob } from './refreshJob';

export const REFRESH_HELP = `Campaign ROI for Sheets: refresh the ROI workbook.

Runs the funnel again on the same data and merges the new figures into out/campaign-roi.xlsx:
figures are updated in each campaign's row, new campaigns get a row with empty inputs, and
campaigns no longer found keep their row, marked "not in the latest pull". Every cell typed
in the workbook (costs, notes, your own columns and rows) stays where it was.

Usage: npm run refresh -- [options]   (the options of npm start, below)

${HELP.slice(HELP.indexOf('Data\n'))}`;

/** Runs the refresh command line and returns the exit code. */
export async function refreshMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseRunnerArguments(argv);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(REFRESH_HELP);
    return 0;
  }
  try {
    const outcome = await runRefreshJob(parsed.options, consoleLogger(parsed.quiet));
    process.stdout.write(`${outcome.printed}\n`);
    return 0;
  } catch (error) {
    const badRequest =
      error instanceof ProductError &&
      /^funnel\/(unknown|no|repeated|bad|dates|empty)/.test(error.code);
    process.stderr.write(`${describeError(error)}\n`);
    return badRequest ? 2 : 1;
  }
}

if (require.main === module) {
  refreshMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
