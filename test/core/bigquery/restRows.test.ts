// REST cells decoded by schema: every BigQuery type, NULLs, nesting, and exactness past 2^53.
import {
  decodeQueryRows,
  decodeRestValue,
  DecodedValue,
  microsToIsoText,
  RestCell,
  RestField,
  secondsTextToMicros,
} from '../../../src/core/bigquery/restRows';
import { ProductError } from '../../../src/core/productError';

const field = (type: string, mode = 'NULLABLE', fields?: RestField[]): RestField => ({
  name: 'value',
  type,
  mode,
  ...(fields ? { fields } : {}),
});
const cell = (v: RestCell['v']): RestCell => ({ v });

describe('decodeRestValue', () => {
  // Expected values follow BigQuery's REST encoding (every scalar a string, seconds for
  // TIMESTAMP) and the decoder's own table in restRows.ts.
  test.each<[string, RestField, RestCell['v'], DecodedValue]>([
    ['INT64 as a number', field('INT64'), '42', 42],
    ['INTEGER (the legacy name) as a number', field('INTEGER'), '-7', -7],
    ['INT64 at 2^53 - 1 as a number', field('INT64'), '9007199254740991', 9007199254740991],
    ['INT64 past 2^53 as exact text', field('INT64'), '9007199254740993', '9007199254740993'],
    [
      'INT64 at its minimum as exact text',
      field('INT64'),
      '-9223372036854775808',
      '-9223372036854775808',
    ],
    ['NUMERIC as exact text', field('NUMERIC'), '1234.50', '1234.50'],
    [
      'BIGNUMERIC with 38 decimals as exact text',
      field('BIGNUMERIC'),
      '0.00000000000000000000000000000000000001',
      '0.00000000000000000000000000000000000001',
    ],
    ['FLOAT64 as a number', field('FLOAT64'), '0.25', 0.25],
    ['FLOAT (the legacy name) in scientific notation', field('FLOAT'), '1.5E-7', 1.5e-7],
    ['FLOAT64 infinity', field('FLOAT64'), 'Infinity', Infinity],
    ['FLOAT64 negative infinity', field('FLOAT64'), '-Infinity', -Infinity],
    ['BOOL true', field('BOOL'), 'true', true],
    ['BOOLEAN false', field('BOOLEAN'), 'false', false],
    [
      'TIMESTAMP in scientific seconds',
      field('TIMESTAMP'),
      '1.6725312E9',
      '2023-01-01T00:00:00.000Z',
    ],
    [
      'TIMESTAMP in plain seconds with microseconds',
      field('TIMESTAMP'),
      '1672531200.123456',
      '2023-01-01T00:00:00.123456Z',
    ],
    [
      'TIMESTAMP with microseconds in scientific notation, exactly',
      field('TIMESTAMP'),
      '1.672531200000001E9',
      '2023-01-01T00:00:00.000001Z',
    ],
    ['TIMESTAMP before 1970', field('TIMESTAMP'), '-1.5', '1969-12-31T23:59:58.500Z'],
    [
      'TIMESTAMP at the first moment BigQuery holds',
      field('TIMESTAMP'),
      '-6.21355968E10',
      '0001-01-01T00:00:00.000Z',
    ],
    ['DATE as written', field('DATE'), '2024-02-29', '2024-02-29'],
    ['DATETIME as written', field('DATETIME'), '2024-02-29T12:30:00.5', '2024-02-29T12:30:00.5'],
    ['TIME as written', field('TIME'), '23:59:59.999999', '23:59:59.999999'],
    ['STRING as written', field('STRING'), 'spring sale', 'spring sale'],
    ['STRING empty', field('STRING'), '', ''],
    ['BYTES as base64 text', field('BYTES'), 'aGVsbG8=', 'aGVsbG8='],
    ['JSON as text', field('JSON'), '{"a":1}', '{"a":1}'],
    ['GEOGRAPHY as WKT text', field('GEOGRAPHY'), 'POINT(1 2)', 'POINT(1 2)'],
    ['a type it does not know as text', field('INTERVAL'), '0-0 1 0:0:0', '0-0 1 0:0:0'],
    ['NULL of any type', field('INT64'), null, null],
    ['NULL TIMESTAMP', field('TIMESTAMP'), null, null],
    [
      'REPEATED INT64 as an array',
      field('INT64', 'REPEATED'),
      [cell('1'), cell('9007199254740993')],
      [1, '9007199254740993'],
    ],
    ['REPEATED empty', field('STRING', 'REPEATED'), [], []],
    ['REPEATED sent as NULL, as an empty array', field('STRING', 'REPEATED'), null, []],
    [
      'RECORD as an object by field name',
      field('RECORD', 'NULLABLE', [
        { name: 'campaign', type: 'STRING' },
        { name: 'visits', type: 'INT64' },
      ]),
      { f: [cell('spring'), cell('3')] },
      { campaign: 'spring', visits: 3 },
    ],
    [
      'REPEATED RECORD holding a REPEATED field',
      field('STRUCT', 'REPEATED', [
        { name: 'sku', type: 'STRING' },
        { name: 'prices', type: 'NUMERIC', mode: 'REPEATED' },
      ]),
      [cell({ f: [cell('toast'), cell([cell('4.50'), cell(null)])] })],
      [{ sku: 'toast', prices: ['4.50', null] }],
    ],
    ['RECORD that is NULL', field('RECORD', 'NULLABLE', []), null, null],
  ])('decodes %s', (_what, schema, raw, expected) => {
    expect(decodeRestValue(cell(raw), schema)).toEqual(expected);
  });

  test.each<[string, RestField, RestCell['v']]>([
    ['an INT64 that is not an integer', field('INT64'), '1.5'],
    ['a NUMERIC that is not a number', field('NUMERIC'), '12 dollars'],
    ['a FLOAT64 that is not a number', field('FLOAT64'), 'lots'],
    ['a BOOL that is not true or false', field('BOOL'), 'yes'],
    ['a TIMESTAMP that is not seconds', field('TIMESTAMP'), '2024-01-01T00:00:00Z'],
    ['a TIMESTAMP past year 9999', field('TIMESTAMP'), '2.6E11'],
    ['a DATE in another form', field('DATE'), '01/02/2024'],
    ['a REPEATED field sent as a scalar', field('STRING', 'REPEATED'), 'a'],
    ['a RECORD sent as a scalar', field('RECORD', 'NULLABLE', []), 'a'],
  ])('rejects %s, naming the column and type', (_what, schema, raw) => {
    let thrown: unknown;
    try {
      decodeRestValue(cell(raw), schema);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProductError);
    expect(thrown).toMatchObject({
      code: 'bigquery/unreadable-cell',
      details: { column: 'value' },
    });
  });
});

