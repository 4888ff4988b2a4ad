// The laptop's warehouse in a worker thread. DuckDB's client is asynchronous and the pull service
// is synchronous (as Apps Script is), so the main thread posts a request and blocks on a shared
// flag until this worker has answered (see syncLocalWarehouse.ts).
import { MessagePort, parentPort } from 'worker_threads';
import { FunnelSpec } from '../core/funnel/funnelOptions';
import { ProductError } from '../core/productError';
import { funnelColumnsRead, TableColumns } from '../core/pull/funnelWarehouse';
import { BuiltQuery, WarehouseColumns } from '../core/sql/funnelQuery';
import { quoteIdentifier, quoteLiteral } from '../core/sql/identifiers';
import { runQuery, LocalWarehouse } from './duckdbWarehouse';
import { openJobWarehouse } from './funnelJob';
import { memoryLogger } from './logger';

/** How the warehouse is made: a folder of tables or the sample, under a project and dataset. */
export interface WorkerOpenRequest {
  dataFolder: string | null;
  samplePeople: number;
  project: string;
  dataset: string;
}

export type WorkerRequest =
  | { kind: 'open'; open: WorkerOpenRequest }
  | { kind: 'tableColumns'; project: string; dataset: string; tables: string[] }
  | { kind: 'estimate'; spec: FunnelSpec; columns: WarehouseColumns }
  | { kind: 'run'; query: BuiltQuery }
  | { kind: 'close' };

/** An answer, or a product error carried across as its code and details. */
export type WorkerAnswer =
  | { ok: true; value: unknown }
  | { ok: false; code: string | null; details: Record<string, unknown>; message: string };

/** What opening found: the runner's log lines and the last day with a page view. */
export interface WorkerOpened {
  lines: string[];
  lastDay: string | null;
}

const FUNNEL_TABLES = ['pages', 'product_viewed', 'order_completed'];

let warehouse: LocalWarehouse | null = null;
let place = { project: '', dataset: '' };

const q = (name: string) => quoteIdentifier(name, 'duckdb');
const lit = (text: string) => quoteLiteral(text, 'duckdb');
const qualified = (table: string) => `${q(place.project)}.${q(place.dataset)}.${q(table)}`;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await runQuery(open(), { sql, parameters: [] })) as Record<string, unknown>[];
}

function open(): LocalWarehouse {
  if (!warehouse) throw new Error('The local warehouse is not open.');
  return warehouse;
}

// The tables move into a catalog and schema named like the BigQuery project and dataset, so
// the funnel query reads them by the same three-part names it uses on BigQuery.
async function openWarehouse(request: WorkerOpenRequest): Promise<WorkerOpened> {
  const logger = memoryLogger();
  warehouse = await openJobWarehouse(
    {
      dataFolder: request.dataFolder,
      samplePeople: request.samplePeople,
      sampleSeed: 1,
      sampleSkewed: false,
    },
    logger,
  );
  place = { project: request.project, dataset: request.dataset };
  const { connection } = warehouse;
  await connection.run(`ATTACH ':memory:' AS ${q(place.project)}`);
  await connection.run(`CREATE SCHEMA ${q(place.project)}.${q(place.dataset)}`);
  for (const table of FUNNEL_TABLES) {
    await connection.run(`CREATE TABLE ${qualified(table)} AS SELECT * FROM main.${q(table)}`);
    await connection.run(`DROP TABLE main.${q(table)}`);
  }
  const [span] = await rows(
    `SELECT strftime(MAX(received_at), '%Y-%m-%d') AS last_day FROM ${qualified('pages')}`,
  );
  return { lines: logger.lines, lastDay: (span?.last_day as string | null) ?? null };
}

async function columnsOf(table: string): Promise<Record<string, string>> {
  const found = await rows(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_catalog = ${lit(place.project)} AND table_schema = ${lit(place.dataset)}
       AND table_name = ${lit(table)} ORDER BY ordinal_position`,
  );
  return Object.fromEntries(found.map((row) => [String(row.column_name), String(row.data_type)]));
}

async function tableColumns(project: string, dataset: string, tables: string[]) {
  if (project !== place.project || dataset !== place.dataset) {
    throw new ProductError('local/no-such-dataset', {
      project,
      dataset,
      localProject: place.project,
      localDataset: place.dataset,
    });
  }
  const present: TableColumns = {};
  for (const table of tables) {
    let columns = await columnsOf(table);
    if (Object.keys(columns).length === 0) {
      throw new ProductError('bigquery/table-not-found', { project, dataset, table });
    }
    // Tables read from files may lack a person id column; an empty one reads the same.
    for (const column of ['user_id', 'anonymous_id']) {
      if (!(column in columns)) {
        await open().connection.run(
          `ALTER TABLE ${qualified(table)} ADD COLUMN ${q(column)} VARCHAR`,
        );
      }
    }
    columns = await columnsOf(table);
    present[table] = columns;
  }
  return present;
}

// BigQuery's sizes of stored values: a STRING is 2 bytes plus its UTF-8 length, INT64, FLOAT64
// and TIMESTAMP 8 bytes, BOOL 1, NUMERIC 16; NULL is 0 bytes.
function sizeExpression(column: string, type: string): string {
  const name = q(column);
  if (/CHAR|TEXT|STRING/i.test(type)) return `SUM(2 + strlen(CAST(${name} AS VARCHAR)))`;
  if (/BOOL/i.test(type)) return `COUNT(${name})`;
  if (/DECIMAL|NUMERIC/i.test(type)) return `16 * COUNT(${name})`;
  return `8 * COUNT(${name})`;
}

async function estimate(spec: FunnelSpec, columns: WarehouseColumns): Promise<number> {
  let bytes = 0;
  for (const [table, read] of Object.entries(funnelColumnsRead(spec, columns))) {
    const typeOf = new Map(Object.entries(await columnsOf(table)));
    const sizes = read
      .filter((column) => typeOf.has(column))
      .map((column) => `COALESCE(${sizeExpression(column, typeOf.get(column) ?? '')}, 0)`);
    const [total] = await rows(`SELECT ${sizes.join(' + ')} AS bytes FROM ${qualified(table)}`);
    bytes += Number(total?.bytes ?? 0);
  }
  return bytes;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'open':
      return openWarehouse(request.open);
    case 'tableColumns':
      return tableColumns(request.project, request.dataset, request.tables);
    case 'estimate':
      return estimate(request.spec, request.columns);
    case 'run':
      return runQuery(open(), request.query);
    case 'close':
      warehouse?.close();
      warehouse = null;
      return null;
  }
}

/** Answers each request on `port`, then raises the shared flag the main thread waits on. */
parentPort?.on(
  'message',
  (message: { request: WorkerRequest; port: MessagePort; flag: SharedArrayBuffer }) => {
    const signal = new Int32Array(message.flag);
    const reply = (answer: WorkerAnswer) => {
      message.port.postMessage(answer);
      message.port.close();
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    };
    handle(message.request).then(
      (value) => reply({ ok: true, value }),
      (error: unknown) =>
        reply({
          ok: false,
          code: error instanceof ProductError ? error.code : null,
          details: error instanceof ProductError ? error.details : {},
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  },
);
