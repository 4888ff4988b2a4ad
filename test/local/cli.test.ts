// The command line as a person meets it: help, exit codes and messages.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { parseRunnerArguments } from '../../src/local/cli';

const ROOT = path.resolve(__dirname, '../..');
const run = (args: string[]) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/local/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('runner command line', () => {
  test('lists every option in --help and exits 0', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const option of [
      '--data',
      '--group-by',
      '--campaign',
      '--from',
      '--to',
      '--tz',
      '--costs',
      '--costs-template',
      '--people',
    ]) {
      expect(result.stdout).toContain(option);
    }
  });

  test.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--group-by', 'channel'], 'Unknown grouping key "channel"'],
    [
      ['--window-days', 'thirty'],
      '--window-days needs a number of 0 or more, written in digits, not "thirty"',
    ],
    [['--window-days', '-3'], '--window-days needs a number of 0 or more, not "-3"'],
    [['--people', '0'], '--people needs a whole number from 1 to 2,000,000, not "0"'],
    [['--people', '2.5'], '--people needs a whole number from 1 to 2,000,000, not "2.5"'],
    [['--people', '2000001'], '--people needs a whole number from 1 to 2,000,000, not "2000001"'],
    [['--people', '1e3'], 'written in digits, not "1e3"'],
    [['--from'], '--from needs a value after it, for example --from 2024-01-01'],
    [['--data', '--skewed'], '--data needs a value after it'],
    [['--store-url', ' '], '--store-url is empty'],
    [['--from', '2024-13-01'], 'is not a date'],
  ])('exits 2 on %j saying %s', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  // A --data that names no folder is a bad argument (2); a folder whose tables fail is 1.
  test('exits 2 when the data folder does not exist or is a file', () => {
    const missing = run(['--data', path.join(ROOT, 'test/fixtures/no-such-folder')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    const file = run(['--data', path.join(ROOT, 'package.json')]);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('is a file, not a folder');
  });

  test('exits 1 when a table of the data folder cannot be used', () => {
    const result = run([
      '--data',
      path.join(ROOT, 'test/fixtures/warehouses/missing-campaign-column'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('has no context_campaign_name column');
  });

  test('collects repeated --campaign filters', () => {
    const parsed = parseRunnerArguments(['--campaign', 'spring sale', '--campaign', 'brunch club']);
    expect(parsed.help).toBe(false);
    if (!parsed.help)
      expect(parsed.options.request.campaigns).toEqual(['spring sale', 'brunch club']);
  });
});
