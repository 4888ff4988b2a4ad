// `npm run sidebar`: serves the built sidebar on 127.0.0.1 with a stand-in for google.script.run
// that calls the same sidebar server functions as the add-on, on the local DuckDB warehouse.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { AddressInfo } from 'net';
import { parseArgs } from 'util';
import { describeError } from '../core/messages';
import { ProductError } from '../core/productError';
import { sidebarFunctions, SidebarFunctions } from '../core/pull/pullService';
import { dayAfter } from '../core/pull/pullSettings';
import { renderSidebarPage } from '../core/pull/sidebarPage';
import { checkTimeZone } from '../core/funnel/dayBounds';
import { localPullHost } from './localPullHost';
import { consoleLogger, Logger } from './logger';
import { DEFAULT_SAMPLE_PEOPLE } from './sampleWarehouse';
import { CALL_PATH, SCRIPT_RUN_STAND_IN, STAND_IN_PATH } from './scriptRunStandIn';
import { openSyncLocalWarehouse, SyncLocalWarehouse } from './syncLocalWarehouse';

const DEFAULT_PORT = 8765;
const LARGEST_PORT = 65535;

export const SIDEBAR_HELP = `Campaign ROI for Sheets: the sidebar on this computer.

Serves the add-on's sidebar at a local address, with the local DuckDB warehouse standing in for
BigQuery and a file standing in for the spreadsheet's saved settings. Open the address it prints.

Usage: npm run sidebar -- [options]

  --data DIR          folder with pages, product_viewed and order_completed (.csv or .parquet);
                      without it, the built-in sample warehouse
  --people N          people in the built-in sample (default ${DEFAULT_SAMPLE_PEOPLE})
  --project NAME      project name the local tables answer to (default local-warehouse)
  --dataset NAME      dataset name the local tables answer to (default segment)
  --today YYYY-MM-DD  the date the sidebar takes as today (default: the day after the last
                      page view in the data, so "Last 30 days" covers its last month)
  --time-zone ZONE    the spreadsheet's time zone to play (default UTC)
  --port N            port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --out DIR           where pulled sheets (CSV) and saved settings go (default out/sidebar)
  --help              show this help
`;

const ROOT = path.join(__dirname, '..', '..');
const BUILT_SIDEBAR = path.join(ROOT, 'dist', 'sidebar.html');
const LARGEST_BODY_BYTES = 1_000_000;

export interface SidebarServerOptions {
  dataFolder: string | null;
  samplePeople: number;
  project: string;
  dataset: string;
  today: string | null;
  timeZone: string;
  port: number;
  outFolder: string;
}

/** Reads the command line; throws ProductError('cli/...') on bad input. */
export function parseSidebarArguments(
  argv: string[],
): { help: true } | { help: false; options: SidebarServerOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        people: { type: 'string' },
        project: { type: 'string' },
        dataset: { type: 'string' },
        today: { type: 'string' },
        'time-zone': { type: 'string' },
        port: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new ProductError('cli/bad-arguments', {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  const whole = (option: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) {
      throw new ProductError('cli/bad-number', { option, value: text, whole: true, least: 0 });
    }
    return value;
  };
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new ProductError('funnel/bad-date', { option: 'today', value: values.today });
  }
  return {
    help: false,
    options: {
      dataFolder: values.data ?? null,
      samplePeople: whole('people', values.people, DEFAULT_SAMPLE_PEOPLE),
      project: values.project ?? 'local-warehouse',
      dataset: values.dataset ?? 'segment',
      today: values.today ?? null,
      timeZone: checkTimeZone(values['time-zone'] ?? 'UTC'),
      port: portNumber(values.port),
      outFolder: values.out ?? path.join('out', 'sidebar'),
    },
  };
}

// A port is a whole number from 0 to 65535. Checked here, since Node refuses any other with a
// message of its own that names no option.
function portNumber(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(text.trim()) || Number(text) > LARGEST_PORT) {
    throw new ProductError('cli/bad-port', { value: text, largest: LARGEST_PORT });
  }
  return Number(text);
}

