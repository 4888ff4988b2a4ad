// The job runner against the Apps Script double's BigQuery service: polling, the time budget,
// paging, the row count check, retries, and what each BigQuery error becomes.
import {
  BigQueryJobsClient,
  DEFAULT_BUDGET_MS,
  dryRunQuery,
  JobClock,
  MOST_TRIES,
  QueryJobOptions,
  runQueryJob,
} from '../../../src/core/bigquery/queryJob';
import { buildQueryRequest } from '../../../src/core/bigquery/queryRequest';
import { describeError } from '../../../src/core/messages';
import { ProductError } from '../../../src/core/productError';
import {
  createAppsScriptDouble,
  restRow,
  RestField,
  ScriptedError,
} from '../../support/appsScriptDouble';

const SCHEMA: RestField[] = [
  { name: 'campaign', type: 'STRING', mode: 'NULLABLE' },
  { name: 'visits', type: 'INT64', mode: 'NULLABLE' },
];
const REQUEST = buildQueryRequest(
  { sql: 'SELECT campaign, visits FROM t', parameters: [] },
  { location: 'EU', timeoutMs: 20_000, maximumBytesBilled: 10n ** 9n },
);

/**
 * A clock that moves only when the runner sleeps or when a call is held open: BigQuery holds a
 * call whose job is not done for the call's `timeoutMs` before answering jobComplete: false.
 */
function scene() {
  const double = createAppsScriptDouble();
  let now = 0;
  const clock: JobClock = {
    now: () => now,
    sleep: (milliseconds) => {
      double.globals.Utilities.sleep(milliseconds);
      now += milliseconds;
    },
  };
  const jobs = double.globals.BigQuery.Jobs;
  const client: BigQueryJobsClient = {
    query: (request, projectId) => {
      const answer = jobs.query({ ...request }, projectId) as { jobComplete?: boolean };
      if (answer.jobComplete === false) now += request.timeoutMs;
      return answer;
    },
    getQueryResults: (projectId, jobId, options) => {
      const answer = jobs.getQueryResults(projectId, jobId, { ...options }) as {
        jobComplete?: boolean;
      };
      if (answer.jobComplete === false) now += options.timeoutMs;
      return answer;
    },
  };
  const options: QueryJobOptions = {
    projectId: 'my-project',
    location: 'EU',
    dataset: 'segment',
    clock,
    maximumBytesBilled: 10n ** 9n,
  };
  return { double, client, clock, options, elapsed: () => now };
}

const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => restRow(`campaign ${i + 1}`, String(i + 1)));

function thrownBy(work: () => unknown): ProductError {
  try {
    work();
  } catch (error) {
    if (error instanceof ProductError) return error;
    throw error;
  }
  throw new Error('expected a ProductError');
}

describe('runQueryJob: a job that completes', () => {
  test('returns every row decoded when the first answer has them all', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({
      schema: SCHEMA,
      rows: rows(3),
      location: 'EU',
      totalBytesProcessed: '1048576',
      totalBytesBilled: '10485760',
    });
    const result = runQueryJob(client, REQUEST, options);
    expect(result.records).toEqual([
      { campaign: 'campaign 1', visits: 1 },
      { campaign: 'campaign 2', visits: 2 },
      { campaign: 'campaign 3', visits: 3 },
    ]);
    expect(result).toMatchObject({
      totalRows: 3,
      bytesProcessed: '1048576',
      bytesBilled: '10485760',
      pages: 1,
    });
    expect(double.bigQuery.jobs.resultRequests).toHaveLength(0);
  });

  test('sends the body it was given, as a real run with the wait bounded by the budget', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: [], location: 'EU' });
    runQueryJob(client, REQUEST, options);
    const [sent] = double.bigQuery.jobs.queryRequests;
    expect(sent.projectId).toBe('my-project');
    expect(sent.request).toMatchObject({
      useLegacySql: false,
      parameterMode: 'NAMED',
      location: 'EU',
      maximumBytesBilled: '1000000000',
      dryRun: false,
      timeoutMs: 20_000,
    });
  });

  test('polls getQueryResults with the job id and location, backing off, until complete', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({
      schema: SCHEMA,
      rows: rows(2),
      pendingAnswers: 4,
      location: 'EU',
      jobId: 'job_pending',
    });
    const result = runQueryJob(client, REQUEST, options);
    expect(result.records).toHaveLength(2);
    const polls = double.bigQuery.jobs.resultRequests;
    expect(polls).toHaveLength(4);
    polls.forEach((poll) => {
      expect(poll).toMatchObject({ projectId: 'my-project', jobId: 'job_pending' });
      expect(poll.options.location).toBe('EU');
    });
    // Waits between polls double from 0.5 s: the first answer and three pending polls.
    expect(double.sleeps).toEqual([500, 1000, 2000, 4000]);
  });

  test('follows pageToken until it is absent and counts the pages', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: rows(7), pageSize: 3, location: 'EU' });
    const result = runQueryJob(client, REQUEST, options);
    expect(result.records.map((record) => record.visits)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(result.pages).toBe(3);
    expect(double.bigQuery.jobs.resultRequests.map((r) => r.options.pageToken)).toEqual([
      'page-from-3',
      'page-from-6',
    ]);
  });

  test('pages a job that was pending at first', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({
      schema: SCHEMA,
      rows: rows(5),
      pageSize: 2,
      pendingAnswers: 1,
      location: 'EU',
    });
    expect(runQueryJob(client, REQUEST, options).records).toHaveLength(5);
  });

  test('reads an empty result as zero rows', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: [], location: 'EU' });
    expect(runQueryJob(client, REQUEST, options)).toMatchObject({ records: [], totalRows: 0 });
  });
});

