// Test harness: checks BigQuery Standard SQL with ZetaSQL, BigQuery's own SQL front end, and
// runs queries with ZetaSQL's reference evaluator on small tables a test writes out.
import { spawn } from 'child_process';
import { createRequire } from 'module';
import { createServer } from 'net';
import { dirname, join } from 'path';
import * as grpc from '@grpc/grpc-js';
import type * as ProtoLoader from '@grpc/proto-loader';
import type { QueryParameter } from '../../src/core/sql/queryParameter';

/** A column and its BigQuery type name: STRING, INT64, FLOAT64, NUMERIC, BOOL, TIMESTAMP, ... */
export interface ColumnType {
  name: string;
  type: string;
}

/** A warehouse table: its name path (project, dataset, table) and its columns. */
export interface TableDefinition {
  name: string[];
  columns: ColumnType[];
}

/** What ZetaSQL makes of a query: its errors (none when it is valid) and its output columns. */
export interface AnalysisResult {
  errors: string[];
  columns: ColumnType[];
}

/** A cell a test writes: the REST string form of the value, or the plain JavaScript value. */
export type CellInput = string | number | boolean | null;

/** The contents of one table, row by row, cells in the order of `columns`. */
export interface TableContents {
  columns: ColumnType[];
  rows: CellInput[][];
}

/** Rows a query returned, every value rendered as a string (see `renderValue`). */
export interface EvaluationResult {
  columns: ColumnType[];
  rows: (string | null)[][];
}

export interface ZetaSql {
  /** Analyzes one statement; SQL errors come back in `errors`, they are never thrown. */
  analyze(sql: string, parameters: QueryParameter[]): Promise<AnalysisResult>;
  /**
   * Runs one query on the given table contents, keyed by dotted name path
   * (`'my-project.segment.pages'`). A catalog table keeps its full column list: columns the
   * test leaves out are NULL, and catalog tables the test leaves out are empty. Throws when the
   * query is not valid or the evaluator cannot run it.
   */
  evaluate(
    sql: string,
    tables: Record<string, TableContents>,
    parameters: QueryParameter[],
  ): Promise<EvaluationResult>;
  /** Stops the ZetaSQL server. */
  close(): Promise<void>;
}

const IDENTITY_COLUMNS = ['id', 'anonymous_id', 'user_id'];
const TIME_COLUMNS = ['received_at', 'sent_at', 'timestamp', 'original_timestamp', 'loaded_at'];
const CONTEXT_COLUMNS = [
  'context_campaign_name',
  'context_campaign_source',
  'context_campaign_medium',
  'context_campaign_content',
  'context_campaign_term',
  'context_page_url',
  'context_page_path',
  'context_ip',
  'context_user_agent',
  'context_library_name',
];

const strings = (names: string[]): ColumnType[] => names.map((name) => ({ name, type: 'STRING' }));
const floats = (names: string[]): ColumnType[] => names.map((name) => ({ name, type: 'FLOAT64' }));

const SEGMENT_COMMON_COLUMNS: ColumnType[] = [
  ...strings(IDENTITY_COLUMNS),
  ...[...TIME_COLUMNS, 'uuid_ts'].map((name) => ({ name, type: 'TIMESTAMP' })),
  ...strings(CONTEXT_COLUMNS),
];
const SEGMENT_TRACK_COLUMNS = strings(['event', 'event_text']);

const SEGMENT_TABLES: Record<string, ColumnType[]> = {
  pages: strings(['url', 'path', 'referrer', 'title', 'search', 'name']),
  tracks: SEGMENT_TRACK_COLUMNS,
  product_viewed: [
    ...SEGMENT_TRACK_COLUMNS,
    ...strings(['product_id', 'sku', 'name', 'category']),
    ...floats(['price']),
  ],
  order_completed: [
    ...SEGMENT_TRACK_COLUMNS,
    ...strings(['order_id', 'currency', 'coupon']),
    ...floats(['total', 'revenue', 'discount', 'shipping', 'tax']),
  ],
  identifies: [],
  users: [],
};

/**
 * The Segment warehouse tables, typed the way Segment's BigQuery destination writes them.
 * An empty project gives two-part names (`segment.pages`).
 *
 * @example
 * segmentCatalog('my-project', 'segment')[0].name; // ['my-project', 'segment', 'pages']
 */
export const segmentCatalog = (project: string, dataset: string): TableDefinition[] =>
  Object.entries(SEGMENT_TABLES).map(([table, columns]) => ({
    name: [...(project ? [project] : []), dataset, table],
    columns: [...SEGMENT_COMMON_COLUMNS, ...columns],
  }));

/**
 * The Segment catalog with `total` typed as given: FLOAT64 as Segment writes it, STRING for
 * tables loaded from CSV files.
 */
