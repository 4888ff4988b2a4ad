// The funnel rules, each shown on a hand-made warehouse and run by DuckDB.
import { resolveFunnelSpec } from '../../../src/core/funnel/funnelOptions';
import { ProductError } from '../../../src/core/productError';
import { buildFunnelQuery, ALL_OPTIONAL_COLUMNS } from '../../../src/core/sql/funnelQuery';
import { decodeFunnelRecords } from '../../../src/core/funnel/funnelRows';
import { runLocalFunnel, runQuery } from '../../../src/local/duckdbWarehouse';
import { FUNNEL_FIXTURES } from '../../support/funnelFixtures';
import {
  asExpected,
  fixtureColumns,
  fixtureWarehouse,
  resultAsExpected,
} from '../../support/fixtureWarehouse';

describe('funnel query on DuckDB', () => {
  test.each(FUNNEL_FIXTURES.map((fixture) => [fixture.name, fixture] as const))(
    '%s',
    async (_name, fixture) => {
      const warehouse = await fixtureWarehouse(fixture.tables);
      try {
        const spec = resolveFunnelSpec(fixture.request);
        const running = runLocalFunnel(warehouse, spec, fixtureColumns(fixture));
        if (fixture.expectedError) {
          await expect(running).rejects.toMatchObject({ code: fixture.expectedError });
          return;
        }
        const result = await running;
        expect(resultAsExpected(result)).toEqual(fixture.expected);
        if (fixture.expectedAll) {
          const { keys: _keys, ...all } = asExpected(result.allGroups);
          expect(all).toEqual(fixture.expectedAll);
        }
      } finally {
        warehouse.close();
      }
    },
  );

  // Repeated ids are found by fingerprint; ids that share one by chance must still come out
  // right. Here every id shares one, so every id with copies goes through the exact sort.
  test.each(
    FUNNEL_FIXTURES.filter((fixture) => !fixture.expectedError).map(
      (fixture) => [fixture.name, fixture] as const,
    ),
  )(
    'gives the same rows when every message id shares one fingerprint: %s',
    async (_name, fixture) => {
      const warehouse = await fixtureWarehouse(fixture.tables);
      try {
        const spec = resolveFunnelSpec(fixture.request);
        const query = buildFunnelQuery(spec, 'duckdb', fixtureColumns(fixture));
        const colliding = query.sql.split('hash(message_id)').join('0');
        expect(colliding).not.toEqual(query.sql);
        const records = await runQuery(warehouse, { ...query, sql: colliding });
        expect(resultAsExpected(decodeFunnelRecords(spec.groupBy, records))).toEqual(
          fixture.expected,
        );
      } finally {
        warehouse.close();
      }
    },
  );

  test('refuses a store pattern when the pages table has no url column', () => {
    const spec = resolveFunnelSpec({ storeUrlPattern: 'store' });
    expect(() =>
      buildFunnelQuery(spec, 'duckdb', { ...ALL_OPTIONAL_COLUMNS, pagesUrl: false }),
    ).toThrow(ProductError);
  });

  test('binds every value a person typed as a parameter, never as SQL text', () => {
    const hostile = "x' OR 1=1 --";
    const spec = resolveFunnelSpec({ campaigns: [hostile], storeUrlPattern: hostile });
    for (const dialect of ['duckdb', 'bigquery'] as const) {
      const { sql, parameters } = buildFunnelQuery(spec, dialect);
      expect(sql).not.toContain('1=1');
      expect(parameters.map((p) => p.name).sort()).toEqual(
        ['campaigns', 'skew_micros', 'store_url_pattern', 'window_micros'].sort(),
      );
    }
  });
});
