// The laptop's warehouse: an embedded DuckDB holding Segment tables, queried like BigQuery.
import * as fs from 'fs';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { FunnelSpec, KEY_COLUMNS } from '../core/funnel/funnelOptions';
import { decodeFunnelRecords, FunnelResult, QueryRecord } from '../core/funnel/funnelRows';
import { parseCsv } from '../core/csvText';
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
  /** A step worth a line in the log rather than a warning. */
  step?: true;
}

/** The tables the funnel reads, by the file name they are loaded from. */
export const FUNNEL_TABLE_FILES = ['pages', 'product_viewed', 'order_completed'] as const;

const TIME_COLUMNS = ['received_at', 'timestamp', 'sent_at', 'original_timestamp'];
const TABLE_FILE_EXTENSIONS = ['.parquet', '.csv', '.csv.gz'];

function tableFiles(folder: string, table: string): string[] {
  return TABLE_FILE_EXTENSIONS.map((extension) => path.join(folder, table + extension)).filter(
    (file) => fs.existsSync(file),
  );
}

/**
 * Loads a folder of Segment tables (`pages.csv`, `product_viewed.parquet`, ...) into the
 * warehouse, one file per table named after it. CSV columns arrive as text and column names
 * are read in lower case; time columns are read as UTC instants. Rows whose time does not read
 * are kept with no time, rows a CSV file cannot split into its columns are set aside, and both
 * are reported with how many rows (and which lines) they are.
 */
export async function loadTableFolder(
  warehouse: LocalWarehouse,
  folder: string,
  tables: readonly string[] = FUNNEL_TABLE_FILES,
): Promise<LoadWarning[]> {
  if (!fs.existsSync(folder)) throw new ProductError('local/no-data-folder', { folder });
  if (!fs.statSync(folder).isDirectory())
    throw new ProductError('local/data-not-folder', { folder });
  const missing = tables.filter((table) => tableFiles(folder, table).length === 0);
  if (missing.length === tables.length) {
    throw new ProductError('local/empty-data-folder', { folder, tables });
  }
  if (missing.length) {
    throw new ProductError('local/missing-table-file', { folder, tables: missing });
  }
  const warnings: LoadWarning[] = [];
  for (const table of tables) {
    const [file, ...others] = tableFiles(folder, table);
    if (others.length) {
      warnings.push({
        code: 'local/several-table-files',
        details: { table, used: path.basename(file), ignored: others.map((o) => path.basename(o)) },
      });
    }
    warnings.push(...(await loadTableFile(warehouse, table, file)));
  }
  return warnings;
}