export const segmentCatalogWithTotal = (
  project: string,
  dataset: string,
  type: 'FLOAT64' | 'STRING',
): TableDefinition[] =>
  segmentCatalog(project, dataset).map((table) => ({
    ...table,
    columns: table.columns.map((c) => (c.name === 'total' ? { ...c, type } : c)),
  }));

/** Two ZetaSQL servers, one with numeric totals and one with text totals. */
export async function startZetaSqlForTotals(
  project: string,
  dataset: string,
): Promise<{ numericTotals: ZetaSql; textTotals: ZetaSql }> {
  const [numericTotals, textTotals] = await Promise.all([
    startZetaSql(segmentCatalogWithTotal(project, dataset, 'FLOAT64')),
    startZetaSql(segmentCatalogWithTotal(project, dataset, 'STRING')),
  ]);
  return { numericTotals, textTotals };
}

/**
 * Starts a ZetaSQL server of its own on a free loopback port and resolves once it answers.
 * Each table is reachable by its name path with each part quoted (`a`.`b`.`c`), as one quoted
 * dotted name (`a.b.c`) and, for three-part names, without the project (`b`.`c`), the way
 * BigQuery resolves a dataset in the default project (the first table listed wins).
 */
export async function startZetaSql(catalog: TableDefinition[]): Promise<ZetaSql> {
  const server = await launchServer();
  const language = bigQueryLanguage(server.maximumLanguage);
  const tables = reachableTables(catalog.map((table) => ({ ...table, rows: [] })));
  const analysisCatalog = nestedCatalog(tables, language);

  const options = (parameters: QueryParameter[]) => ({
    languageOptions: language,
    parameterMode: 'PARAMETER_NAMED',
    errorMessageMode: 'ERROR_MESSAGE_ONE_LINE',
    defaultTimezone: 'UTC',
    queryParameters: parameters.map((parameter) => ({
      name: parameter.name,
      type: parameterTypeProto(parameter),
    })),
  });

  return {
    async analyze(sql, parameters) {
      try {
        const response = await server.call<AnalyzeResponse>('analyze', {
          options: options(parameters),
          simpleCatalog: analysisCatalog,
          sqlStatement: sql,
        });
        const query = response.resolvedStatement?.resolvedQueryStmtNode;
        const columns = (query?.outputColumnList ?? []).map((column) => ({
          name: column.name ?? '',
          type: typeName(column.column?.type),
        }));
        return { errors: [], columns };
      } catch (error) {
        if (isSqlError(error)) {
          return { errors: [error.details], columns: [] };
        }
        throw error;
      }
    },

    async evaluate(sql, contents, parameters) {
      const paths = evaluationTables(catalog, contents);
      const flatSql = await pointAtFlatTables(server, sql, language, paths);
      const tableContent: Record<string, { tableData: { row: { cell: ValueProto[] }[] } }> = {};
      for (const table of tablesOf(paths)) {
        tableContent[table.flatName] = { tableData: { row: table.rows.map((cell) => ({ cell })) } };
      }

      let response: EvaluateQueryResponse;
      try {
        response = await server.call<EvaluateQueryResponse>('evaluateQuery', {
          sql: flatSql,
          options: options(parameters),
          simpleCatalog: flatCatalog(tablesOf(paths), language),
          tableContent,
          params: parameters.map((parameter) => ({
            name: parameter.name,
            value: parameterValue(parameter),
          })),
        });
      } catch (error) {
        throw isSqlError(error)
          ? new Error(`ZetaSQL could not run the query: ${error.details}`)
          : error;
      }

      const columns = response.prepared?.columns ?? [];
      return {
        columns: columns.map((column) => ({
          name: column.name ?? '',
          type: typeName(column.type),
        })),
        rows: (response.content?.tableData?.row ?? []).map((row) =>
          columns.map((column, i) => renderValue(row.cell?.[i] ?? {}, column.type ?? {})),
        ),
      };
    },

    close: () => server.stop(),
  };
}

// ---------------------------------------------------------------------------------------------
// The server process and its gRPC client

const ZETASQL_PACKAGE = dirname(require.resolve('@fivetrandevelopers/zetasql/package.json'));
const START_TIMEOUT_MS = 20000;
const CALL_TIMEOUT_MS = 60000;
const START_ATTEMPTS = 3;
// Analysis answers carry the whole resolved tree, which outgrows gRPC's 4 MB default.
const MESSAGE_LIMIT_BYTES = 256 * 1024 * 1024;