describe('runQueryJob: a job that does not finish in time', () => {
  test('throws out-of-time, never an empty result, within the budget', () => {
    const { double, client, options, elapsed } = scene();
    double.bigQuery.queueJob({
      schema: SCHEMA,
      rows: rows(1),
      pendingAnswers: 1000,
      location: 'EU',
      jobId: 'job_slow',
    });
    const error = thrownBy(() => runQueryJob(client, REQUEST, options));
    expect(error.code).toBe('bigquery/out-of-time');
    expect(error.details).toMatchObject({ seconds: 270, jobId: 'job_slow' });
    expect(elapsed()).toBeLessThanOrEqual(DEFAULT_BUDGET_MS);
    expect(describeError(error)).toContain('keeps its previous data');
    expect(describeError(error)).not.toMatch(/no (data|rows)/i);
  });

  test('never lets one call wait past what is left of the budget', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: [], pendingAnswers: 1000, location: 'EU' });
    thrownBy(() => runQueryJob(client, REQUEST, { ...options, budgetMs: 30_000 }));
    const waits = [
      double.bigQuery.jobs.queryRequests[0].request.timeoutMs as number,
      ...double.bigQuery.jobs.resultRequests.map((r) => r.options.timeoutMs as number),
    ];
    expect(waits[0]).toBe(20_000);
    expect(waits.slice(1).every((wait) => wait <= 10_000)).toBe(true);
  });
});

describe('runQueryJob: answers that do not add up', () => {
  test('throws rows-missing when fewer rows arrive than totalRows says', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: rows(3), totalRows: '5', location: 'EU' });
    const error = thrownBy(() => runQueryJob(client, REQUEST, options));
    expect(error).toMatchObject({ code: 'bigquery/rows-missing', details: { read: 3, total: 5 } });
  });
});

const busy: ScriptedError = {
  code: 403,
  reason: 'rateLimitExceeded',
  message: 'Exceeded rate limits: too many concurrent queries for this project_and_region.',
};
const backend: ScriptedError = {
  code: 503,
  reason: 'backendError',
  message: 'Error encountered during execution. Retrying may solve the problem.',
};

