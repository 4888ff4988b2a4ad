// Bytes and dollars as the estimate shows them, and the columns a scan is billed for.
import {
  billedBytes,
  bytesText,
  capBytes,
  dollarsText,
  onDemandDollars,
} from '../../../src/core/bigquery/queryCost';
import { resolveFunnelSpec } from '../../../src/core/funnel/funnelOptions';
import { funnelColumnsRead } from '../../../src/core/pull/funnelWarehouse';
import { ALL_OPTIONAL_COLUMNS, buildFunnelQuery } from '../../../src/core/sql/funnelQuery';
import { quoteIdentifier } from '../../../src/core/sql/identifiers';
import { openWarehouse, runQuery } from '../../../src/local/duckdbWarehouse';

const MB = 2 ** 20;

describe('billedBytes', () => {
  test.each([
    ['a tiny query pays the 10 MB minimum for each of 3 tables', 1, 3, 30 * MB],
    ['bytes round up to a whole MB', 40 * MB + 1, 3, 41 * MB],
    ['exact MB stay as they are', 64 * MB, 1, 64 * MB],
  ])('%s', (_what, processed, tables, billed) => {
    expect(billedBytes(processed, tables)).toBe(billed);
  });
});

describe('onDemandDollars and dollarsText', () => {
  test.each([
    // $6.25 per TiB: 1 TiB is 2^40 bytes.
    [2 ** 40, 'about $6.25'],
    [2 ** 42, 'about $25.00'],
    [30 * MB, 'less than $0.01'],
  ])('%p bytes cost %s', (bytes, text) => {
    expect(dollarsText(onDemandDollars(bytes))).toBe(text);
  });
});

describe('bytesText and capBytes', () => {
  test.each([
    [1_288_490_188, '1.3 GB'],
    [12_500_000_000, '13 GB'],
    [5_404_939, '5.4 MB'],
    [52_000, '0.05 MB'],
    [0, '0 MB'],
  ])('writes %p bytes as %s', (bytes, text) => {
    expect(bytesText(bytes)).toBe(text);
  });

  test('reads the cap in GB as whole bytes', () => {
    expect(capBytes(10)).toBe(10_000_000_000n);
    expect(capBytes(0.5)).toBe(500_000_000n);
  });
});

describe('funnelColumnsRead', () => {
  // The local estimate prices only these columns. Tables holding exactly them must run the
  // funnel query; dropping any one must break it, so the list is neither short nor padded.
  const spec = resolveFunnelSpec({
    groupBy: ['campaign', 'medium'],
    campaigns: ['spring'],
    storeUrlPattern: '/shop',
  });
  const read = funnelColumnsRead(spec, ALL_OPTIONAL_COLUMNS);
  const types: Record<string, string> = { received_at: 'TIMESTAMPTZ', total: 'DOUBLE' };

  async function runsWith(columns: Record<string, string[]>): Promise<boolean> {
    const warehouse = await openWarehouse();
    try {
      for (const [table, names] of Object.entries(columns)) {
        const q = (name: string) => quoteIdentifier(name, 'duckdb');
        const definition = names.map((name) => `${q(name)} ${types[name] ?? 'VARCHAR'}`);
        await warehouse.connection.run(`CREATE TABLE ${q(table)} (${definition.join(', ')})`);
      }
      await runQuery(warehouse, buildFunnelQuery(spec, 'duckdb', ALL_OPTIONAL_COLUMNS));
      return true;
    } catch {
      return false;
    } finally {
      warehouse.close();
    }
  }

  test('lists what the query reads from each table', async () => {
    expect(read).toEqual({
      pages: [
        'id',
        'received_at',
        'user_id',
        'anonymous_id',
        'context_campaign_name',
        'context_campaign_medium',
        'url',
      ],
      product_viewed: ['id', 'received_at', 'user_id', 'anonymous_id'],
      order_completed: [
        'id',
        'received_at',
        'user_id',
        'anonymous_id',
        'order_id',
        'currency',
        'total',
      ],
    });
    expect(await runsWith(read)).toBe(true);
  });

  test.each(Object.entries(read).flatMap(([table, names]) => names.map((name) => [table, name])))(
    'breaks the query when %s lacks %s',
    async (table, column) => {
      const fewer = { ...read, [table]: read[table].filter((name) => name !== column) };
      expect(await runsWith(fewer)).toBe(false);
    },
  );
});