type ServiceMethod = 'analyze' | 'evaluateQuery' | 'parse' | 'getLanguageOptions';
type UnaryCall = (
  request: object,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: unknown) => void,
) => grpc.ClientUnaryCall;
type LocalServiceClient = grpc.Client & Record<ServiceMethod, UnaryCall>;

interface RunningServer {
  maximumLanguage: LanguageOptionsProto;
  call<T>(method: ServiceMethod, request: object): Promise<T>;
  stop(): Promise<void>;
}

let localServiceClass: grpc.ServiceClientConstructor | undefined;

/** Loads the service definition once per test file; it takes a few hundred milliseconds. */
function localService(): grpc.ServiceClientConstructor {
  if (!localServiceClass) {
    // proto-loader comes with the ZetaSQL package, so it is loaded from there.
    const protoLoader: typeof ProtoLoader = createRequire(join(ZETASQL_PACKAGE, 'package.json'))(
      '@grpc/proto-loader',
    );
    const definition = protoLoader.loadSync('local_service.proto', {
      includeDirs: [join(ZETASQL_PACKAGE, 'lib', 'zetasql', 'protos')],
      longs: String,
      enums: String,
      oneofs: true,
    });
    const zetasql = grpc.loadPackageDefinition(definition).zetasql as grpc.GrpcObject;
    localServiceClass = (zetasql.local_service as grpc.GrpcObject)
      .ZetaSqlLocalService as grpc.ServiceClientConstructor;
  }
  return localServiceClass;
}

function serverBinary(): string {
  const arm = process.arch.startsWith('arm') ? '_arm' : '';
  const extension = process.platform === 'darwin' ? '' : '.so';
  return join(ZETASQL_PACKAGE, 'lib', 'zetasql', `remote_server${arm}${extension}`);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function launchServer(): Promise<RunningServer> {
  const failures: string[] = [];
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const server = spawnServer(await freeLoopbackPort());
    // Loading the protos blocks for a moment, so it happens while the server boots.
    const Service = localService();
    const client = new Service(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': MESSAGE_LIMIT_BYTES,
      'grpc.max_send_message_length': MESSAGE_LIMIT_BYTES,
    }) as unknown as LocalServiceClient;
    const stop = async () => {
      client.close();
      await server.stop();
    };

    try {
      await server.listening;
      // The server also says it listens when it could not bind the port (and then crashes),
      // so the first answer is what proves it serves.
      const maximumLanguage = await Promise.race([
        unary<LanguageOptionsProto>(
          client,
          'getLanguageOptions',
          { maximumFeatures: true },
          { waitForReady: true, timeoutMs: START_TIMEOUT_MS },
        ),
        server.stopped,
      ]);
      const call = async <T>(method: ServiceMethod, request: object) => {
        try {
          return await unary<T>(client, method, request);
        } catch (error) {
          const gone = server.gone();
          throw gone ? new Error(`The ZetaSQL server is gone: ${gone}`) : error;
        }
      };
      return { maximumLanguage, call, stop };
    } catch (error) {
      await stop();
      failures.push(server.gone() ?? (error as Error).message);
    }
  }
  throw new Error(`The ZetaSQL server did not start: ${failures.join(' | ')}`);
}

// The server runs under a small shell that holds it on a leash: the shell kills it as soon as
// its stdin closes, which stop() does and which also happens whenever this process dies. An
// exit hook would not do: inside jest, `process` is a sandbox copy whose 'exit' never fires.
const LEASH =
  '"$0" "$@" & server=$!; exec >/dev/null 2>&1; read -r _; kill -9 "$server"; wait "$server"';
const LEASH_TIMEOUT_MS = 5000;

interface ServerProcess {
  port: number;
  /** Resolves once the server says it listens; rejects if it stops or stays silent. */
  listening: Promise<void>;
  /** Rejects when the server stops. */
  stopped: Promise<never>;
  /** Why the server stopped, once it has. */
  gone(): string | undefined;
  stop(): Promise<void>;
}

function spawnServer(port: number): ServerProcess {
  const child = spawn('/bin/sh', ['-c', LEASH, serverBinary(), '127.0.0.1', String(port)], {
    stdio: 'pipe',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  let gone: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  child.stdin.on('error', () => undefined);

  const listening = new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      gone ??= reason;
      clearTimeout(timer);
      reject(new Error(reason));
    };
    const timer = setTimeout(() => fail('it did not say it listens in time'), START_TIMEOUT_MS);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    // Only the server writes to this pipe (the shell sent its own output away), so the pipe
    // closes when the server stops.
    child.stdout.once('close', () => fail(`it stopped. ${stderr.trim()}`.trim()));
    child.once('error', (error) => fail(error.message));
  });
  const stopped = new Promise<never>((_, reject) =>
    child.stdout.once('close', () => reject(new Error(gone))),
  );
  listening.catch(() => undefined);
  stopped.catch(() => undefined);

  // A test file that forgets close() must not keep jest waiting; the leash still holds.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void }).unref?.();
  }

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), LEASH_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  return { port, listening, stopped, gone: () => gone, stop: () => (stopping ??= stop()) };
}

