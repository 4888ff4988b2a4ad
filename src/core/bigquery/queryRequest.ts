// The body of a BigQuery `jobs.query` call, built from SQL text and its bound parameters.
import { BuiltQuery } from '../sql/funnelQuery';
import { QueryParameter } from '../sql/queryParameter';

/** A named parameter as the REST API spells it: type and value apart, every value a string. */
export interface RestQueryParameter {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string; arrayValues?: { value: string }[] };
}

/** The fields of a `jobs.query` request body that the add-on sends. */
export interface QueryRequestBody {
  query: string;
  /** The REST default is legacy SQL, so standard SQL must be asked for every time. */
  useLegacySql: false;
  parameterMode: 'NAMED';
  queryParameters: RestQueryParameter[];
  location: string;
  /** How long BigQuery may hold the call open waiting for the job, in milliseconds. */
  timeoutMs: number;
  dryRun: boolean;
  /** An int64 as a decimal string; BigQuery fails the job rather than bill more. */
  maximumBytesBilled?: string;
  /** Makes a retried call join the job the first call started instead of starting another. */
  requestId?: string;
}

/** What a request needs besides the query itself. */
export interface QueryRequestOptions {
  location: string;
  timeoutMs: number;
  dryRun?: boolean;
  maximumBytesBilled?: bigint | number | null;
  requestId?: string;
}

/**
 * A TIMESTAMP value in BigQuery's canonical literal form, with a space and an explicit UTC
 * offset (`2024-01-31 23:00:00.000000+00:00`), the form its documentation shows for
 * parameters; instants arrive here as RFC 3339 text in UTC.
 */
function canonicalTimestamp(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(value);
  if (!match) return value;
  return `${match[1]} ${match[2]}.${(match[3] ?? '').padEnd(6, '0')}+00:00`;
}

/**
 * One query parameter in the REST form. A NULL scalar has an empty `parameterValue` (the API
 * reads an absent value as NULL).
 *
 * @example
 * restQueryParameter({ name: 'campaigns', type: 'STRING', array: true, values: ['spring'] });
 * // { name: 'campaigns', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
 * //   parameterValue: { arrayValues: [{ value: 'spring' }] } }
 */
export function restQueryParameter(parameter: QueryParameter): RestQueryParameter {
  if (parameter.array) {
    return {
      name: parameter.name,
      parameterType: { type: 'ARRAY', arrayType: { type: parameter.type } },
      parameterValue: { arrayValues: parameter.values.map((value) => ({ value })) },
    };
  }
  return {
    name: parameter.name,
    parameterType: { type: parameter.type },
    parameterValue:
      parameter.value === null
        ? {}
        : {
            value:
              parameter.type === 'TIMESTAMP'
                ? canonicalTimestamp(parameter.value)
                : parameter.value,
          },
  };
}

/**
 * The `jobs.query` body for a built query: standard SQL, named parameters, the job location,
 * the bytes cap (as a whole-number string) and the wait.
 *
 * @example
 * buildQueryRequest({ sql: 'SELECT @n AS n', parameters: [{ name: 'n', type: 'INT64', value: '7' }] },
 *   { location: 'EU', timeoutMs: 20000, maximumBytesBilled: 10n ** 9n });
 * // { query: 'SELECT @n AS n', useLegacySql: false, parameterMode: 'NAMED', location: 'EU',
 * //   queryParameters: [...], timeoutMs: 20000, dryRun: false, maximumBytesBilled: '1000000000' }
 */
export function buildQueryRequest(
  query: BuiltQuery,
  options: QueryRequestOptions,
): QueryRequestBody {
  const body: QueryRequestBody = {
    query: query.sql,
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: query.parameters.map(restQueryParameter),
    location: options.location,
    timeoutMs: Math.max(0, Math.floor(options.timeoutMs)),
    dryRun: options.dryRun === true,
  };
  if (options.maximumBytesBilled !== undefined && options.maximumBytesBilled !== null) {
    body.maximumBytesBilled = BigInt(options.maximumBytesBilled).toString();
  }
  if (options.requestId) body.requestId = options.requestId;
  return body;
}

/**
 * Reads REST parameters back into the form the SQL builder writes; tests use it to hand the
 * exact request body to an SQL analyser.
 */
export function queryParametersFromRest(parameters: RestQueryParameter[]): QueryParameter[] {
  return parameters.map((parameter): QueryParameter => {
    const type = parameter.parameterType;
    if (type.type === 'ARRAY') {
      return {
        name: parameter.name,
        type: (type.arrayType?.type ?? 'STRING') as QueryParameter['type'],
        array: true,
        values: (parameter.parameterValue.arrayValues ?? []).map((element) => element.value),
      };
    }
    return {
      name: parameter.name,
      type: type.type as QueryParameter['type'],
      value: parameter.parameterValue.value ?? null,
    };
  });
}