describe('decodeQueryRows', () => {
  const schema: RestField[] = [
    { name: 'funnel_level', type: 'STRING', mode: 'NULLABLE' },
    { name: 'campaign', type: 'STRING', mode: 'NULLABLE' },
    { name: 'visits', type: 'INT64', mode: 'NULLABLE' },
    { name: 'revenue', type: 'NUMERIC', mode: 'NULLABLE' },
  ];

  test('returns one record per row, keyed by the schema', () => {
    const rows = [
      { f: [cell('group'), cell('spring'), cell('3'), cell('59.90')] },
      { f: [cell('all'), cell(null), cell('5'), cell('0')] },
    ];
    expect(decodeQueryRows(schema, rows)).toEqual([
      { funnel_level: 'group', campaign: 'spring', visits: 3, revenue: '59.90' },
      { funnel_level: 'all', campaign: null, visits: 5, revenue: '0' },
    ]);
  });

  test('returns no records for a page without rows', () => {
    expect(decodeQueryRows(schema, undefined)).toEqual([]);
  });
});

describe('secondsTextToMicros and microsToIsoText', () => {
  test.each<[string, bigint | null]>([
    ['0', 0n],
    ['1.6725312E9', 1672531200000000n],
    ['1.6725312e+9', 1672531200000000n],
    ['.5', 500000n],
    ['1.0000005', 1000001n],
    ['-1.0000005', -1000001n],
    ['12abc', null],
    ['', null],
  ])('reads %p as %p microseconds', (text, micros) => {
    expect(secondsTextToMicros(text)).toBe(micros);
  });

  test('writes microseconds only when they are not zero', () => {
    expect(microsToIsoText(1672531200000000n)).toBe('2023-01-01T00:00:00.000Z');
    expect(microsToIsoText(1672531200123456n)).toBe('2023-01-01T00:00:00.123456Z');
    expect(microsToIsoText(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });
});
