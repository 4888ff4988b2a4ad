// The local DuckDB warehouse with synchronous calls, so the same pull service that runs on
// Apps Script's synchronous BigQuery service runs on a laptop unchanged. Each call posts to the
// worker (duckdbWorker.ts) and blocks this thread on a shared flag until the answer is in.
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import * as path from 'path';
import { billedBytes } from '../core/bigquery/queryCost';
import { FunnelSpec } from '../core/funnel/funnelOptions';
import { QueryRecord } from '../core/funnel/funnelRows';
import { ProductError } from '../core/productError';
import { funnelColumnsFrom, FunnelWarehouse, TableColumns } from '../core/pull/funnelWarehouse';
import type { WorkerAnswer, WorkerOpened, WorkerOpenRequest, WorkerRequest } from './duckdbWorker';

/** Longest a single call may block: loading a large folder of tables takes a while. */
const LONGEST_CALL_MS = 10 * 60_000;
/** The funnel query reads three tables: pages, product viewed and order completed. */
const FUNNEL_TABLES_READ = 3;

export interface SyncLocalWarehouse extends FunnelWarehouse {
  readonly opened: WorkerOpened;
  readonly project: string;
  readonly dataset: string;
  close(): void;
}

// The worker is TypeScript; tsx's require hook lets it load the same sources under tsx and jest.
// When it cannot start, it still answers the first call (with the reason), so nothing blocks.
const WORKER_BOOTSTRAP = `
const { workerData, parentPort } = require('worker_threads');
try {
  require(workerData.tsxRegister).register();
  require(workerData.workerFile);
} catch (error) {
  parentPort.on('message', (message) => {
    message.port.postMessage({ ok: false, code: null, details: {},
      message: 'The local warehouse could not start: ' + error.message });
    const flag = new Int32Array(message.flag);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
}
`;

function callWorker(worker: Worker, request: WorkerRequest): unknown {
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ request, port: port2, flag }, [port2]);
  const outcome = Atomics.wait(new Int32Array(flag), 0, 0, LONGEST_CALL_MS);
  const received = receiveMessageOnPort(port1);
  port1.close();
  if (outcome === 'timed-out' || !received) {
    throw new Error(`The local warehouse did not answer a ${request.kind} request in time.`);
  }
  const answer = received.message as WorkerAnswer;
  if (answer.ok) return answer.value;
  if (answer.code) throw new ProductError(answer.code, answer.details);
  throw new Error(answer.message);
}

/**
 * Opens the local warehouse (a folder of tables, or the built-in sample) under a project and
 * dataset name, in a worker thread.
 *
 * @example
 * const warehouse = openSyncLocalWarehouse({ dataFolder: null, samplePeople: 5000,
 *   project: 'local-warehouse', dataset: 'segment' });
 * warehouse.tableColumns(spec).pages; // ['id', 'anonymous_id', 'user_id', ...]
 */
export function openSyncLocalWarehouse(options: WorkerOpenRequest): SyncLocalWarehouse {
  const worker = new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: {
      tsxRegister: require.resolve('tsx/cjs/api'),
      workerFile: path.join(__dirname, 'duckdbWorker.ts'),
    },
  });
  const call = (request: WorkerRequest) => callWorker(worker, request);
  let opened: WorkerOpened;
  try {
    opened = call({ kind: 'open', open: options }) as WorkerOpened;
  } catch (error) {
    void worker.terminate();
    throw error;
  }

  return {
    dialect: 'duckdb',
    opened,
    project: options.project,
    dataset: options.dataset,

    tableColumns(spec: FunnelSpec) {
      return call({
        kind: 'tableColumns',
        project: spec.tables.project ?? '',
        dataset: spec.tables.dataset ?? '',
        tables: [spec.tables.pages, spec.tables.productViewed, spec.tables.orderCompleted],
      }) as TableColumns;
    },

    estimate(_query, spec) {
      const columns = funnelColumnsFrom(spec, this.tableColumns(spec));
      const bytes = call({ kind: 'estimate', spec, columns }) as number;
      return { bytesProcessed: bytes, fromBigQuery: false };
    },

    // BigQuery refuses, before reading a row, a query that would bill more than the cap; so
    // does the laptop, on the bytes BigQuery would bill by the estimate, as Estimate warns.
    run(query, spec, options) {
      const needed = billedBytes(this.estimate(query, spec).bytesProcessed, FUNNEL_TABLES_READ);
      if (BigInt(needed) > options.maximumBytesBilled) {
        throw new ProductError('bigquery/bytes-cap-exceeded', {
          capBytes: options.maximumBytesBilled.toString(),
          neededBytes: String(needed),
        });
      }
      const records = call({ kind: 'run', query }) as QueryRecord[];
      return { records, bytesProcessed: null, bytesBilled: null, cacheHit: false, jobId: null };
    },

    close() {
      try {
        call({ kind: 'close' });
      } finally {
        void worker.terminate();
      }
    },
  };
}
