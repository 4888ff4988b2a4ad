// Runs one BigQuery query to the last row: waits for the job, follows pages, retries hiccups,
// and stops inside a time budget, all against a small client so it runs anywhere.
import { ProductError } from '../productError';
import {
  BigQueryFailure,
  isRetryable,
  productErrorFor,
  QueryPlace,
  readBigQueryFailure,
} from './bigQueryErrors';
import { QueryRequestBody } from './queryRequest';
import { decodeQueryRows, DecodedRecord, RestField, RestRow } from './restRows';

/** What `jobs.query` and `jobs.getQueryResults` answer; the fields the runner reads. */
export interface QueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: RestField[] };
  rows?: RestRow[];
  totalRows?: string;
  pageToken?: string;
  totalBytesProcessed?: string;
  totalBytesBilled?: string;
  cacheHit?: boolean;
}

/** Options of `jobs.getQueryResults`, as the advanced service takes them. */
export interface QueryResultsOptions {
  location: string;
  pageToken?: string;
  timeoutMs: number;
}

/**
 * The two calls the runner makes. In Apps Script they are `BigQuery.Jobs.query` and
 * `BigQuery.Jobs.getQueryResults`; in tests, a double of them.
 */
export interface BigQueryJobsClient {
  query(request: QueryRequestBody, projectId: string): QueryResponse;
  getQueryResults(projectId: string, jobId: string, options: QueryResultsOptions): QueryResponse;
}

/** Time, injected so tests run a six-minute story in no time. */
export interface JobClock {
  /** Milliseconds since any fixed moment. */
  now(): number;
  sleep(milliseconds: number): void;
}

/** Apps Script stops an execution at 6 minutes; this leaves 90 s to write the sheet. */
export const DEFAULT_BUDGET_MS = 270_000;
/** The longest one call may wait on BigQuery's side for the job. */
export const LONGEST_CALL_WAIT_MS = 20_000;
/** Tries of one call when BigQuery says it is busy: the first and four retries. */
export const MOST_TRIES = 5;
const FIRST_RETRY_DELAY_MS = 1_000;
const FIRST_POLL_DELAY_MS = 500;
const LONGEST_POLL_DELAY_MS = 8_000;

export interface QueryJobOptions {
  projectId: string;
  location: string;
  clock: JobClock;
  /** The whole run, every wait included, in milliseconds. */
  budgetMs?: number;
  /** The bytes cap sent with the request, so a cap error can name it. */
  maximumBytesBilled?: bigint | null;
  /** The dataset queried, for error messages. */
  dataset?: string;
}

/** A finished query: every row decoded, with what BigQuery reported about the job. */
export interface QueryJobResult {
  fields: RestField[];
  records: DecodedRecord[];
  totalRows: number;
  /** Bytes processed as BigQuery reported them (a decimal string), or null. */
  bytesProcessed: string | null;
  /** Bytes billed when BigQuery reported them; long jobs report only bytes processed. */
  bytesBilled: string | null;
  cacheHit: boolean;
  jobId: string | null;
  pages: number;
  elapsedMs: number;
}

/** A finished dry run: what the query would read. */
export interface DryRunResult {
  bytesProcessed: string;
  fields: RestField[];
}

class Budget {
  private readonly started: number;

  constructor(
    private readonly clock: JobClock,
    private readonly budgetMs: number,
  ) {
    this.started = clock.now();
  }

  elapsed(): number {
    return this.clock.now() - this.started;
  }

  remaining(): number {
    return this.budgetMs - this.elapsed();
  }

  /** Sleeps, or throws out-of-time when the sleep would end past the budget. */
  sleepOrGiveUp(milliseconds: number, jobId: string | null): void {
    if (milliseconds >= this.remaining()) throw this.outOfTime(jobId);
    this.clock.sleep(milliseconds);
  }

  /** How long the next call may wait on BigQuery's side. */
  callWait(jobId: string | null): number {
    const remaining = this.remaining();
    if (remaining <= 0) throw this.outOfTime(jobId);
    return Math.min(LONGEST_CALL_WAIT_MS, remaining);
  }

  outOfTime(jobId: string | null): ProductError {
    return new ProductError('bigquery/out-of-time', {
      seconds: Math.round(this.budgetMs / 1000),
      jobId,
    });
  }
}

function placeOf(options: QueryJobOptions): QueryPlace {
  return {
    project: options.projectId,
    dataset: options.dataset ?? '',
    location: options.location,
    maximumBytesBilled: options.maximumBytesBilled ?? null,
  };
}

