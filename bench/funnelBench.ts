// Funnel time as a ratio to the least any correct answer must do, on generated warehouses of
// about 1M and 10M events, with events spread evenly and with a few people owning many.
import * as fs from 'fs';
import { resolveFunnelSpec } from '../src/core/funnel/funnelOptions';
import { buildFunnelQuery } from '../src/core/sql/funnelQuery';
import { openWarehouse, runQuery, LocalWarehouse } from '../src/local/duckdbWarehouse';
import { createSampleWarehouse } from '../src/local/sampleWarehouse';

/**
 * The baseline: each table deduplicated by message id (first copy by received_at), and
 * distinct people counted per campaign in pages. The view and order counts are returned so
 * that their deduplication cannot be skipped.
 */
export const BASELINE_SQL = `
WITH pages_once AS (
  SELECT * FROM (
    SELECT COALESCE(user_id, anonymous_id) AS person, context_campaign_name AS campaign,
      ROW_NUMBER() OVER (PARTITION BY id ORDER BY received_at) AS copy_number
    FROM pages
  ) WHERE copy_number = 1
),
views_once AS (
  SELECT COUNT(*) AS views FROM (
    SELECT ROW_NUMBER() OVER (PARTITION BY id ORDER BY received_at) AS copy_number
    FROM product_viewed
  ) WHERE copy_number = 1
),
orders_once AS (
  SELECT COUNT(*) AS orders FROM (
    SELECT ROW_NUMBER() OVER (PARTITION BY id ORDER BY received_at) AS copy_number
    FROM order_completed
  ) WHERE copy_number = 1
)
SELECT campaign, COUNT(DISTINCT person) AS people, ANY_VALUE(views) AS views,
  ANY_VALUE(orders) AS orders
FROM pages_once, views_once, orders_once
GROUP BY campaign`;

/** Peak resident memory of this process since the last reset, in MiB (Linux only). */
function peakMemoryMiB(): number | null {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function resetPeakMemory(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the whole run so far.
  }
}

async function timed(warehouse: LocalWarehouse, query: Parameters<typeof runQuery>[1]) {
  const started = process.hrtime.bigint();
  await runQuery(warehouse, query);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface FunnelBenchCase {
  people: number;
  skewed: boolean;
}

export async function benchFunnel(cases: FunnelBenchCase[], rounds = 5): Promise<string[]> {
  const lines = [
    'Funnel query vs baseline (dedup three tables, distinct people per campaign), DuckDB, median of ' +
      `${rounds} interleaved runs each:`,
    'events      spread   baseline ms  funnel ms  ratio  peak MiB (funnel)',
  ];
  for (const { people, skewed } of cases) {
    const warehouse = await openWarehouse();
    try {
      const counts = await createSampleWarehouse(warehouse.connection, { people, skewed, seed: 7 });
      const events = counts.pages + counts.product_viewed + counts.order_completed;
      const funnel = buildFunnelQuery(resolveFunnelSpec({}), 'duckdb');
      const baseline = { sql: BASELINE_SQL, parameters: [] };
      const baselineTimes: number[] = [];
      const funnelTimes: number[] = [];
      let peak = 0;
      for (let round = 0; round < rounds; round++) {
        baselineTimes.push(await timed(warehouse, baseline));
        resetPeakMemory();
        funnelTimes.push(await timed(warehouse, funnel));
        peak = Math.max(peak, peakMemoryMiB() ?? 0);
      }
      const [b, f] = [median(baselineTimes), median(funnelTimes)];
      lines.push(
        [
          events.toLocaleString('en-US').padEnd(10),
          (skewed ? 'skewed' : 'even').padEnd(7),
          b.toFixed(0).padStart(11),
          f.toFixed(0).padStart(10),
          `${(f / b).toFixed(2)}x`.padStart(6),
          peak ? peak.toFixed(0).padStart(9) : 'n/a',
        ].join('  '),
      );
    } finally {
      warehouse.close();
    }
  }
  return lines;
}
