// The funnel warehouse on BigQuery: table schemas from `tables.get`, estimates from dry runs, and
// queries through the job runner.
import { FunnelSpec } from '../funnel/funnelOptions';
import { QueryRecord } from '../funnel/funnelRows';
import {
  FunnelWarehouse,
  QueryEstimate,
  QueryOutcome,
  RunOptions,
  TableColumns,
} from '../pull/funnelWarehouse';
import { ProductError } from '../productError';
import { BuiltQuery } from '../sql/funnelQuery';
import { productErrorFor, readBigQueryFailure } from './bigQueryErrors';
import {
  BigQueryJobsClient,
  dryRunQuery,
  JobClock,
  LONGEST_CALL_WAIT_MS,
  runQueryJob,
} from './queryJob';
import { buildQueryRequest } from './queryRequest';
import { DecodedRecord, RestField } from './restRows';

/** `tables.get`, the one table call the warehouse makes; it costs nothing. */
export interface BigQueryTablesClient {
  getTable(
    projectId: string,
    datasetId: string,
    tableId: string,
  ): { schema?: { fields?: RestField[] } };
}

export interface BigQueryWarehouseOptions {
  project: string;
  dataset: string;
  location: string;
  jobs: BigQueryJobsClient;
  tables: BigQueryTablesClient;
  clock: JobClock;
  /** Makes request ids for `jobs.query`, so a retried call never starts a second job. */
  newRequestId?: () => string;
  budgetMs?: number;
}

/** Flattens nested values (which the funnel query never returns) to JSON text. */
function queryRecord(record: DecodedRecord): QueryRecord {
  const flat: QueryRecord = {};
  for (const [name, value] of Object.entries(record)) {
    flat[name] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  }
  return flat;
}

const numberOrNull = (text: string | null) => (text === null ? null : Number(text));

/**
 * A funnel warehouse backed by BigQuery, for one project, dataset and location.
 *
 * @example
 * const warehouse = bigQueryWarehouse({ project: 'my-project', dataset: 'segment', location: 'US',
 *   jobs, tables, clock });
 * warehouse.estimate(buildFunnelQuery(spec, 'bigquery'), spec).bytesProcessed; // 1288490188
 */
export function bigQueryWarehouse(options: BigQueryWarehouseOptions): FunnelWarehouse {
  const place = { project: options.project, dataset: options.dataset, location: options.location };
  const jobOptions = (maximumBytesBilled: bigint | null) => ({
    projectId: options.project,
    location: options.location,
    dataset: options.dataset,
    clock: options.clock,
    budgetMs: options.budgetMs,
    maximumBytesBilled,
  });

  return {
    dialect: 'bigquery',

    tableColumns(spec: FunnelSpec) {
      const present: TableColumns = {};
      for (const table of [
        spec.tables.pages,
        spec.tables.productViewed,
        spec.tables.orderCompleted,
      ]) {
        let fields: RestField[];
        try {
          fields =
            options.tables.getTable(options.project, options.dataset, table).schema?.fields ?? [];
        } catch (thrown) {
          const failure = readBigQueryFailure(thrown);
          if (failure.reason === 'notFound' && /\bNot found: Table\b/i.test(failure.message)) {
            throw new ProductError('bigquery/table-not-found', { ...place, table });
          }
          throw productErrorFor(failure, place);
        }
        present[table] = Object.fromEntries(fields.map((field) => [field.name, field.type]));
      }
      return present;
    },

    estimate(query: BuiltQuery): QueryEstimate {
      // No cap on a dry run: it bills nothing, and its figure is what tells whether the cap
      // must be raised.
      const request = buildQueryRequest(query, {
        location: options.location,
        timeoutMs: LONGEST_CALL_WAIT_MS,
        dryRun: true,
      });
      const answer = dryRunQuery(options.jobs, request, jobOptions(null));
      return { bytesProcessed: Number(answer.bytesProcessed), fromBigQuery: true };
    },

    run(query: BuiltQuery, _spec: FunnelSpec, runOptions: RunOptions): QueryOutcome {
      const request = buildQueryRequest(query, {
        location: options.location,
        timeoutMs: LONGEST_CALL_WAIT_MS,
        maximumBytesBilled: runOptions.maximumBytesBilled,
        requestId: options.newRequestId?.(),
      });
      const result = runQueryJob(options.jobs, request, jobOptions(runOptions.maximumBytesBilled));
      return {
        records: result.records.map(queryRecord),
        bytesProcessed: numberOrNull(result.bytesProcessed),
        bytesBilled: numberOrNull(result.bytesBilled),
        cacheHit: result.cacheHit,
        jobId: result.jobId,
      };
    },
  };
}
