// The laptop's warehouse: an embedded DuckDB holding Segment tables, queried like BigQuery.
import * as fs from 'fs';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { FunnelSpec, KEY_COLUMNS } from '../core/funnel/funnelOptions';
import { decodeFunnelRecords, FunnelResult, QueryRecord } from '../core/funnel/funnelRows';
import { ProductError } from '../core/productError';
import { buildFunnelQuery, BuiltQuery, WarehouseColumns } from '../core/sql/funnelQuery';
import { quoteIdentifier, quoteLiteral } from '../core/sql/identifiers';

/** An open embedded warehouse; every session runs in UTC. */
export interface LocalWarehouse {
  connection: DuckDBConnection;
  close(): void;
}

export async function openWarehouse(): Promise<LocalWarehouse> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Something worth telling the person about a table, with how many rows it touches. */
export interface LoadWarning {
  code: string;
  details: Record<string, unknown>;
}

/** The tables the funnel reads, by the file name they are loaded from. */
export const FUNNEL_TABLE_FILES = ['pages', 'product_viewed', 'order_completed'] as const;

const TIME_COLUMNS = ['received_at', 'timestamp', 'sent_at', 'original_timestamp'];

function findTableFile(folder: string, table: string): string | null {
  for (const extension of ['.parquet', '.csv', '.csv.gz']) {
    const candidate = path.join(folder, table + extension);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Loads a folder of Segment tables (`pages.csv`, `product_viewed.parquet`, ...) into the
 * warehouse. CSV columns arrive as text; time columns are read as UTC instants and rows whose
 * time does not read are kept with no time and reported.
 */
export async function loadTableFolder(
  warehouse: LocalWarehouse,
  folder: string,
  tables: readonly string[] = FUNNEL_TABLE_FILES,
): Promise<LoadWarning[]> {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new ProductError('local/no-data-folder', { folder });
  }
  const missing = tables.filter((table) => !findTableFile(folder, table));
  if (missing.length === tables.length) {
    throw new ProductError('local/empty-data-folder', { folder, tables });
  }
  if (missing.length) {
    throw new ProductError('local/missing-table-file', { folder, tables: missing });
  }
  const warnings: LoadWarning[] = [];
  for (const table of tables) {
    const file = findTableFile(folder, table) as string;
    warnings.push(...(await loadTableFile(warehouse, table, file)));
  }
  return warnings;
}

async function loadTableFile(
  warehouse: LocalWarehouse,
  table: string,
  file: string,
): Promise<LoadWarning[]> {
  const { connection } = warehouse;
  const source = file.endsWith('.parquet')
    ? `read_parquet(${quoteLiteral(file, 'duckdb')})`
    : `read_csv(${quoteLiteral(file, 'duckdb')}, header = true, all_varchar = true)`;
  const raw = `${table}__as_read`;
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(raw)} AS SELECT * FROM ${source}`);
  } catch (error) {
    throw new ProductError('local/unreadable-table-file', {
      file: path.basename(file),
      reason: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  }
  const columns = await columnNames(connection, raw);
  const warnings: LoadWarning[] = [];
  const selected = [];
  for (const column of columns) {
    if (!TIME_COLUMNS.includes(column)) {
      selected.push(q(column));
      continue;
    }
    selected.push(`TRY_CAST(${q(column)} AS TIMESTAMPTZ) AS ${q(column)}`);
    if (column !== 'received_at') continue;
    const unreadable = await scalar(
      connection,
      `SELECT COUNT(*) FROM ${q(raw)} WHERE ${q(column)} IS NOT NULL
         AND TRIM(CAST(${q(column)} AS VARCHAR)) <> ''
         AND TRY_CAST(${q(column)} AS TIMESTAMPTZ) IS NULL`,
    );
    if (unreadable > 0) {
      warnings.push({
        code: 'local/unreadable-times',
        details: { file: path.basename(file), column, rows: unreadable },
      });
    }
  }
  await connection.run(
    `CREATE OR REPLACE TABLE ${q(table)} AS SELECT ${selected.join(', ')} FROM ${q(raw)}`,
  );
  await connection.run(`DROP TABLE ${q(raw)}`);
  return warnings;
}

const q = (name: string) => quoteIdentifier(name, 'duckdb');

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

async function columnNames(connection: DuckDBConnection, table: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name FROM information_schema.columns WHERE table_name = ${quoteLiteral(table, 'duckdb')} ORDER BY ordinal_position`,
  );
  return reader.getRows().map((row) => String(row[0]));
}

