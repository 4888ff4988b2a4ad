// `npm run bench`: every benchmark in one run, each printing ratios measured side by side.
import { benchCustomFunctions } from './customFunctions';
import { benchFunnel } from './funnelBench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const people = quick ? [20_000] : [100_000, 1_000_000];
  const cases = people.flatMap((n) => [false, true].map((skewed) => ({ people: n, skewed })));
  for (const line of await benchFunnel(cases, quick ? 1 : 5)) console.log(line);
  for (const line of await benchCustomFunctions(quick ? 5 : 15)) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
