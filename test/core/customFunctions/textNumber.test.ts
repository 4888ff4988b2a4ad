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
      ['1.234', 1.234, 'a lone dot is a decimal point, as in an English sheet'],
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
    ])('reads %j as %p', (text, value) => {
      expect(parseTextNumber(text)).toEqual({ kind: 'number', value, percent: true });
    });
  });

  test.each(['', '   ', '\t\n'])('reads whitespace-only %j as blank', (text) => {
    expect(parseTextNumber(text)).toEqual({ kind: 'blank' });
  });

  describe('refuses rather than guesses', () => {
    test.each([
      ['1 234,567', 'ambiguous', 'a decimal comma before three digits after space grouping'],
      ['1.234,567', 'ambiguous', 'a decimal comma before three digits after dot grouping'],
      ["1'234,567", 'ambiguous', 'a decimal comma before three digits after apostrophe grouping'],
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
