// Row insertion re-points formulas the way Google Sheets and Excel do when rows are inserted:
// each expected formula below is what the spreadsheet shows after "insert rows above".
import { insertGridRows, SheetGrid, shiftFormulaRows } from '../../../src/core/refresh/sheetGrid';

describe('shiftFormulaRows, inserting 2 rows before row 8 of sheet ROI', () => {
  const insertion = { beforeRow: 8, count: 2 };

  test.each([
    ['moves a reference at the insertion down', 'B8', 'B10'],
    ['moves a reference below the insertion down', 'B12*2', 'B14*2'],
    ['leaves a reference above the insertion', 'B7+C1', 'B7+C1'],
    ['grows a range that spans the insertion', 'SUM(B5:B9)', 'SUM(B5:B11)'],
    ['leaves a range that ends above the insertion', 'SUM(B5:B7)', 'SUM(B5:B7)'],
    ['moves a range wholly below', 'SUM(B8:C9)', 'SUM(B10:C11)'],
    ['moves absolute references too', '$B$9+B$9+$B9', '$B$11+B$11+$B11'],
    ['moves whole-row ranges', 'SUM(8:9)', 'SUM(10:11)'],
    ['leaves whole-column ranges', 'SUM(B:B)', 'SUM(B:B)'],
    ['moves references qualified with the same sheet', 'ROI!B9', 'ROI!B11'],
    ['leaves references to other sheets', "Other!B9+'My sheet'!B9", "Other!B9+'My sheet'!B9"],
    ['leaves text in quotes', '"B9"&B9', '"B9"&B11'],
    ['leaves function names that look like cells', 'LOG10(B9)', 'LOG10(B11)'],
    ['leaves numbers with exponents', '1.5E10+B9', '1.5E10+B11'],
    ['leaves defined names that start like a cell', 'AB12X+B9', 'AB12X+B11'],
  ])('%s: %s', (_what, formula, expected) => {
    expect(shiftFormulaRows(formula, insertion, 'ROI', 'ROI')).toBe(expected);
  });

  test('moves references to the sheet with rows from a formula in another sheet', () => {
    expect(shiftFormulaRows("'ROI'!B9+B9", insertion, 'Notes', 'ROI')).toBe("'ROI'!B11+B9");
  });

  test('returns the formula unchanged when no rows are inserted', () => {
    expect(shiftFormulaRows('B9', { beforeRow: 8, count: 0 }, 'ROI', 'ROI')).toBe('B9');
  });
});

describe('insertGridRows', () => {
  test('inserts blank rows and moves the rows below with their formulas re-pointed', () => {
    const grid: SheetGrid = [['a'], [{ formula: 'A1&A2' }], ['c']];
    expect(insertGridRows(grid, { beforeRow: 2, count: 1 }, 'ROI')).toEqual([
      ['a'],
      [],
      [{ formula: 'A1&A3' }],
      ['c'],
    ]);
    // the grid given is left as it was
    expect(grid[1][0]).toEqual({ formula: 'A1&A2' });
  });
});