/** Makes one call, retrying busy answers with exponential backoff inside the budget. */
function withRetries<T>(
  call: () => T,
  budget: Budget,
  options: QueryJobOptions,
  jobId: string | null,
): T {
  let delay = FIRST_RETRY_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    let failure: BigQueryFailure;
    try {
      return call();
    } catch (thrown) {
      if (thrown instanceof ProductError) throw thrown;
      failure = readBigQueryFailure(thrown);
    }
    if (!isRetryable(failure) || attempt >= MOST_TRIES) {
      const error = productErrorFor(failure, placeOf(options));
      if (isRetryable(failure)) error.details.tries = attempt;
      throw error;
    }
    budget.sleepOrGiveUp(delay, jobId);
    delay *= 2;
  }
}

/**
 * Runs a query and reads every row. While the job is not complete it polls
 * `getQueryResults` with the job id and location, backing off from 0.5 s to 8 s; it follows
 * `pageToken` until there is none and checks the rows read against `totalRows`. When the
 * budget runs out it throws `bigquery/out-of-time` (never an empty result).
 *
 * @example
 * const result = runQueryJob(client, buildQueryRequest(query, { location: 'US', timeoutMs: 20000 }),
 *   { projectId: 'my-project', location: 'US', clock });
 * result.records; // [{ funnel_level: 'group', campaign: 'spring', visits: 3, ... }]
 */
export function runQueryJob(
  client: BigQueryJobsClient,
  request: QueryRequestBody,
  options: QueryJobOptions,
): QueryJobResult {
  const budget = new Budget(options.clock, options.budgetMs ?? DEFAULT_BUDGET_MS);
  const first = withRetries(
    () =>
      client.query(
        { ...request, timeoutMs: budget.callWait(null), dryRun: false },
        options.projectId,
      ),
    budget,
    options,
    null,
  );
  const jobId = first.jobReference?.jobId ?? null;
  // A job in a regional location must be read back with that location.
  const location = first.jobReference?.location ?? options.location;
  const projectId = first.jobReference?.projectId ?? options.projectId;
  const readPage = (pageToken: string | undefined) => {
    if (!jobId) throw new ProductError('bigquery/job-failed', { detail: 'no job id came back' });
    return withRetries(
      () =>
        client.getQueryResults(projectId, jobId, {
          location,
          timeoutMs: budget.callWait(jobId),
          ...(pageToken ? { pageToken } : {}),
        }),
      budget,
      options,
      jobId,
    );
  };

  let page = first;
  let pollDelay = FIRST_POLL_DELAY_MS;
  while (page.jobComplete !== true) {
    budget.sleepOrGiveUp(pollDelay, jobId);
    pollDelay = Math.min(pollDelay * 2, LONGEST_POLL_DELAY_MS);
    page = readPage(undefined);
  }

  const completed = page;
  const fields = completed.schema?.fields ?? [];
  const records = decodeQueryRows(fields, completed.rows);
  const seenTokens = new Set<string>();
  let pages = 1;
  while (page.pageToken) {
    if (seenTokens.has(page.pageToken)) break;
    seenTokens.add(page.pageToken);
    page = readPage(page.pageToken);
    records.push(...decodeQueryRows(fields, page.rows));
    pages++;
  }

  const totalRows = Number(completed.totalRows ?? records.length);
  if (records.length !== totalRows) {
    throw new ProductError('bigquery/rows-missing', {
      read: records.length,
      total: totalRows,
      jobId,
    });
  }
  return {
    fields,
    records,
    totalRows,
    bytesProcessed: first.totalBytesProcessed ?? completed.totalBytesProcessed ?? null,
    bytesBilled: first.totalBytesBilled ?? completed.totalBytesBilled ?? null,
    cacheHit: (first.cacheHit ?? completed.cacheHit) === true,
    jobId,
    pages,
    elapsedMs: budget.elapsed(),
  };
}

/**
 * Asks BigQuery what a query would read, without running it (a dry run costs nothing).
 *
 * @example
 * dryRunQuery(client, request, { projectId: 'my-project', location: 'US', clock }).bytesProcessed;
 * // '1288490188'
 */
export function dryRunQuery(
  client: BigQueryJobsClient,
  request: QueryRequestBody,
  options: QueryJobOptions,
): DryRunResult {
  const budget = new Budget(options.clock, options.budgetMs ?? DEFAULT_BUDGET_MS);
  const answer = withRetries(
    () =>
      client.query(
        { ...request, timeoutMs: budget.callWait(null), dryRun: true },
        options.projectId,
      ),
    budget,
    options,
    null,
  );
  return {
    bytesProcessed: answer.totalBytesProcessed ?? '0',
    fields: answer.schema?.fields ?? [],
  };
}
