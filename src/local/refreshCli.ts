// `npm run refresh`: the runner's refresh command. Takes npm start's options; exit codes 0 done,
// 1 failed (the workbook left as it was), 2 bad arguments.
import { HELP, runCommand } from './cli';
import { runRefreshJob } from './refreshJob';

export const REFRESH_HELP = `Campaign ROI for Sheets: refresh the ROI workbook.

Runs the funnel again on the same data and merges the new figures into out/campaign-roi.xlsx:
figures are updated in each campaign's row, new campaigns get a row with empty inputs, and
campaigns no longer found keep their row, marked "not in the latest pull". Typed costs, notes
and your own columns and rows stay where they were; with --costs, blank cost cells are filled
from the file and typed ones are kept.

Usage: npm run refresh -- [options]   (the options of npm start, below)

${HELP.slice(HELP.indexOf('Data\n'))}`;

/** Runs `npm run refresh` and returns the exit code. */
export function refreshMain(argv: string[]): Promise<number> {
  return runCommand(argv, REFRESH_HELP, runRefreshJob);
}

if (require.main === module) {
  refreshMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
