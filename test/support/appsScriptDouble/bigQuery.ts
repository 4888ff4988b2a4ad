// The BigQuery advanced service (v2): Jobs.query and Jobs.getQueryResults answer from jobs and
// errors a test scripts, with REST's shapes: jobComplete, jobReference, pageToken, string cells;
// Tables.get answers with the schemas of tables a test adds.
import { Tracker, namedError } from './tracking';

/** A result row as REST sends it: cells are strings or null (REPEATED a list, RECORD `{f}`). */
export interface RestRow {
  readonly f: { readonly v: unknown }[];
}

/** One schema field (name, type such as INT64 or TIMESTAMP, mode such as NULLABLE). */
export interface RestField {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
  readonly fields?: RestField[];
}

/** A query job the next Jobs.query call runs. */
export interface ScriptedJob {
  readonly schema: RestField[];
  readonly rows: RestRow[];
  /** Rows per page; all in one page when absent. */
  readonly pageSize?: number;
  /** How many answers say jobComplete: false before the job completes (Jobs.query counts). */
  readonly pendingAnswers?: number;
  readonly location?: string;
  readonly totalBytesProcessed?: string;
  readonly cacheHit?: boolean;
  readonly jobId?: string;
  /** Reported when set (jobs.query reports it for on-demand projects). */
  readonly totalBytesBilled?: string;
  /** Overrides the row count reported, to script an answer that disagrees with its rows. */
  readonly totalRows?: string;
}

/** An error BigQuery answers with, by reason (accessDenied, notFound, invalidQuery, ...). */
export interface ScriptedError {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
}

/** A row from plain values, as REST writes them: `restRow('spring', '12', null)`. */
export function restRow(...values: (string | null)[]): RestRow {
  return { f: values.map((v) => ({ v })) };
}

interface RunningJob {
  readonly projectId: string;
  readonly jobId: string;
  readonly job: ScriptedJob;
  pendingAnswers: number;
}

/** BigQuery.Jobs with the scripted answers and a record of every request. */
export class FakeBigQueryJobs {
  /** Each Jobs.query request, with the project it was sent for. */
  readonly queryRequests: { projectId: string; request: Record<string, unknown> }[] = [];
  /** Each Jobs.getQueryResults call's arguments. */
  readonly resultRequests: {
    projectId: string;
    jobId: string;
    options: Record<string, unknown>;
  }[] = [];
  private readonly scriptedQueries: (ScriptedJob | ScriptedError)[] = [];
  private readonly scriptedResultErrors: ScriptedError[] = [];
  private readonly jobs = new Map<string, RunningJob>();
  private nextJob = 1;

  /** The next Jobs.query runs this job. */
  _queueJob(job: ScriptedJob): void {
    this.scriptedQueries.push(job);
  }

  /** The next Jobs.query (or, with `onResults`, the next getQueryResults) fails with this. */
  _queueError(error: ScriptedError, onResults = false): void {
    (onResults ? this.scriptedResultErrors : this.scriptedQueries).push(error);
  }

  query(request: Record<string, unknown>, projectId: string): Record<string, unknown> {
    this.queryRequests.push({ projectId, request: structuredClone(request) });
    const scripted = this.scriptedQueries.shift();
    if (!scripted) {
      throw new Error(
        'The Apps Script double has no scripted answer for BigQuery.Jobs.query: queue one with bigQuery.queueJob(...).',
      );
    }
    if ('reason' in scripted) throw apiError('bigquery.jobs.query', scripted);
    if (request.dryRun === true) {
      // A dry run starts no job: BigQuery answers at once with the bytes it would read.
      return {
        kind: 'bigquery#queryResponse',
        jobReference: { projectId, location: scripted.location ?? 'US' },
        jobComplete: true,
        schema: { fields: scripted.schema },
        totalBytesProcessed: scripted.totalBytesProcessed ?? '0',
        cacheHit: false,
      };
    }

    const jobId = scripted.jobId ?? `job_${this.nextJob}`;
    this.nextJob += 1;
    const running: RunningJob = {
      projectId,
      jobId,
      job: scripted,
      pendingAnswers: scripted.pendingAnswers ?? 0,
    };
    this.jobs.set(`${projectId}:${jobId}`, running);
    return this._answer(running, 0, 'bigquery#queryResponse');
  }

  getQueryResults(
    projectId: string,
    jobId: string,
    options: Record<string, unknown> = {},
  ): Record<string, unknown> {
    this.resultRequests.push({ projectId, jobId, options: { ...options } });
    const scriptedError = this.scriptedResultErrors.shift();
    if (scriptedError) throw apiError('bigquery.jobs.getQueryResults', scriptedError);

    const running = this.jobs.get(`${projectId}:${jobId}`);
    const location = running?.job.location ?? 'US';
    const locationGiven = typeof options.location === 'string' ? options.location : 'US';
    if (!running || locationGiven.toUpperCase() !== location.toUpperCase()) {
      throw apiError('bigquery.jobs.getQueryResults', {
        code: 404,
        reason: 'notFound',
        message: `Not found: Job ${projectId}:${jobId}`,
      });
    }
    const start = typeof options.pageToken === 'string' ? pageStart(options.pageToken) : 0;
    return this._answer(running, start, 'bigquery#getQueryResultsResponse');
  }

