// Custom functions over 100,000-row ranges, timed against a bare loop doing the same arithmetic
// on the same numbers into the same shape of answer; reading text numbers is timed on its own.
import { performance } from 'perf_hooks';
import { customFunction } from '../src/server/customFunctions';

const ROWS = 100_000;
const TARGET_RATIO = 3;

type Column = number[][];
type Answer = unknown[][];

interface Case {
  readonly label: string;
  readonly run: () => unknown;
  readonly bare: () => Answer;
}

// Deterministic positive amounts, so every run times the same numbers.
function column(seed: number, scale: number, offset: number): Column {
  let state = seed;
  return Array.from({ length: ROWS }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return [offset + (state / 2147483648) * scale];
  });
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Runs the two alternately, so load from elsewhere on the machine falls on both alike.
function timeSideBySide(
  first: () => unknown,
  second: () => unknown,
  repeats: number,
): [number, number] {
  const samples: [number[], number[]] = [[], []];
  for (let i = -3; i < repeats; i += 1) {
    [first, second].forEach((run, which) => {
      const start = performance.now();
      run();
      if (i >= 0) samples[which].push(performance.now() - start);
    });
  }
  return [median(samples[0]), median(samples[1])];
}

function sameAnswers(ours: unknown, bare: Answer): boolean {
  if (!Array.isArray(ours) || ours.length !== bare.length) return false;
  return ours.every((row: unknown[], r) => Math.abs(Number(row[0]) - Number(bare[r][0])) < 1e-9);
}

function map1(rows: number, cell: (row: number) => number): Answer {
  const answer: Answer = new Array(rows);
  for (let row = 0; row < rows; row += 1) answer[row] = [cell(row)];
  return answer;
}

/** Lines to print: one per function, then text-number reading. */
export async function benchCustomFunctions(repeats = 15): Promise<string[]> {
  const revenue = column(1, 20_000, 100);
  const cost = column(2, 5_000, 50);
  const margin = column(3, 0.9, 0.1);
  const visitors = column(4, 5_000, 1_000);
  const buyers = column(5, 500, 0);
  const people = column(6, 4, 0.5);
  const hours = column(7, 40, 1);
  const rate = column(8, 80, 20);
  const media = column(9, 2_000, 1);
  const orders = column(10, 200, 1);

  const ROI = customFunction('CAMPAIGN_ROI');
  const FUNNEL_RATE = customFunction('FUNNEL_RATE');
  const CAMPAIGN_COST = customFunction('CAMPAIGN_COST');
  const ROAS = customFunction('ROAS');
  const COST_PER_ORDER = customFunction('COST_PER_ORDER');

  const cases: Case[] = [
    {
      label: 'CAMPAIGN_ROI(revenue, cost, margin), 3 ranges',
      run: () => ROI(revenue, cost, margin),
      bare: () => map1(ROWS, (r) => (revenue[r][0] * margin[r][0] - cost[r][0]) / cost[r][0]),
    },
    {
      label: 'FUNNEL_RATE(from, to), 2 ranges',
      run: () => FUNNEL_RATE(visitors, buyers),
      bare: () => map1(ROWS, (r) => buyers[r][0] / visitors[r][0]),
    },
    {
      label: 'FUNNEL_RATE(steps), 1 column of steps',
      run: () => FUNNEL_RATE(visitors),
      bare: () => map1(ROWS, (r) => (r === 0 ? 1 : visitors[r][0] / visitors[r - 1][0])),
    },
    {
      label: 'CAMPAIGN_COST(people, hours, rate, media_spend), 4 ranges',
      run: () => CAMPAIGN_COST(people, hours, rate, media),
      bare: () => map1(ROWS, (r) => people[r][0] * hours[r][0] * rate[r][0] + media[r][0]),
    },
    {
      label: 'ROAS(revenue, media_spend), 2 ranges',
      run: () => ROAS(revenue, media),
      bare: () => map1(ROWS, (r) => revenue[r][0] / media[r][0]),
    },
    {
      label: 'COST_PER_ORDER(cost, orders), 2 ranges',
      run: () => COST_PER_ORDER(cost, orders),
      bare: () => map1(ROWS, (r) => cost[r][0] / orders[r][0]),
    },
  ];

  const lines = [
    `Custom functions on ${ROWS.toLocaleString('en-US')}-row ranges (median of ${repeats}, run alternately with the bare loop):`,
  ];
  for (const { label, run, bare } of cases) {
    if (!sameAnswers(run(), bare())) throw new Error(`${label} disagrees with its bare loop`);
    const [ours, baseline] = timeSideBySide(run, bare, repeats);
    const ratio = ours / baseline;
    const verdict = ratio <= TARGET_RATIO ? 'within' : 'OVER';
    lines.push(
      `  ${label}: ${ours.toFixed(1)} ms, bare loop ${baseline.toFixed(1)} ms, ${ratio.toFixed(2)}x (${verdict} the ${TARGET_RATIO}x target)`,
    );
  }

  const pasted = revenue.map(([amount]) => [
    `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  ]);
  const [numbersTime, textTime] = timeSideBySide(
    () => ROI(revenue, cost),
    () => ROI(pasted, cost),
    repeats,
  );
  const perCell = ((textTime - numbersTime) * 1000) / ROWS;
  lines.push(
    `Text numbers: CAMPAIGN_ROI with revenue pasted as text (${pasted[0][0]}, ...): ${textTime.toFixed(1)} ms against ${numbersTime.toFixed(1)} ms for numbers, about ${perCell.toFixed(2)} µs to read each text cell.`,
  );
  return lines;
}
