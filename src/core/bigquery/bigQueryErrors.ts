// What a failed BigQuery call means: its reason, whether to retry, and the product error to show.
import { ProductError } from '../productError';

/** The reasons BigQuery gives that the add-on treats differently from one another. */
export type BigQueryReason =
  | 'accessDenied'
  | 'notFound'
  | 'invalidQuery'
  | 'invalid'
  | 'bytesBilledLimitExceeded'
  | 'quotaExceeded'
  | 'rateLimitExceeded'
  | 'backendError'
  | 'internalError'
  | 'responseTooLarge'
  | 'stopped'
  | 'unknown';

/** A failed call, read from whatever the client threw. */
export interface BigQueryFailure {
  reason: BigQueryReason;
  /** BigQuery's own sentence, kept for the details of the message a person reads. */
  message: string;
}

const KNOWN_REASONS: readonly string[] = [
  'accessDenied',
  'notFound',
  'invalidQuery',
  'invalid',
  'bytesBilledLimitExceeded',
  'quotaExceeded',
  'rateLimitExceeded',
  'backendError',
  'internalError',
  'responseTooLarge',
  'stopped',
];

// Apps Script's advanced service throws an Error whose message is BigQuery's sentence, after
// "API call to bigquery.jobs.query failed with error: ". When the structured reason is not
// attached, these patterns of BigQuery's documented sentences give it.
const REASON_PATTERNS: [RegExp, BigQueryReason][] = [
  [/bytes billed|bytesBilledLimitExceeded/i, 'bytesBilledLimitExceeded'],
  [
    /Exceeded rate limits|rateLimitExceeded|too many (concurrent )?(queries|requests)/i,
    'rateLimitExceeded',
  ],
  [/Quota exceeded|quotaExceeded/i, 'quotaExceeded'],
  [/Access Denied|permission|accessDenied|does not have .*access/i, 'accessDenied'],
  [/Not found|notFound|was not found/i, 'notFound'],
  [
    /backendError|backend error|try again later|Internal Error encountered|internalError/i,
    'backendError',
  ],
  [
    /Syntax error|Unrecognized name|No matching signature|invalidQuery|Function not found/i,
    'invalidQuery',
  ],
];

interface ErrorShape {
  message?: unknown;
  reason?: unknown;
  errors?: { reason?: unknown; message?: unknown }[];
  details?: ErrorShape | string;
  error?: ErrorShape;
  errorResult?: ErrorShape;
}

function structuredReason(shape: ErrorShape | undefined, depth = 0): string | null {
  if (!shape || typeof shape !== 'object' || depth > 3) return null;
  if (typeof shape.reason === 'string' && KNOWN_REASONS.includes(shape.reason)) return shape.reason;
  for (const entry of shape.errors ?? []) {
    if (typeof entry?.reason === 'string' && KNOWN_REASONS.includes(entry.reason)) {
      return entry.reason;
    }
  }
  const details = typeof shape.details === 'string' ? parseJson(shape.details) : shape.details;
  return (
    structuredReason(details, depth + 1) ??
    structuredReason(shape.error, depth + 1) ??
    structuredReason(shape.errorResult, depth + 1)
  );
}

function parseJson(text: string): ErrorShape | undefined {
  try {
    return JSON.parse(text) as ErrorShape;
  } catch {
    return undefined;
  }
}

const SERVICE_PREFIX = /^(GoogleJsonResponseException: )?API call to [\w.]+ failed with error: /;

/**
 * Reads what a BigQuery call threw: an Apps Script advanced-service error, a REST error body
 * (`{error: {errors: [{reason}]}}`) or a job's `errorResult`.
 *
 * @example
 * readBigQueryFailure(new Error('API call to bigquery.jobs.query failed with error: Access Denied: Project p'));
 * // { reason: 'accessDenied', message: 'Access Denied: Project p' }
 */
export function readBigQueryFailure(thrown: unknown): BigQueryFailure {
  const shape = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ErrorShape;
  const rawMessage =
    typeof shape.message === 'string'
      ? shape.message
      : typeof shape.error?.message === 'string'
        ? shape.error.message
        : String(thrown);
  const message = rawMessage.replace(SERVICE_PREFIX, '').trim();
  const structured = structuredReason(shape);
  if (structured) return { reason: structured as BigQueryReason, message };
  const matched = REASON_PATTERNS.find(([pattern]) => pattern.test(message));
  return { reason: matched ? matched[1] : 'unknown', message };
}

/** Rate limits and backend hiccups pass; BigQuery asks callers to retry them with backoff. */
export function isRetryable(failure: BigQueryFailure): boolean {
  return (
    failure.reason === 'rateLimitExceeded' ||
    failure.reason === 'backendError' ||
    failure.reason === 'internalError'
  );
}

/** Where the query was pointed, so the message can name what to fix. */
export interface QueryPlace {
  project: string;
  dataset: string;
  location: string;
  maximumBytesBilled?: bigint | null;
}

/**
 * The product error a person reads for a failed call. Wrong location is told apart from other
 * not-found errors because BigQuery's sentence names the location it looked in.
 *
 * @example
 * productErrorFor({ reason: 'notFound', message: 'Not found: Dataset p:segment was not found in location EU' },
 *   { project: 'p', dataset: 'segment', location: 'EU' }).code; // 'bigquery/wrong-location'
 */
export function productErrorFor(failure: BigQueryFailure, place: QueryPlace): ProductError {
  const details = { ...place, detail: failure.message, maximumBytesBilled: undefined };
  switch (failure.reason) {
    case 'accessDenied':
      return new ProductError('bigquery/access-denied', details);
    case 'notFound':
      if (/in location/i.test(failure.message)) {
        return new ProductError('bigquery/wrong-location', details);
      }
      return new ProductError('bigquery/not-found', {
        ...details,
        missing: notFoundName(failure.message),
      });
    case 'bytesBilledLimitExceeded':
      return new ProductError('bigquery/bytes-cap-exceeded', {
        ...details,
        capBytes: place.maximumBytesBilled?.toString() ?? null,
        neededBytes: /(\d+) or higher required/i.exec(failure.message)?.[1] ?? null,
      });
    case 'quotaExceeded':
      return new ProductError('bigquery/quota-exceeded', details);
    case 'rateLimitExceeded':
    case 'backendError':
    case 'internalError':
      return new ProductError('bigquery/busy', details);
    case 'invalidQuery':
    case 'invalid':
      return new ProductError('bigquery/invalid-query', details);
    case 'responseTooLarge':
      return new ProductError('bigquery/response-too-large', details);
    default:
      return new ProductError('bigquery/job-failed', details);
  }
}

/**
 * What a not-found sentence names, with its kind: `Not found: Table p:d.pages was ...` is
 * `table p.d.pages`, `Not found: Project p` is `project p`.
 */
function notFoundName(message: string): string | null {
  const match = /Not found: (Table|Dataset|Project) ([^\s]+)/i.exec(message);
  return match ? `${match[1].toLowerCase()} ${match[2].replace(/:/, '.')}` : null;
}

/**
 * Whether a failure is about the project rather than the dataset or a table: BigQuery's
 * sentence names the project first (`Not found: Project p`, `Access Denied: Project p: User
 * does not have bigquery.jobs.create permission in project p`) or says BigQuery is not turned
 * on in it.
 *
 * @example
 * failureIsAboutProject('Not found: Project my-projct'); // true
 * failureIsAboutProject('Not found: Dataset my-project:segmnt'); // false
 */
export function failureIsAboutProject(message: string): boolean {
  return /\b(?:Not found|Access Denied): Project\b|has not enabled BigQuery/i.test(message);
}
