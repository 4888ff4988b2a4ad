// A bound query parameter, written the way BigQuery's REST API wants it (values as strings).

/** The scalar types a query parameter can take. */
export type ParameterType = 'STRING' | 'INT64' | 'FLOAT64' | 'NUMERIC' | 'BOOL' | 'TIMESTAMP';

/**
 * One named parameter of a query. Scalars carry a string (or null) in `value`; arrays carry
 * a list of strings in `values`. TIMESTAMP values are RFC 3339 instants in UTC, for example
 * `2024-01-31T23:00:00.000Z`; INT64 values are decimal strings.
 *
 * @example
 * { name: 'window_micros', type: 'INT64', value: '2592000000000' }
 * { name: 'campaigns', type: 'STRING', array: true, values: ['spring sale'] }
 */
export type QueryParameter =
  | { name: string; type: ParameterType; array?: false; value: string | null }
  | { name: string; type: ParameterType; array: true; values: string[] };
