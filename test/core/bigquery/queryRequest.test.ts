// The jobs.query body: standard SQL, named parameters in REST's shape, location, cap and wait.
import {
  buildQueryRequest,
  queryParametersFromRest,
  restQueryParameter,
} from '../../../src/core/bigquery/queryRequest';
import { resolveFunnelSpec } from '../../../src/core/funnel/funnelOptions';
import { buildFunnelQuery } from '../../../src/core/sql/funnelQuery';
import { QueryParameter } from '../../../src/core/sql/queryParameter';

describe('restQueryParameter', () => {
  test.each<[string, QueryParameter, unknown]>([
    [
      'an INT64 as a decimal string',
      { name: 'window_micros', type: 'INT64', value: '2592000000000' },
      {
        name: 'window_micros',
        parameterType: { type: 'INT64' },
        parameterValue: { value: '2592000000000' },
      },
    ],
    [
      'a TIMESTAMP in the canonical form with an explicit UTC offset',
      { name: 'from_time', type: 'TIMESTAMP', value: '2024-01-31T23:00:00.000Z' },
      {
        name: 'from_time',
        parameterType: { type: 'TIMESTAMP' },
        parameterValue: { value: '2024-01-31 23:00:00.000000+00:00' },
      },
    ],
    [
      'a TIMESTAMP with microseconds, kept to the microsecond',
      { name: 't', type: 'TIMESTAMP', value: '2024-01-31T23:00:00.123456Z' },
      {
        name: 't',
        parameterType: { type: 'TIMESTAMP' },
        parameterValue: { value: '2024-01-31 23:00:00.123456+00:00' },
      },
    ],
    [
      'a STRING exactly as typed, quotes and all',
      { name: 'store_url_pattern', type: 'STRING', value: "x' OR 1=1 --" },
      {
        name: 'store_url_pattern',
        parameterType: { type: 'STRING' },
        parameterValue: { value: "x' OR 1=1 --" },
      },
    ],
    [
      'an ARRAY<STRING> as arrayType and arrayValues',
      { name: 'campaigns', type: 'STRING', array: true, values: ['spring sale', 'brunch'] },
      {
        name: 'campaigns',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: { arrayValues: [{ value: 'spring sale' }, { value: 'brunch' }] },
      },
    ],
    [
      'an empty array with no values',
      { name: 'campaigns', type: 'STRING', array: true, values: [] },
      {
        name: 'campaigns',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: { arrayValues: [] },
      },
    ],
    [
      'a NULL scalar as an empty parameterValue',
      { name: 'missing', type: 'STRING', value: null },
      { name: 'missing', parameterType: { type: 'STRING' }, parameterValue: {} },
    ],
  ])('writes %s', (_what, parameter, expected) => {
    expect(restQueryParameter(parameter)).toEqual(expected);
  });
});

describe('buildQueryRequest', () => {
  const spec = resolveFunnelSpec({
    project: 'my-project',
    dataset: 'segment',
    campaigns: ['Spring+Sale'],
    from: '2024-01-01',
    to: '2024-01-31',
    timeZone: 'Europe/Paris',
    storeUrlPattern: '/store',
  });
  const query = buildFunnelQuery(spec, 'bigquery');

  test('returns a body with every field the add-on sends', () => {
    const body = buildQueryRequest(query, {
      location: 'europe-west2',
      timeoutMs: 20_000,
      maximumBytesBilled: 10n * 10n ** 9n,
      requestId: 'request-1',
    });
    expect(body).toEqual({
      query: query.sql,
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: expect.any(Array),
      location: 'europe-west2',
      timeoutMs: 20_000,
      dryRun: false,
      maximumBytesBilled: '10000000000',
      requestId: 'request-1',
    });
  });

  test('sends every parameter of the query, each value a string', () => {
    const body = buildQueryRequest(query, { location: 'EU', timeoutMs: 1000 });
    expect(body.queryParameters.map((p) => p.name).sort()).toEqual([
      'campaigns',
      'from_time',
      'skew_micros',
      'store_url_pattern',
      'to_time',
      'window_micros',
    ]);
    const values = body.queryParameters.flatMap((p): unknown[] =>
      p.parameterValue.arrayValues
        ? p.parameterValue.arrayValues.map((element) => element.value)
        : [p.parameterValue.value],
    );
    values.forEach((value) => expect(typeof value).toBe('string'));
    // 2024-01-01 starts at 23:00 UTC the day before in Paris (UTC+1 in winter).
    expect(body.queryParameters.find((p) => p.name === 'from_time')?.parameterValue).toEqual({
      value: '2023-12-31 23:00:00.000000+00:00',
    });
  });

  test('writes a dry run without a cap and with whole milliseconds', () => {
    const body = buildQueryRequest(query, { location: 'US', timeoutMs: 999.7, dryRun: true });
    expect(body.dryRun).toBe(true);
    expect(body.timeoutMs).toBe(999);
    expect(body).not.toHaveProperty('maximumBytesBilled');
    expect(body).not.toHaveProperty('requestId');
  });

  test('accepts a cap given as a number and writes it as an integer string', () => {
    const body = buildQueryRequest(query, {
      location: 'US',
      timeoutMs: 1,
      maximumBytesBilled: 2_500_000_000,
    });
    expect(body.maximumBytesBilled).toBe('2500000000');
  });
});

describe('queryParametersFromRest', () => {
  test('reads back the parameters the builder wrote', () => {
    const parameters: QueryParameter[] = [
      { name: 'n', type: 'INT64', value: '7' },
      { name: 'names', type: 'STRING', array: true, values: ['a', 'b'] },
      { name: 'nothing', type: 'STRING', value: null },
    ];
    expect(queryParametersFromRest(parameters.map(restQueryParameter))).toEqual(parameters);
  });
});
