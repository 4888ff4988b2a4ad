// Numbers pasted as text: what is read, and what is refused rather than guessed.
import { parseTextNumber } from '../../../src/core/customFunctions/textNumber';

describe('parseTextNumber', () => {
  describe('reads pasted amounts', () => {
    test.each([
      ['$1,234.50', 1234.5, 'US dollars with a thousands comma'],
      ['1234.5', 1234.5, 'a plain decimal'],
      ['1,234', 1234, 'a lone comma before three digits groups thousands, as in an English sheet'],
      ['1,234,567', 1234567, 'several thousands commas'],
      ['12,34,567', 1234567, 'Indian lakh grouping'],
      ['1.5', 1.5, 'a dot before one digit can only be a decimal point'],
      ['1.25', 1.25, 'a dot before two digits can only be a decimal point'],
      ['1.2345', 1.2345, 'a dot before four digits can only be a decimal point'],
      ['0.125', 0.125, 'a zero before the dot cannot be a thousands group'],
      ['1234.567', 1234.567, 'four digits before the dot cannot be a thousands group'],
      ['1.2340', 1.234, 'a trailing zero makes three decimals unmistakable'],
      ['1.234.567', 1234567, 'several dots can only group thousands'],
      ['1.234,50', 1234.5, 'European: dots group, the comma marks decimals'],
      ['1 234,50', 1234.5, 'French: spaces group, the comma marks decimals'],
      ['1\u00a0234,50', 1234.5, 'a no-break space groups like a space'],
      ['1\u202f234,50', 1234.5, 'a narrow no-break space groups like a space'],
      ["1'234.50", 1234.5, 'Swiss apostrophe grouping'],
      ['1 234.50', 1234.5, 'spaces group, the dot marks decimals'],
      ['12,5', 12.5, 'a comma before one or two digits can only be a decimal comma'],
      ['0,123', 0.123, 'a zero before the comma cannot be a thousands group'],
      ['1234,567', 1234.567, 'four digits before the comma cannot be a thousands group'],
      ['(250)', -250, 'accounting brackets mean a negative amount'],
      ['($1,234.50)', -1234.5, 'brackets around a dollar amount'],
      ['-$5', -5, 'a minus before the currency sign'],
      ['$-5', -5, 'a minus after the currency sign'],
      ['\u22125', -5, 'the typographic minus sign'],
      ['+5', 5, 'an explicit plus'],
      ['€ 1.234,50', 1234.5, 'a euro sign before a European amount'],
      ['1 234,50 €', 1234.5, 'a euro sign after a French amount'],
      ['£99', 99, 'pounds'],
      ['USD 1,234', 1234, 'an ISO currency code before'],
      ['1,234 EUR', 1234, 'an ISO currency code after'],
      ['  42  ', 42, 'surrounding spaces'],
      ['.5', 0.5, 'no digit before the point'],
      ['.125', 0.125, 'no digit before a point before three digits'],
      ['5.', 5, 'nothing after the point'],
      ['007', 7, 'leading zeros'],
      ['1.5E+6', 1500000, 'scientific notation as Sheets shows large numbers'],
      ['0', 0, 'zero'],
    ])('reads %j as %p (%s)', (text, value) => {
      expect(parseTextNumber(text)).toEqual({ kind: 'number', value, percent: false });
    });
  });

  describe('reads percentages, already divided by 100', () => {
    test.each([
      ['12%', 0.12],
      ['12 %', 0.12],
      ['12.5%', 0.125],
      ['0.1%', 0.001],
      ['100%', 1],
      ['-5%', -0.05],
      ['(5%)', -0.05],
      ['12,5 %', 0.125],
      // A percentage is a share of at most 100%, so its dot cannot group thousands.
      ['12.125%', 0.12125],
      ['1.200%', 0.012],
    ])('reads %j as %p', (text, value) => {
      expect(parseTextNumber(text)).toEqual({ kind: 'number', value, percent: true });
    });
  });

  test.each(['', '   ', '\t\n'])('reads whitespace-only %j as blank', (text) => {
    expect(parseTextNumber(text)).toEqual({ kind: 'blank' });
  });

  describe('refuses as ambiguous, giving both readings written to read one way only', () => {
    test.each([
      // A lone dot before three digits is a decimal point in an English sheet and groups
      // thousands in a German one: €1.200 was read as 1.2 and is now refused.
      ['1.200', '.', '1200', '1.2', 'twelve hundred, or one point two'],
      ['€1.200', '.', '1200', '1.2', 'a euro amount'],
      ['1.200 €', '.', '1200', '1.2', 'a euro sign after'],
      ['-1.500', '.', '-1500', '-1.5', 'a negative amount keeps its sign in both readings'],
      ['(1.500)', '.', '-1500', '-1.5', 'accounting brackets keep the sign too'],
      ['12.500', '.', '12500', '12.5', 'two digits before the dot'],
      ['123.456', '.', '123456', '123.4560', 'a decimal reading gets a zero so it reads one way'],
      // 1.234 was read as 1.234; it reads as 1234 in a German sheet just as well.
      ['1.234', '.', '1234', '1.2340', 'the decimal reading of 1.234 is written 1.2340'],
      ['1.000', '.', '1000', '1', 'a decimal reading of whole units drops the point'],
      ['1 234,567', ',', '1234567', '1234.567', 'a decimal comma after space grouping'],
      ['1.234,567', ',', '1234567', '1234.567', 'a decimal comma after dot grouping'],
      ["1'234,567", ',', '1234567', '1234.567', 'a decimal comma after apostrophe grouping'],
      ['1 234,500', ',', '1234500', '1234.5', 'the decimal reading drops trailing zeros'],
      ['1 234,567 %', ',', '1234567%', '1234.567%', 'a percentage keeps its sign'],
    ])('refuses %j: its %j reads as %s or %s (%s)', (text, mark, asThousands, asDecimal) => {
      expect(parseTextNumber(text)).toEqual({ kind: 'ambiguous', mark, asThousands, asDecimal });
    });

    test.each(['1.200', '€1.200', '-1.500', '123.456', '1 234,567', '1 234,567 %'])(
      'offers readings of %j that are themselves read one way',
      (text) => {
        const read = parseTextNumber(text);
        if (read.kind !== 'ambiguous') throw new Error(`${text} is not ambiguous`);
        expect(parseTextNumber(read.asThousands).kind).toBe('number');
        expect(parseTextNumber(read.asDecimal).kind).toBe('number');
      },
    );
  });

  describe('refuses rather than guesses', () => {
    test.each([
      ['$12%', 'percentWithCurrency', 'a currency sign and a percent sign together'],
      ['abc', 'unreadable', 'words'],
      ['$', 'unreadable', 'a currency sign alone'],
      ['%', 'unreadable', 'a percent sign alone'],
      ['.', 'unreadable', 'a point alone'],
      ['5,', 'unreadable', 'a trailing comma'],
      ['5-', 'unreadable', 'a trailing minus'],
      ['--5', 'unreadable', 'two minus signs'],
      ['(-5)', 'unreadable', 'brackets and a minus together'],
      ['$5$', 'unreadable', 'two currency signs'],
      ['1,2,3', 'unreadable', 'commas that are not thousands groups'],
      ['1  234', 'unreadable', 'two spaces inside a number'],
      ["1'234 567", 'unreadable', 'two different grouping marks'],
      ['1 234,5.6', 'unreadable', 'spaces, commas and dots together'],
      ['0,123,456', 'unreadable', 'a thousands group starting with zero'],
      ['1.2.3', 'unreadable', 'dots that are not thousands groups'],
      ['0x10', 'unreadable', 'hexadecimal'],
      ['1_000', 'unreadable', 'underscores'],
      ['Infinity', 'unreadable', 'infinity'],
      ['NaN', 'unreadable', 'not-a-number'],
      ['1e999', 'unreadable', 'a number too large for a cell'],
      ['１２', 'unreadable', 'full-width digits'],
      ['12 apples', 'unreadable', 'a number followed by words'],
      ['%12', 'unreadable', 'a percent sign before the number'],
      ['1\n234', 'unreadable', 'a line break inside a number'],
    ])('refuses %j as %s (%s)', (text, kind) => {
      expect(parseTextNumber(text)).toEqual({ kind });
    });
  });

  test('never returns negative zero', () => {
    const read = parseTextNumber('-0');
    expect(read.kind === 'number' && Object.is(read.value, -0)).toBe(false);
  });
});