async function readTableFile(
  connection: DuckDBConnection,
  table: string,
  file: string,
): Promise<{ raw: string; rejected: LoadWarning | null }> {
  const name = path.basename(file);
  if (fs.statSync(file).size === 0)
    throw new ProductError('local/empty-table-file', { file: name });
  const raw = `${table}__as_read`;
  const rejects = `${table}__rejected_lines`;
  const scans = `${table}__rejected_scans`;
  const source = file.endsWith('.parquet')
    ? `read_parquet(${quoteLiteral(file, 'duckdb')})`
    : `read_csv(${quoteLiteral(file, 'duckdb')}, header = true, all_varchar = true,
        store_rejects = true, rejects_table = ${quoteLiteral(rejects, 'duckdb')},
        rejects_scan = ${quoteLiteral(scans, 'duckdb')})`;
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(raw)} AS SELECT * FROM ${source}`);
  } catch (error) {
    const strayReturn = file.endsWith('.parquet') ? null : strayCarriageReturnLine(file);
    if (strayReturn !== null) {
      throw new ProductError('local/stray-carriage-return', { file: name, line: strayReturn });
    }
    throw new ProductError('local/unreadable-table-file', {
      file: name,
      reason: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  }
  if (file.endsWith('.parquet')) return { raw, rejected: null };
  const reader = await connection.runAndReadAll(
    `SELECT COUNT(DISTINCT line) AS lines, string_agg(DISTINCT CAST(line AS VARCHAR), ', ') AS examples
     FROM (SELECT line FROM ${q(rejects)} ORDER BY line LIMIT 1000)`,
  );
  const [lines, examples] = reader.getRows()[0] ?? [0, ''];
  await connection.run(`DROP TABLE IF EXISTS ${q(rejects)}; DROP TABLE IF EXISTS ${q(scans)}`);
  const rows = Number(lines ?? 0);
  const lineList = String(examples ?? '')
    .split(', ')
    .map(Number)
    .sort((a, b) => a - b)
    .slice(0, 5)
    .join(', ');
  return {
    raw,
    rejected: rows
      ? { code: 'local/rejected-rows', details: { file: name, rows, lines: lineList } }
      : null,
  };
}

async function loadTableFile(
  warehouse: LocalWarehouse,
  table: string,
  file: string,
): Promise<LoadWarning[]> {
  const { connection } = warehouse;
  const { raw, rejected } = await readTableFile(connection, table, file);
  const warnings: LoadWarning[] = rejected ? [rejected] : [];
  const columns = await columnNames(connection, raw);
  const lowerCase = columns.map((column) => column.toLowerCase());
  // DuckDB renames a repeated header name (id, id_1), so the header line is read here too.
  const header = file.endsWith('.parquet') ? lowerCase : await headerNames(connection, file);
  const repeated = [lowerCase, header]
    .map((names) => names.find((column, i) => names.indexOf(column) !== i))
    .find(Boolean);
  if (repeated) {
    throw new ProductError('local/repeated-column', {
      file: path.basename(file),
      column: repeated,
    });
  }
  const selected = [];
  for (const [i, column] of columns.entries()) {
    const name = lowerCase[i];
    if (!TIME_COLUMNS.includes(name)) {
      selected.push(`${q(column)} AS ${q(name)}`);
      continue;
    }
    selected.push(`TRY_CAST(${q(column)} AS TIMESTAMPTZ) AS ${q(name)}`);
    if (name !== 'received_at') continue;
    const reader = await connection.runAndReadAll(
      `SELECT COUNT(*) FILTER (WHERE TRY_CAST(${q(column)} AS TIMESTAMPTZ) IS NULL
           AND TRIM(CAST(${q(column)} AS VARCHAR)) <> ''),
         COUNT(TRY_CAST(${q(column)} AS TIMESTAMPTZ)),
         MIN(CAST(${q(column)} AS VARCHAR)) FILTER (WHERE TRY_CAST(${q(column)} AS TIMESTAMPTZ) IS NULL
           AND TRIM(CAST(${q(column)} AS VARCHAR)) <> '')
       FROM ${q(raw)}`,
    );
    const [unreadableCount, readableCount, example] = reader.getRows()[0] ?? [0, 0, null];
    const [unreadable, readable] = [Number(unreadableCount), Number(readableCount)];
    const details = { file: path.basename(file), column: name, rows: unreadable, example };
    // Set aside some rows, the run goes on; set aside all of them, there is nothing to count.
    if (unreadable > 0 && readable === 0) {
      throw new ProductError('local/no-readable-times', details);
    }
    if (unreadable > 0) warnings.push({ code: 'local/unreadable-times', details });
  }
  await connection.run(
    `CREATE OR REPLACE TABLE ${q(table)} AS SELECT ${selected.join(', ')} FROM ${q(raw)}`,
  );
  await connection.run(`DROP TABLE ${q(raw)}`);
  const rows = await scalar(connection, `SELECT COUNT(*) FROM ${q(table)}`);
  warnings.push({
    code: 'local/table-loaded',
    details: { table, file: path.basename(file), rows },
    step: true,
  });
  return warnings;
}

const q = (name: string) => quoteIdentifier(name, 'duckdb');

/**
 * The line number of the first carriage return that ends no line (one not before a line
 * feed, in a file whose lines end in line feeds), or null. Such a character, pasted inside a
 * field, stops DuckDB from telling how the file's lines end.
 */
function strayCarriageReturnLine(file: string): number | null {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes('\n')) return null;
  const stray = /\r(?!\n)/.exec(text);
  return stray ? text.slice(0, stray.index).split('\n').length : null;
}

/** The names in a CSV file's header line, lower-cased, split by the delimiter DuckDB found. */
async function headerNames(connection: DuckDBConnection, file: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT Delimiter FROM sniff_csv(${quoteLiteral(file, 'duckdb')})`,
  );
  const delimiter = String(reader.getRows()[0]?.[0] ?? ',');
  const start = fs.readFileSync(file).subarray(0, 65_536).toString('utf8');
  const [names = []] = parseCsv(start.split(/\r?\n/)[0] ?? '', { delimiter });
  return names.map((name) => name.trim().toLowerCase());
}

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
        const groupingKey = Object.values(KEY_COLUMNS).includes(column);
        throw new ProductError('local/missing-column', { table, column, groupingKey });
      }
    }
  }
  const warnings: LoadWarning[] = [];
  for (const table of [pages, productViewed, orderCompleted]) {
    if (!present[table].includes('user_id') && !present[table].includes('anonymous_id')) {
      throw new ProductError('local/no-person-column', { table });
    }
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
