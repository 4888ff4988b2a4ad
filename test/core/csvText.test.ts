import { parseCsv, readSpreadsheetSafeField, spreadsheetSafeField } from '../../src/core/csvText';

describe('spreadsheetSafeField', () => {
  test.each([
    [
      '=HYPERLINK("http://example.invalid","click")',
      `"'=HYPERLINK(""http://example.invalid"",""click"")"`,
    ],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['spring sale', 'spring sale'],
    ['spring, sale', '"spring, sale"'],
    ["it's", "it's"],
  ])('writes %j as %s', (text, written) => {
    expect(spreadsheetSafeField(text)).toBe(written);
  });

  test.each(['=1+1', '-5', '@x', 'plain', "'quoted"])('reads back %j as it was', (text) => {
    const [[field]] = parseCsv(spreadsheetSafeField(text) + '\n');
    expect(readSpreadsheetSafeField(field)).toBe(text);
  });
});

describe('parseCsv', () => {
  test.each([
    [
      'a,b\n1,2\n',
      ',',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a;b\r\n1;"2;3"\r\n',
      ';',
      [
        ['a', 'b'],
        ['1', '2;3'],
      ],
    ],
    ['\uFEFFa,"say ""hi"""\n', ',', [['a', 'say "hi"']]],
    ['a,"two\nlines"\n\n', ',', [['a', 'two\nlines']]],
  ])('splits %j with %j', (text, delimiter, rows) => {
    expect(parseCsv(text, { delimiter })).toEqual(rows);
  });
});