  get(
    projectId: string,
    jobId: string,
    _options: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const running = this.jobs.get(`${projectId}:${jobId}`);
    if (!running) {
      throw apiError('bigquery.jobs.get', {
        code: 404,
        reason: 'notFound',
        message: `Not found: Job ${projectId}:${jobId}`,
      });
    }
    return {
      kind: 'bigquery#job',
      jobReference: this._reference(running),
      status: { state: running.pendingAnswers > 0 ? 'RUNNING' : 'DONE' },
    };
  }

  private _answer(running: RunningJob, start: number, kind: string): Record<string, unknown> {
    if (running.pendingAnswers > 0) {
      running.pendingAnswers -= 1;
      return { kind, jobReference: this._reference(running), jobComplete: false };
    }
    const { job } = running;
    const pageSize = job.pageSize ?? Math.max(job.rows.length, 1);
    const end = Math.min(start + pageSize, job.rows.length);
    const answer: Record<string, unknown> = {
      kind,
      jobReference: this._reference(running),
      jobComplete: true,
      schema: { fields: job.schema },
      totalRows: job.totalRows ?? String(job.rows.length),
      totalBytesProcessed: job.totalBytesProcessed ?? '0',
      cacheHit: job.cacheHit ?? false,
    };
    if (job.totalBytesBilled !== undefined && kind === 'bigquery#queryResponse') {
      answer.totalBytesBilled = job.totalBytesBilled;
    }
    if (end > start) answer.rows = structuredClone(job.rows.slice(start, end));
    if (end < job.rows.length) answer.pageToken = `page-from-${end}`;
    return answer;
  }

  private _reference(running: RunningJob): Record<string, string> {
    return {
      projectId: running.projectId,
      jobId: running.jobId,
      location: running.job.location ?? 'US',
    };
  }
}

/**
 * BigQuery.Tables: the schemas of the tables a test adds. Any other table is not found, named
 * as BigQuery names the first missing part: a project no table was added to, then a dataset,
 * then the table.
 */
export class FakeBigQueryTables {
  private readonly tables = new Map<string, RestField[]>();

  _addTable(projectId: string, datasetId: string, tableId: string, fields: RestField[]): void {
    this.tables.set(`${projectId}:${datasetId}.${tableId}`, fields);
  }

  get(projectId: string, datasetId: string, tableId: string): Record<string, unknown> {
    const fields = this.tables.get(`${projectId}:${datasetId}.${tableId}`);
    if (!fields) {
      const added = [...this.tables.keys()];
      const missing = !added.some((name) => name.startsWith(`${projectId}:`))
        ? `Project ${projectId}`
        : !added.some((name) => name.startsWith(`${projectId}:${datasetId}.`))
          ? `Dataset ${projectId}:${datasetId}`
          : `Table ${projectId}:${datasetId}.${tableId}`;
      throw apiError('bigquery.tables.get', {
        code: 404,
        reason: 'notFound',
        message: `Not found: ${missing}`,
      });
    }
    return {
      kind: 'bigquery#table',
      tableReference: { projectId, datasetId, tableId },
      schema: { fields: structuredClone(fields) },
    };
  }
}

/** The BigQuery advanced service object: Jobs and Tables. */
export class FakeBigQuery {
  readonly Jobs: FakeBigQueryJobs;
  readonly Tables: FakeBigQueryTables;

  constructor(tracker: Tracker, jobs: FakeBigQueryJobs, tables = new FakeBigQueryTables()) {
    this.Jobs = tracker.track(jobs, 'BigQuery.Jobs');
    this.Tables = tracker.track(tables, 'BigQuery.Tables');
  }
}

/**
 * The error an advanced service throws for an API error: named GoogleJsonResponseException,
 * with the API's message, and `details` carrying the code and reason.
 */
export function apiError(method: string, error: ScriptedError): Error {
  const thrown = namedError(
    'GoogleJsonResponseException',
    `API call to ${method} failed with error: ${error.message}`,
  ) as Error & { details?: unknown };
  thrown.details = {
    code: error.code,
    message: error.message,
    errors: [{ message: error.message, domain: 'global', reason: error.reason }],
  };
  return thrown;
}

function pageStart(pageToken: string): number {
  const match = /^page-from-(\d+)$/.exec(pageToken);
  if (!match) {
    throw apiError('bigquery.jobs.getQueryResults', {
      code: 400,
      reason: 'invalid',
      message: `Invalid page token: ${pageToken}`,
    });
  }
  return Number(match[1]);
}