// Listens on 127.0.0.1; a port another program holds is a product error naming the port.
function listenOnLoopback(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ProductError('local/port-in-use', { port }) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function send(response: http.ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > LARGEST_BODY_BYTES) reject(new Error('request too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** A running sidebar server: its address, and how to stop it. */
export interface RunningSidebar {
  url: string;
  warehouse: SyncLocalWarehouse;
  today: string | null;
  close(): Promise<void>;
}

/**
 * Opens the warehouse and starts serving. Every POST to /run/NAME calls the sidebar server
 * function NAME with the JSON `args`, exactly as google.script.run calls it in the add-on.
 */
export async function startSidebarServer(
  options: SidebarServerOptions,
  logger: Logger,
): Promise<RunningSidebar> {
  if (!fs.existsSync(BUILT_SIDEBAR)) {
    throw new Error(
      `${path.relative(process.cwd(), BUILT_SIDEBAR)} is missing: run node build.mjs first.`,
    );
  }
  const page = renderSidebarPage(fs.readFileSync(BUILT_SIDEBAR, 'utf8'), {
    kind: 'local',
    standInScriptUrl: STAND_IN_PATH,
  });
  // The port is taken first, so a port in use is told at once rather than after the warehouse
  // has loaded. Requests are answered from when the warehouse is open: opening blocks this
  // thread, so none is read before the handler is in place.
  const server = http.createServer();
  await listenOnLoopback(server, options.port);
  let warehouse: SyncLocalWarehouse;
  try {
    warehouse = openSyncLocalWarehouse({
      dataFolder: options.dataFolder,
      samplePeople: options.samplePeople,
      project: options.project,
      dataset: options.dataset,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  warehouse.opened.lines.forEach((line) => logger.step(line));
  const today =
    options.today ?? (warehouse.opened.lastDay ? dayAfter(warehouse.opened.lastDay) : null);
  const functions: SidebarFunctions = sidebarFunctions(
    localPullHost({
      warehouse,
      timeZone: options.timeZone,
      today,
      stateFile: path.join(options.outFolder, 'document-properties.json'),
      sheetsFolder: path.join(options.outFolder, 'sheets'),
      log: (line) => logger.step(line),
    }),
  );

  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/sidebar.html')) {
      return send(response, 200, 'text/html; charset=utf-8', page);
    }
    if (request.method === 'GET' && url.pathname === STAND_IN_PATH) {
      return send(response, 200, 'text/javascript; charset=utf-8', SCRIPT_RUN_STAND_IN);
    }
    if (request.method === 'POST' && url.pathname.startsWith(CALL_PATH)) {
      const name = decodeURIComponent(url.pathname.slice(CALL_PATH.length));
      if (!Object.prototype.hasOwnProperty.call(functions, name)) {
        return send(
          response,
          404,
          'application/json',
          JSON.stringify({ error: `Script function not found: ${name}` }),
        );
      }
      readBody(request).then(
        (body) => {
          let answer: unknown;
          try {
            const args = (JSON.parse(body || '{}') as { args?: unknown[] }).args ?? [];
            const serverFunction = functions[name as keyof SidebarFunctions] as (
              ...a: unknown[]
            ) => unknown;
            answer = serverFunction(...args);
          } catch (error) {
            return send(
              response,
              500,
              'application/json',
              JSON.stringify({ error: describeError(error) }),
            );
          }
          send(response, 200, 'application/json', JSON.stringify({ value: answer }));
        },
        (error: Error) =>
          send(response, 413, 'application/json', JSON.stringify({ error: error.message })),
      );
      return;
    }
    send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    warehouse,
    today,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        warehouse.close();
      }),
  };
}

/**
 * Runs `npm run sidebar`: 2 for bad arguments, 1 when the server cannot start (a port in use,
 * tables that do not load); once serving, it runs until stopped.
 */
export async function sidebarMain(argv: string[], logger = consoleLogger()): Promise<number> {
  let parsed;
  try {
    parsed = parseSidebarArguments(argv);
  } catch (error) {
    logger.error(describeError(error));
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(SIDEBAR_HELP);
    return 0;
  }
  const { options } = parsed;
  let running: RunningSidebar;
  try {
    running = await startSidebarServer(options, logger);
  } catch (error) {
    logger.error(describeError(error));
    return 1;
  }
  process.stdout.write(
    `Sidebar: ${running.url}\n` +
      `Tables: project ${options.project}, dataset ${options.dataset} (local DuckDB warehouse).\n` +
      `Today is taken as ${running.today ?? 'the real date'} in ${options.timeZone}. Ctrl+C stops the server.\n`,
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

if (require.main === module) {
  sidebarMain(process.argv.slice(2)).then((code) => process.exit(code));
}
