// The pull service's host inside Apps Script: the active spreadsheet, its document properties,
// its lock, and BigQuery through the advanced service.
import { bigQueryWarehouse, BigQueryTablesClient } from '../core/bigquery/bigQueryWarehouse';
import { BigQueryJobsClient } from '../core/bigquery/queryJob';
import { ProductError } from '../core/productError';
import { PullHost } from '../core/pull/pullService';
import { DocumentStore } from '../core/pull/savedPulls';
import { appsScriptBlockWriter } from './pulledBlockWriter';

/** How long a pull waits for another run of the add-on to finish writing this spreadsheet. */
const LOCK_WAIT_MS = 30_000;

function documentStore(): DocumentStore {
  const properties = PropertiesService.getDocumentProperties();
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      properties.setProperty(key, value);
    },
    remove: (key) => {
      properties.deleteProperty(key);
    },
    keys: () => properties.getKeys(),
  };
}

// The advanced service's calls, typed loosely: our request bodies are the REST fields we send.
interface AdvancedBigQuery {
  Jobs: {
    query(request: unknown, projectId: string): unknown;
    getQueryResults(projectId: string, jobId: string, options: unknown): unknown;
  };
  Tables: { get(projectId: string, datasetId: string, tableId: string): unknown };
}

function advancedBigQuery(): AdvancedBigQuery {
  if (typeof BigQuery === 'undefined') throw new ProductError('bigquery/service-off');
  return BigQuery as unknown as AdvancedBigQuery;
}

const jobsClient = (service: AdvancedBigQuery): BigQueryJobsClient => ({
  query: (request, projectId) =>
    service.Jobs.query(request, projectId) as ReturnType<BigQueryJobsClient['query']>,
  getQueryResults: (projectId, jobId, options) =>
    service.Jobs.getQueryResults(projectId, jobId, options) as ReturnType<
      BigQueryJobsClient['getQueryResults']
    >,
});

const tablesClient = (service: AdvancedBigQuery): BigQueryTablesClient => ({
  getTable: (projectId, datasetId, tableId) =>
    service.Tables.get(projectId, datasetId, tableId) as ReturnType<
      BigQueryTablesClient['getTable']
    >,
});

/** The host for one server call; built per call, as every Apps Script execution starts afresh. */
export function appsScriptPullHost(): PullHost {
  const spreadsheet = SpreadsheetApp.getActive();
  return {
    warehouseKind: 'bigquery',
    now: () => new Date(),
    timeZone: () => spreadsheet.getSpreadsheetTimeZone(),
    store: documentStore(),
    warehouse: (settings, budgetMs) => {
      const service = advancedBigQuery();
      return bigQueryWarehouse({
        project: settings.project,
        dataset: settings.dataset,
        location: settings.location,
        jobs: jobsClient(service),
        tables: tablesClient(service),
        clock: { now: () => Date.now(), sleep: (milliseconds) => Utilities.sleep(milliseconds) },
        newRequestId: () => Utilities.getUuid(),
        budgetMs,
      });
    },
    writer: appsScriptBlockWriter(spreadsheet),
    withDocumentLock: (work) => {
      const lock = LockService.getDocumentLock();
      if (!lock.tryLock(LOCK_WAIT_MS)) throw new ProductError('pull/busy');
      try {
        return work();
      } finally {
        lock.releaseLock();
      }
    },
    log: (line) => Logger.log(line),
  };
}