/** One call; `waitForReady` makes it wait for the connection instead of failing at once. */
function unary<T>(
  client: LocalServiceClient,
  method: ServiceMethod,
  request: object,
  { waitForReady = false, timeoutMs = CALL_TIMEOUT_MS } = {},
): Promise<T> {
  const metadata = new grpc.Metadata();
  metadata.setOptions({ waitForReady });
  return new Promise((resolve, reject) => {
    const options = { deadline: Date.now() + timeoutMs };
    client[method](request, metadata, options, (error, response) =>
      error ? reject(error) : resolve(response as T),
    );
  });
}

// Codes the local service uses for SQL it rejects; anything else is a harness or server fault.
const SQL_ERROR_CODES = new Set([
  grpc.status.INVALID_ARGUMENT,
  grpc.status.OUT_OF_RANGE,
  grpc.status.UNIMPLEMENTED,
  grpc.status.NOT_FOUND,
]);

function isSqlError(error: unknown): error is grpc.ServiceError {
  const code = (error as Partial<grpc.ServiceError> | null)?.code;
  return code !== undefined && SQL_ERROR_CODES.has(code);
}

// ---------------------------------------------------------------------------------------------
// The slice of ZetaSQL's protos this harness reads and writes (field names as proto-loader
// gives them; a oneof's `value` names the field that is set, and a value with none is NULL).

interface TypeProto {
  typeKind?: string;
  arrayType?: { elementType?: TypeProto };
  structType?: { field?: { fieldName?: string; fieldType?: TypeProto }[] };
}

interface ValueProto {
  value?: string;
  int64Value?: string;
  boolValue?: boolean;
  doubleValue?: number;
  stringValue?: string;
  bytesValue?: Buffer;
  dateValue?: number;
  timestampValue?: { seconds?: string; nanos?: number };
  datetimeValue?: { bitFieldDatetimeSeconds?: string; nanos?: number };
  timeValue?: string;
  numericValue?: Buffer;
  bignumericValue?: Buffer;
  jsonValue?: string;
  arrayValue?: { element?: ValueProto[] };
  structValue?: { field?: ValueProto[] };
}

interface LanguageOptionsProto {
  enabledLanguageFeatures?: string[];
  productMode?: string;
  [field: string]: unknown;
}

interface SimpleColumnProto {
  name?: string;
  type?: TypeProto;
}

interface SimpleCatalogProto {
  name: string;
  table: { name: string; column: SimpleColumnProto[] }[];
  catalog: SimpleCatalogProto[];
  builtinFunctionOptions?: { languageOptions: LanguageOptionsProto };
}

interface AnalyzeResponse {
  resolvedStatement?: {
    resolvedQueryStmtNode?: {
      outputColumnList?: { name?: string; column?: { type?: TypeProto } }[];
    };
  };
}

interface EvaluateQueryResponse {
  content?: { tableData?: { row?: { cell?: ValueProto[] }[] } };
  prepared?: { columns?: SimpleColumnProto[] };
}

// BigQuery keeps timestamps to the microsecond; everything else is ZetaSQL's maximum set.
const FEATURES_BIGQUERY_LACKS = new Set(['FEATURE_TIMESTAMP_NANOS']);