async function columnType(
  connection: DuckDBConnection,
  table: string,
  column: string,
): Promise<string | null> {
  const reader = await connection.runAndReadAll(
    `SELECT data_type FROM information_schema.columns
     WHERE table_name = ${quoteLiteral(table, 'duckdb')} AND column_name = ${quoteLiteral(column, 'duckdb')}`,
  );
  const row = reader.getRows()[0];
  return row ? String(row[0]) : null;
}

/**
 * Checks that the tables have what the funnel needs and tells which optional columns exist.
 * A missing revenue column is a warning: every order then counts as missing a total.
 */
export async function inspectFunnelTables(
  warehouse: LocalWarehouse,
  spec: FunnelSpec,
): Promise<{ columns: WarehouseColumns; warnings: LoadWarning[] }> {
  const { connection } = warehouse;
  const { pages, productViewed, orderCompleted } = spec.tables;
  const present: Record<string, string[]> = {};
  for (const table of [pages, productViewed, orderCompleted]) {
    present[table] = await columnNames(connection, table);
    if (present[table].length === 0) throw new ProductError('local/missing-table', { table });
  }
  const required: [string, string[]][] = [
    [pages, ['id', 'received_at', ...spec.groupBy.map((key) => KEY_COLUMNS[key])]],
    [productViewed, ['id', 'received_at']],
    [orderCompleted, ['id', 'received_at']],
  ];
  if (spec.campaigns.length) required[0][1].push(KEY_COLUMNS.campaign);
  if (spec.storeUrlPattern) required[0][1].push('url');
  for (const [table, needed] of required) {
    for (const column of needed) {
      if (!present[table].includes(column)) {
        throw new ProductError('local/missing-column', { table, column });
      }
    }
  }
  const warnings: LoadWarning[] = [];
  for (const table of [pages, productViewed, orderCompleted]) {
    for (const column of ['user_id', 'anonymous_id']) {
      if (!present[table].includes(column)) {
        await connection.run(`ALTER TABLE ${q(table)} ADD COLUMN ${q(column)} VARCHAR`);
        warnings.push({ code: 'local/missing-person-column', details: { table, column } });
      }
    }
  }
  const orderColumns = present[orderCompleted];
  const revenueType = await columnType(connection, orderCompleted, spec.revenueColumn);
  const columns: WarehouseColumns = {
    pagesUrl: present[pages].includes('url'),
    orderId: orderColumns.includes('order_id'),
    currency: orderColumns.includes('currency'),
    revenue: orderColumns.includes(spec.revenueColumn),
    revenueIsText: revenueType === 'VARCHAR',
  };
  if (!columns.revenue) {
    warnings.push({
      code: 'local/missing-revenue-column',
      details: { table: orderCompleted, column: spec.revenueColumn },
    });
  }
  return { columns, warnings };
}

/** Runs a built query with its parameters bound, returning plain records. */
export async function runQuery(
  warehouse: LocalWarehouse,
  query: BuiltQuery,
): Promise<QueryRecord[]> {
  const statement = await warehouse.connection.prepare(query.sql);
  const values: Record<string, unknown> = {};
  const types: Record<string, unknown> = {};
  for (const parameter of query.parameters) {
    if (parameter.array) {
      values[parameter.name] = listValue(parameter.values);
      types[parameter.name] = LIST(VARCHAR);
    } else if (parameter.type === 'INT64' && parameter.value !== null) {
      values[parameter.name] = BigInt(parameter.value);
    } else {
      values[parameter.name] = parameter.value;
    }
  }
  // The binder takes the same loose value map the DuckDB client documents.
  statement.bind(values as never, types as never);
  const reader = await statement.runAndReadAll();
  return reader.getRowObjectsJson() as QueryRecord[];
}

/** Runs the funnel on the local warehouse. */
export async function runLocalFunnel(
  warehouse: LocalWarehouse,
  spec: FunnelSpec,
  columns: WarehouseColumns,
): Promise<FunnelResult> {
  const records = await runQuery(warehouse, buildFunnelQuery(spec, 'duckdb', columns));
  return decodeFunnelRecords(spec.groupBy, records);
}
