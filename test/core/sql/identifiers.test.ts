import { checkIdentifier, quoteIdentifier, quoteLiteral } from '../../../src/core/sql/identifiers';

describe('checkIdentifier', () => {
  test.each([
    ['pages', 'table'],
    ['order_completed', 'table'],
    ['_private', 'dataset'],
    ['Segment2024', 'dataset'],
    ['my-project-123', 'project'],
  ] as const)('accepts %s as a %s name', (name, kind) => {
    expect(checkIdentifier(name, kind)).toBe(name);
  });

  test.each([
    ['', 'table'],
    ['pages; DROP TABLE x', 'table'],
    ['pages.extra', 'table'],
    ['1pages', 'table'],
    ['pa`ges', 'table'],
    ['pa"ges', 'column'],
    ['line\nbreak', 'column'],
    ['Upper-Project', 'project'],
    ['ab', 'project'],
    ['ends-with-', 'project'],
    ['my_project', 'project'],
  ] as const)('rejects %j as a %s name', (name, kind) => {
    expect(() => checkIdentifier(name, kind)).toThrow(
      expect.objectContaining({ code: 'funnel/bad-identifier' }),
    );
  });
});

describe('quoteIdentifier', () => {
  test.each([
    ['pages', 'bigquery', '`pages`'],
    ['pages', 'duckdb', '"pages"'],
    ['', 'duckdb', '""'],
    ['a`b', 'bigquery', '`a\\`b`'],
    ['a\\b', 'bigquery', '`a\\\\b`'],
    ['say "hi"', 'duckdb', '"say ""hi"""'],
    ['a.b', 'bigquery', '`a.b`'],
    ['line\nbreak', 'bigquery', '`line\\nbreak`'],
  ] as const)('quotes %j for %s as %s', (name, dialect, quoted) => {
    expect(quoteIdentifier(name, dialect)).toBe(quoted);
  });
});

describe('quoteLiteral', () => {
  test.each([
    ["it's", 'bigquery', "'it\\'s'"],
    ["it's", 'duckdb', "'it''s'"],
    ['', 'duckdb', "''"],
    ['back\\slash', 'bigquery', "'back\\\\slash'"],
    ['two\nlines', 'bigquery', "'two\\nlines'"],
  ] as const)('quotes %j for %s as %s', (text, dialect, quoted) => {
    expect(quoteLiteral(text, dialect)).toBe(quoted);
  });
});