function bigQueryLanguage(maximum: LanguageOptionsProto): LanguageOptionsProto {
  return {
    ...maximum,
    productMode: 'PRODUCT_EXTERNAL',
    enabledLanguageFeatures: (maximum.enabledLanguageFeatures ?? []).filter(
      (feature) => !FEATURES_BIGQUERY_LACKS.has(feature),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Catalogs

interface CatalogTable {
  /** The single top-level name the evaluator knows the table by: its dotted full path. */
  flatName: string;
  columns: ColumnType[];
  rows: ValueProto[][];
}

/** Every path that reaches a table, keyed by its dotted lower-case form. */
type TablePaths = Map<string, { path: string[]; table: CatalogTable }>;

const pathKey = (path: string[]) => path.join('.').toLowerCase();

function reachableTables(tables: (TableDefinition & { rows: ValueProto[][] })[]): TablePaths {
  const paths: TablePaths = new Map();
  const found = tables.map(({ name, columns, rows }) => ({
    path: name,
    table: { flatName: name.join('.'), columns, rows },
  }));
  const reach = (path: string[], table: CatalogTable) => {
    if (!paths.has(pathKey(path))) {
      paths.set(pathKey(path), { path, table });
    }
  };
  // Exact paths first, so a table named `segment.pages` beats the alias of `p.segment.pages`.
  found.forEach(({ path, table }) => reach(path, table));
  found.forEach(({ path, table }) => path.length === 3 && reach(path.slice(1), table));
  return paths;
}

const tablesOf = (paths: TablePaths) => new Set([...paths.values()].map(({ table }) => table));

function catalogTable(name: string, columns: ColumnType[]) {
  return {
    name,
    column: columns.map((column) => ({ name: column.name, type: typeProto(column.type) })),
  };
}

/** Only top-level tables: the local service fills in contents for those alone. */
function flatCatalog(tables: Iterable<CatalogTable>, language: LanguageOptionsProto) {
  const catalog: SimpleCatalogProto = {
    name: 'warehouse',
    table: [...tables].map((table) => catalogTable(table.flatName, table.columns)),
    catalog: [],
    builtinFunctionOptions: { languageOptions: language },
  };
  return catalog;
}

/** A sub-catalog for each quoted part, and a top-level table for each dotted path. */
function nestedCatalog(paths: TablePaths, language: LanguageOptionsProto): SimpleCatalogProto {
  const root = flatCatalog(tablesOf(paths), language);
  for (const { path, table } of paths.values()) {
    if (path.length === 1) {
      continue;
    }
    if (path.join('.') !== table.flatName) {
      root.table.push(catalogTable(path.join('.'), table.columns));
    }
    let catalog = root;
    for (const part of path.slice(0, -1)) {
      const lower = part.toLowerCase();
      let child = catalog.catalog.find((candidate) => candidate.name.toLowerCase() === lower);
      if (!child) {
        child = { name: part, table: [], catalog: [] };
        catalog.catalog.push(child);
      }
      catalog = child;
    }
    catalog.table.push(catalogTable(path[path.length - 1], table.columns));
  }
  return root;
}

/** The catalog's tables with the test's rows in them, plus tables only the test names. */
function evaluationTables(
  catalog: TableDefinition[],
  contents: Record<string, TableContents>,
): TablePaths {
  const filled = Object.entries(contents).map(([name, { columns: given, rows }]) => {
    const definition =
      catalog.find((table) => pathKey(table.name) === name.toLowerCase()) ??
      catalog.find(
        (table) => table.name.length === 3 && pathKey(table.name.slice(1)) === name.toLowerCase(),
      );
    const columns = definition?.columns ?? given;
    const positions = given.map((column) => {
      const position = columns.findIndex((candidate) => candidate.name === column.name);
      if (
        position < 0 ||
        typeName(typeProto(columns[position].type)) !== typeName(typeProto(column.type))
      ) {
        throw new Error(`${name} has no ${column.type} column ${column.name} in the catalog`);
      }
      return position;
    });
    const encoded = rows.map((cells) => {
      const row: ValueProto[] = columns.map(() => ({}));
      positions.forEach((position, i) => {
        const what = `${name}.${columns[position].name}`;
        row[position] = encodeValue(cells[i] ?? null, columns[position].type, what);
      });
      return row;
    });
    return { name: definition?.name ?? name.split('.'), columns, rows: encoded };
  });
  return reachableTables([...filled, ...catalog.map((table) => ({ ...table, rows: [] }))]);
}

/**
 * Rewrites each table path that names a known table into its single dotted name, the one
 * form whose contents the local service can hold. Paths come from ZetaSQL's own parse tree,
 * so nothing in strings or comments is touched.
 */
async function pointAtFlatTables(
  server: RunningServer,
  sql: string,
  language: LanguageOptionsProto,
  paths: TablePaths,
): Promise<string> {
  let tree: unknown;
  try {
    tree = await server.call('parse', { sqlStatement: sql, options: language });
  } catch (error) {
    throw isSqlError(error)
      ? new Error(`ZetaSQL could not parse the query: ${error.details}`)
      : error;
  }

  const replacements: { start: number; end: number; text: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    for (const [field, child] of Object.entries(node)) {
      const path = field === 'astTablePathExpressionNode' ? tablePath(child) : undefined;
      const table = path && paths.get(pathKey(path.names))?.table;
      if (path && table) {
        replacements.push({ ...path.range, text: quoteName(table.flatName) });
      }
      visit(child);
    }
  };
  visit(tree);

  // Parse locations are byte offsets into the UTF-8 text.
  let bytes = Buffer.from(sql, 'utf8');
  for (const { start, end, text } of replacements.sort((a, b) => b.start - a.start)) {
    bytes = Buffer.concat([bytes.subarray(0, start), Buffer.from(text), bytes.subarray(end)]);
  }
  return bytes.toString('utf8');
}

interface ParsedNode {
  parent?: ParsedNode;
  parseLocationRange?: { start?: number; end?: number };
}

function tablePath(node: unknown) {
  const pathExpr = (node as { pathExpr?: ParsedNode & { names?: { idString?: string }[] } })
    .pathExpr;
  let located: ParsedNode | undefined = pathExpr;
  while (located && !located.parseLocationRange) {
    located = located.parent;
  }
  const range = located?.parseLocationRange;
  if (!pathExpr?.names || range?.start === undefined || range.end === undefined) {
    return undefined;
  }
  return {
    names: pathExpr.names.map((name) => name.idString ?? ''),
    range: { start: range.start, end: range.end },
  };
}

const quoteName = (name: string) =>
  '`' + name.replace(/[\\`]/g, (c) => '\\' + c).replace(/\n/g, '\\n') + '`';

// ---------------------------------------------------------------------------------------------
// Types

const TYPE_KINDS: Record<string, string> = {
  STRING: 'TYPE_STRING',
  BYTES: 'TYPE_BYTES',
  INT64: 'TYPE_INT64',
  INTEGER: 'TYPE_INT64',
  FLOAT64: 'TYPE_DOUBLE',
  FLOAT: 'TYPE_DOUBLE',
  NUMERIC: 'TYPE_NUMERIC',
  DECIMAL: 'TYPE_NUMERIC',
  BIGNUMERIC: 'TYPE_BIGNUMERIC',
  BIGDECIMAL: 'TYPE_BIGNUMERIC',
  BOOL: 'TYPE_BOOL',
  BOOLEAN: 'TYPE_BOOL',
  TIMESTAMP: 'TYPE_TIMESTAMP',
  DATE: 'TYPE_DATE',
  DATETIME: 'TYPE_DATETIME',
  TIME: 'TYPE_TIME',
  JSON: 'TYPE_JSON',
  GEOGRAPHY: 'TYPE_GEOGRAPHY',
  INTERVAL: 'TYPE_INTERVAL',
};

const BIGQUERY_NAMES: Record<string, string> = {
  TYPE_INT64: 'INT64',
  TYPE_DOUBLE: 'FLOAT64',
  TYPE_BOOL: 'BOOL',
  TYPE_NUMERIC: 'NUMERIC',
  TYPE_BIGNUMERIC: 'BIGNUMERIC',
};

/** A BigQuery type name (`ARRAY<STRING>` included) as a ZetaSQL type. */
function typeProto(name: string): TypeProto {
  const text = name.trim().toUpperCase();
  const element = /^ARRAY\s*<(.*)>$/.exec(text);
  if (element) {
    return { typeKind: 'TYPE_ARRAY', arrayType: { elementType: typeProto(element[1]) } };
  }
  const typeKind = TYPE_KINDS[text];
  if (!typeKind) {
    throw new Error(`The ZetaSQL harness does not know the type ${name}`);
  }
  return { typeKind };
}

/** A ZetaSQL type as BigQuery spells it: FLOAT64, ARRAY<STRING>, STRUCT<a INT64>. */
function typeName(type: TypeProto | undefined): string {
  const kind = type?.typeKind ?? 'TYPE_UNKNOWN';
  if (kind === 'TYPE_ARRAY') {
    return `ARRAY<${typeName(type?.arrayType?.elementType)}>`;
  }
  if (kind === 'TYPE_STRUCT') {
    const fields = (type?.structType?.field ?? []).map((field) =>
      `${field.fieldName ?? ''} ${typeName(field.fieldType)}`.trim(),
    );
    return `STRUCT<${fields.join(', ')}>`;
  }
  return BIGQUERY_NAMES[kind] ?? kind.replace(/^TYPE_/, '');
}

function parameterTypeProto(parameter: QueryParameter): TypeProto {
  const scalar = typeProto(parameter.type);
  return parameter.array ? { typeKind: 'TYPE_ARRAY', arrayType: { elementType: scalar } } : scalar;
}

// ---------------------------------------------------------------------------------------------
// Values in: parameters and table cells

function parameterValue(parameter: QueryParameter): ValueProto {
  const what = `parameter @${parameter.name}`;
  if (parameter.array) {
    const element = parameter.values.map((value) => encodeValue(value, parameter.type, what));
    return { arrayValue: { element } };
  }
  return encodeValue(parameter.value, parameter.type, what);
}

const NUMERIC_SCALE = 9;
const BIGNUMERIC_SCALE = 38;
const INT64_LIMIT = 2n ** 63n;

/** Encodes one value of a scalar BigQuery type; null is NULL. */
function encodeValue(value: CellInput, type: string, what: string): ValueProto {
  if (value === null) {
    return {};
  }
  const fail = (expected: string): never => {
    throw new Error(`${what}: ${JSON.stringify(value)} is not ${expected}`);
  };
  switch (typeProto(type).typeKind) {
    case 'TYPE_STRING':
      return typeof value === 'string' ? { stringValue: value } : fail('a STRING');
    case 'TYPE_INT64': {
      const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
      if (typeof text !== 'string' || !/^[+-]?\d+$/.test(text)) {
        return fail('an INT64');
      }
      const integer = BigInt(text);
      return integer < INT64_LIMIT && integer >= -INT64_LIMIT
        ? { int64Value: integer.toString() }
        : fail('an INT64');
    }
    case 'TYPE_DOUBLE': {
      const number = typeof value === 'boolean' || value === '' ? NaN : Number(value);
      return Number.isNaN(number) && value !== 'NaN' ? fail('a FLOAT64') : { doubleValue: number };
    }
    case 'TYPE_NUMERIC':
      return { numericValue: encodeDecimal(String(value), NUMERIC_SCALE, 10n ** 38n, fail) };
    case 'TYPE_BIGNUMERIC':
      return { bignumericValue: encodeDecimal(String(value), BIGNUMERIC_SCALE, 2n ** 255n, fail) };
    case 'TYPE_BOOL': {
      const text = String(value).toLowerCase();
      return text === 'true' || text === 'false' ? { boolValue: text === 'true' } : fail('a BOOL');
    }
    case 'TYPE_TIMESTAMP':
      return { timestampValue: parseTimestamp(String(value)) ?? fail('an RFC 3339 TIMESTAMP') };
    case 'TYPE_DATE': {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(String(value)) && parseTimestamp(String(value));
      return date ? { dateValue: Number(date.seconds) / 86400 } : fail('a DATE (YYYY-MM-DD)');
    }
    default:
      throw new Error(`${what}: the ZetaSQL harness cannot write ${type} values`);
  }
}

/** An exact decimal as ZetaSQL stores it: value × 10^scale, little-endian two's complement. */
function encodeDecimal(text: string, scale: number, limit: bigint, fail: (e: string) => never) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === '' && !match[3])) {
    return fail('a decimal number');
  }
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const shift = scale - fraction.length + Number(exponent);
  let units: bigint;
  if (shift >= 0) {
    units = BigInt(digits || '0') * 10n ** BigInt(shift);
  } else if (/^0*$/.test(digits.slice(shift))) {
    units = BigInt(digits.slice(0, shift) || '0');
  } else {
    return fail(`a decimal with at most ${scale} digits after the point`);
  }
  if (units >= limit) {
    return fail('in range');
  }
  units = sign === '-' ? -units : units;

  const bytes: number[] = [];
  for (;;) {
    const byte = Number(units & 0xffn);
    bytes.push(byte);
    units >>= 8n;
    if ((units === 0n && byte < 0x80) || (units === -1n && byte >= 0x80)) {
      return Buffer.from(bytes);
    }
  }
}

// A date, then optionally a time with up to six decimals, then optionally a zone.
const DATE_AND_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?/;
const ZONE = /\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
const TIMESTAMP_PATTERN = new RegExp(DATE_AND_TIME.source + ZONE.source, 'i');

/** Reads an RFC 3339 instant (BigQuery's looser forms too) to the microsecond, or undefined. */
function parseTimestamp(text: string): { seconds: string; nanos: number } | undefined {
  const match = TIMESTAMP_PATTERN.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  // setUTCFullYear, unlike Date.UTC, leaves years below 100 as they are.
  const date = new Date(0);
  date.setUTCFullYear(fields[0], fields[1] - 1, fields[2]);
  date.setUTCHours(fields[3], fields[4], fields[5]);
  const millis = date.getTime();
  if (date.getUTCMonth() !== fields[1] - 1 || date.getUTCDate() !== fields[2] || fields[3] > 23) {
    return undefined;
  }
  const offset = /^[+-]/.test(zone ?? '')
    ? (zone[0] === '-' ? -1 : 1) *
      (Number(zone.slice(1, 3)) * 3600 + Number(zone.replace(':', '').slice(3, 5) || 0) * 60)
    : 0;
  return {
    seconds: String(millis / 1000 - offset),
    nanos: Number(fraction.padEnd(9, '0')),
  };
}

// ---------------------------------------------------------------------------------------------
// Values out

/**
 * Renders one result value as a string, the way tests compare it with other engines:
 * INT64 and NUMERIC as exact decimals (`'0.01'`, `'1706742000000000'`), FLOAT64 as
 * JavaScript prints it, BOOL as `'true'`, TIMESTAMP as RFC 3339 UTC with milliseconds
 * (`'2024-01-31T23:00:00.000Z'`, more digits only when they are not zero), DATE as
 * `'2024-01-31'`, BYTES as base64, ARRAY and STRUCT as JSON of their rendered parts.
 */
function renderValue(value: ValueProto, type: TypeProto): string | null {
  const rendered = renderPart(value, type);
  return rendered === null || typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
}

type Rendered = string | null | Rendered[] | { [field: string]: Rendered };

function renderPart(value: ValueProto, type: TypeProto): Rendered {
  switch (value.value) {
    case undefined:
      return null;
    case 'stringValue':
      return value.stringValue ?? '';
    case 'jsonValue':
      return value.jsonValue ?? '';
    case 'int64Value':
      return value.int64Value ?? '0';
    case 'boolValue':
      return String(value.boolValue ?? false);
    case 'doubleValue':
      return String(value.doubleValue ?? 0);
    case 'numericValue':
      return formatScaled(decodeSigned(value.numericValue), NUMERIC_SCALE);
    case 'bignumericValue':
      return formatScaled(decodeSigned(value.bignumericValue), BIGNUMERIC_SCALE);
    case 'bytesValue':
      return (value.bytesValue ?? Buffer.alloc(0)).toString('base64');
    case 'timestampValue':
      return formatTimestamp(value.timestampValue?.seconds, value.timestampValue?.nanos);
    case 'dateValue':
      return formatTimestamp(String((value.dateValue ?? 0) * 86400), 0).slice(0, 10);
    case 'datetimeValue':
      return formatDatetime(
        value.datetimeValue?.bitFieldDatetimeSeconds,
        value.datetimeValue?.nanos,
      );
    case 'timeValue':
      return formatTime(BigInt(value.timeValue ?? '0'));
    case 'arrayValue': {
      const elementType = type.arrayType?.elementType ?? {};
      return (value.arrayValue?.element ?? []).map((element) => renderPart(element, elementType));
    }
    case 'structValue': {
      const fields = type.structType?.field ?? [];
      const values = value.structValue?.field ?? [];
      return Object.fromEntries(
        fields.map((field, i) => [
          field.fieldName ?? `_${i}`,
          renderPart(values[i] ?? {}, field.fieldType ?? {}),
        ]),
      );
    }
    default:
      throw new Error(`The ZetaSQL harness cannot render ${typeName(type)} values`);
  }
}

function decodeSigned(bytes: Buffer | undefined): bigint {
  if (!bytes || bytes.length === 0) {
    return 0n;
  }
  let units = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) {
    units = (units << 8n) | BigInt(bytes[i]);
  }
  return bytes[bytes.length - 1] >= 0x80 ? units - (1n << BigInt(8 * bytes.length)) : units;
}

function formatScaled(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return (units < 0n ? '-' : '') + digits.slice(0, -scale) + (fraction ? '.' + fraction : '');
}

/** Digits after the point: at least `least`, more in steps of 3 while they are not zero. */
function fractionDigits(nanos: number, least: number): string {
  const digits = String(nanos).padStart(9, '0');
  const needed = digits.replace(/0+$/, '').length;
  return '.' + digits.slice(0, Math.max(least, Math.ceil(needed / 3) * 3));
}

function formatTimestamp(seconds: string | undefined, nanos: number | undefined): string {
  const iso = new Date(Number(seconds ?? '0') * 1000).toISOString();
  return iso.slice(0, 19) + fractionDigits(nanos ?? 0, 3) + 'Z';
}

const two = (n: bigint | number) => String(n).padStart(2, '0');

// DATETIME packs year, month, day, hour, minute and second into bit fields (14-4-5-5-6-6).
function formatDatetime(bits: string | undefined, nanos: number | undefined): string {
  const packed = BigInt(bits ?? '0');
  const field = (shift: bigint, width: bigint) => (packed >> shift) & ((1n << width) - 1n);
  const year = String(packed >> 26n).padStart(4, '0');
  const date = [year, two(field(22n, 4n)), two(field(17n, 5n))].join('-');
  const time = [field(12n, 5n), field(6n, 6n), field(0n, 6n)].map(two).join(':');
  return `${date}T${time}${nanos ? fractionDigits(nanos, 6) : ''}`;
}

// TIME packs hour, minute, second and nanoseconds into bit fields (5-6-6-30).
function formatTime(packed: bigint): string {
  const field = (shift: bigint, width: bigint) => (packed >> shift) & ((1n << width) - 1n);
  const nanos = Number(field(0n, 30n));
  const time = [field(42n, 5n), field(36n, 6n), field(30n, 6n)].map(two).join(':');
  return time + (nanos ? fractionDigits(nanos, 6) : '');
}
