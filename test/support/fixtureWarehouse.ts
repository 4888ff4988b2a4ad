// Puts a hand-made fixture into a fresh local DuckDB warehouse, typed as BigQuery would type it.
import { LocalWarehouse, openWarehouse } from '../../src/local/duckdbWarehouse';
import { quoteIdentifier, quoteLiteral } from '../../src/core/sql/identifiers';
import type { FunnelResult, FunnelRow } from '../../src/core/funnel/funnelRows';
import { centsToText } from '../../src/core/funnel/decimal';
import { ALL_OPTIONAL_COLUMNS, WarehouseColumns } from '../../src/core/sql/funnelQuery';
import type { ExpectedRow, FixtureColumn, FixtureTables, FunnelFixture } from './funnelFixtures';

const DUCKDB_TYPES: Record<FixtureColumn['type'], string> = {
  STRING: 'VARCHAR',
  TIMESTAMP: 'TIMESTAMPTZ',
  FLOAT64: 'DOUBLE',
};

function literal(value: string | number | null, column: FixtureColumn): string {
  if (value === null) return 'NULL';
  if (column.type === 'FLOAT64') return `CAST(${Number(value)} AS DOUBLE)`;
  const quoted = quoteLiteral(String(value), 'duckdb');
  return column.type === 'TIMESTAMP' ? `CAST(${quoted} AS TIMESTAMPTZ)` : quoted;
}

export async function fixtureWarehouse(tables: FixtureTables): Promise<LocalWarehouse> {
  const warehouse = await openWarehouse();
  for (const [name, table] of Object.entries(tables)) {
    const q = (id: string) => quoteIdentifier(id, 'duckdb');
    const definition = table.columns.map((c) => `${q(c.name)} ${DUCKDB_TYPES[c.type]}`);
    await warehouse.connection.run(`CREATE TABLE ${q(name)} (${definition.join(', ')})`);
    for (const row of table.rows) {
      const values = row.map((value, i) => literal(value, table.columns[i]));
      await warehouse.connection.run(`INSERT INTO ${q(name)} VALUES (${values.join(', ')})`);
    }
  }
  return warehouse;
}

export function asExpected(row: FunnelRow): ExpectedRow {
  return {
    keys: row.keys as Record<string, string>,
    visits: row.visits,
    store_visitors: row.storeVisitors,
    product_viewers: row.productViewers,
    buyers: row.buyers,
    orders: row.orders,
    revenue: centsToText(row.revenueCents),
    orders_missing_total: row.ordersMissingTotal,
  };
}

export function resultAsExpected(result: FunnelResult): ExpectedRow[] {
  return result.rows.map(asExpected);
}

/** The warehouse columns of a fixture: all of them, with revenue typed as the fixture types it. */
export function fixtureColumns(fixture: FunnelFixture): WarehouseColumns {
  const total = fixture.tables.order_completed.columns.find((column) => column.name === 'total');
  return { ...ALL_OPTIONAL_COLUMNS, revenueIsText: total?.type === 'STRING' };
}