describe('runQueryJob: retries', () => {
  test('retries rate limits and backend errors with exponential backoff, then succeeds', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueError(busy);
    double.bigQuery.queueError(backend);
    double.bigQuery.queueJob({ schema: SCHEMA, rows: rows(1), location: 'EU' });
    expect(runQueryJob(client, REQUEST, options).records).toHaveLength(1);
    expect(double.sleeps).toEqual([1000, 2000]);
    expect(double.bigQuery.jobs.queryRequests).toHaveLength(3);
  });

  test('retries a failed page read the same way', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: rows(4), pageSize: 2, location: 'EU' });
    double.bigQuery.queueError(backend, { onResults: true });
    expect(runQueryJob(client, REQUEST, options).records).toHaveLength(4);
    expect(double.sleeps).toEqual([1000]);
  });

  test(`gives up after ${MOST_TRIES} tries and says BigQuery is busy`, () => {
    const { double, client, options } = scene();
    for (let i = 0; i < MOST_TRIES; i++) double.bigQuery.queueError(busy);
    const error = thrownBy(() => runQueryJob(client, REQUEST, options));
    expect(error).toMatchObject({ code: 'bigquery/busy', details: { tries: MOST_TRIES } });
    expect(double.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  test.each<[string, ScriptedError]>([
    ['access denied', { code: 403, reason: 'accessDenied', message: 'Access Denied: Project p' }],
    ['an invalid query', { code: 400, reason: 'invalidQuery', message: 'Syntax error' }],
  ])('does not retry %s', (_what, error) => {
    const { double, client, options } = scene();
    double.bigQuery.queueError(error);
    thrownBy(() => runQueryJob(client, REQUEST, options));
    expect(double.bigQuery.jobs.queryRequests).toHaveLength(1);
    expect(double.sleeps).toEqual([]);
  });
});

describe('runQueryJob: what each BigQuery error becomes', () => {
  // Messages are BigQuery's documented wording for each reason.
  test.each<[string, ScriptedError, string, RegExp]>([
    [
      'access denied',
      {
        code: 403,
        reason: 'accessDenied',
        message:
          'Access Denied: Table my-project:segment.pages: User does not have permission to query table my-project:segment.pages.',
      },
      'bigquery/access-denied',
      /BigQuery Data Viewer on dataset segment/,
    ],
    [
      "a table not found in the job's location",
      {
        code: 404,
        reason: 'notFound',
        message: 'Not found: Table my-project:segment.pagez was not found in location EU',
      },
      'bigquery/wrong-location',
      /Set Location to the dataset's location/,
    ],
    [
      'a dataset not found',
      { code: 404, reason: 'notFound', message: 'Not found: Dataset my-project:segmnt' },
      'bigquery/not-found',
      /found no dataset my-project\.segmnt\. Check the project and dataset names/,
    ],
    [
      'a project not found',
      { code: 404, reason: 'notFound', message: 'Not found: Project my-projct' },
      'bigquery/not-found',
      /found no project my-projct\. Check the project and dataset names/,
    ],
    [
      'the bytes cap',
      {
        code: 400,
        reason: 'bytesBilledLimitExceeded',
        message:
          'Query exceeded limit for bytes billed: 1000000000. 2097152000 or higher required.',
      },
      'bigquery/bytes-cap-exceeded',
      /cap of 1 GB \(it needs 2\.1 GB\)\. Raise Max GB billed/,
    ],
    [
      'an invalid query',
      { code: 400, reason: 'invalidQuery', message: 'Unrecognized name: context_campaign_name' },
      'bigquery/invalid-query',
      /Unrecognized name: context_campaign_name.*Check that the table names/,
    ],
    [
      'a used-up quota',
      {
        code: 403,
        reason: 'quotaExceeded',
        message: 'Quota exceeded: Your project exceeded quota',
      },
      'bigquery/quota-exceeded',
      /Try again later, or ask the project's administrator/,
    ],
  ])('maps %s to a message saying what to do', (_what, scripted, code, sentence) => {
    const { double, client, options } = scene();
    double.bigQuery.queueError(scripted);
    const error = thrownBy(() => runQueryJob(client, REQUEST, options));
    expect(error.code).toBe(code);
    expect(describeError(error)).toMatch(sentence);
  });

  test('maps an error met while polling, such as the cap, the same way', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({ schema: SCHEMA, rows: [], pendingAnswers: 1, location: 'EU' });
    double.bigQuery.queueError(
      {
        code: 400,
        reason: 'bytesBilledLimitExceeded',
        message:
          'Query exceeded limit for bytes billed: 1000000000. 2097152000 or higher required.',
      },
      { onResults: true },
    );
    expect(thrownBy(() => runQueryJob(client, REQUEST, options)).code).toBe(
      'bigquery/bytes-cap-exceeded',
    );
  });

  test('reads the job back in the location BigQuery reports', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({
      schema: SCHEMA,
      rows: rows(1),
      pendingAnswers: 1,
      location: 'europe-west2',
    });
    expect(runQueryJob(client, REQUEST, { ...options, location: 'EU' }).records).toHaveLength(1);
    expect(double.bigQuery.jobs.resultRequests[0].options.location).toBe('europe-west2');
  });
});

describe('dryRunQuery', () => {
  test('returns the bytes BigQuery would read and sends dryRun true', () => {
    const { double, client, options } = scene();
    double.bigQuery.queueJob({
      schema: SCHEMA,
      rows: [],
      location: 'EU',
      totalBytesProcessed: '1288490188',
    });
    expect(dryRunQuery(client, REQUEST, options).bytesProcessed).toBe('1288490188');
    expect(double.bigQuery.jobs.queryRequests[0].request.dryRun).toBe(true);
    expect(double.bigQuery.jobs.resultRequests).toHaveLength(0);
  });
});
