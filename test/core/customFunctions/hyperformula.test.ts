// The custom functions typed as formulas into a HyperFormula workbook, registered from the
// declaration table the way Sheets reads them: ranges arrive as rows of cells, array answers
// spill into the cells below and to the right, errors show in the cell with their sentence.
import {
  ArraySize,
  CellError,
  DetailedCellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  ImplementedFunctions,
  SimpleRangeValue,
} from 'hyperformula';
import { customFunctionDeclarations } from '../../../src/core/customFunctions/declarations';
import { describeError } from '../../../src/core/messages';

type Ast = { args: unknown[] };
type Evaluate = (ast: Ast, state: unknown) => unknown;

// How Sheets shows error values to a custom function reading them, by HyperFormula's type.
const ERROR_TEXT: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.NA]: '#N/A',
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.REF]: '#REF!',
  [ErrorType.NAME]: '#NAME?',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.ERROR]: '#ERROR!',
};

// A value as Sheets would pass it: a blank cell as "", a range as rows of cells.
function asSheetsPasses(value: unknown): unknown {
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map(asSheetsPasses));
  if (typeof value === 'symbol' || value === null) return '';
  if (value instanceof CellError) return ERROR_TEXT[value.type] ?? '#ERROR!';
  if (typeof value === 'object' && value !== null && 'val' in value) {
    return (value as { val: unknown }).val;
  }
  return value;
}

class CampaignFunctionsPlugin extends FunctionPlugin {}

const implemented: ImplementedFunctions = {};
const methods = CampaignFunctionsPlugin.prototype as unknown as Record<string, Evaluate>;
customFunctionDeclarations.forEach((declaration) => {
  implemented[declaration.name] = {
    method: `evaluate${declaration.name}`,
    sizeOfResultArrayMethod: `sizeOf${declaration.name}`,
    parameters: declaration.args.map((argument) => ({
      argumentType: FunctionArgumentType.ANY,
      optionalArg: argument.optional === true,
    })),
    vectorizationForbidden: true,
  };
  methods[`evaluate${declaration.name}`] = function (this: FunctionPlugin, ast, state) {
    const plugin = this as unknown as {
      runFunction: (...args: unknown[]) => unknown;
      metadata: (name: string) => unknown;
    };
    return plugin.runFunction(
      ast.args,
      state,
      plugin.metadata(declaration.name),
      (...args: unknown[]) => {
        while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
        try {
          const answer = declaration.evaluate(args.map(asSheetsPasses));
          return Array.isArray(answer) ? SimpleRangeValue.onlyValues(answer) : answer;
        } catch (error) {
          return new CellError(ErrorType.ERROR, describeError(error));
        }
      },
    );
  };
  // Sheets gives the answer the shape of the ranges passed; HyperFormula asks for it up front.
  methods[`sizeOf${declaration.name}`] = function (this: FunctionPlugin, ast, state) {
    const plugin = this as unknown as {
      arraySizeForAst: (ast: unknown, state: unknown) => ArraySize;
    };
    const sizes = ast.args.map((argument) => plugin.arraySizeForAst(argument, state));
    // A reference counts as scalar in isScalar(), so look at the size itself.
    const range = sizes.find((size) => size.width > 1 || size.height > 1);
    return range ? new ArraySize(range.width, range.height) : ArraySize.scalar();
  };
});
CampaignFunctionsPlugin.implementedFunctions = implemented;

const names = Object.fromEntries(customFunctionDeclarations.map((d) => [d.name, d.name]));
HyperFormula.registerFunctionPlugin(CampaignFunctionsPlugin, { enGB: names });

function workbook(cells: (string | number | null)[][]) {
  const engine = HyperFormula.buildFromArray(cells, { licenseKey: 'gpl-v3' });
  const at = (a1: string) => {
    const address = engine.simpleCellAddressFromString(a1, 0);
    if (!address) throw new Error(`${a1} is not a cell`);
    return engine.getCellValue(address);
  };
  return { engine, at };
}

describe('custom functions typed into cells', () => {
  test('CAMPAIGN_ROI over columns spills one answer per row, a blank row staying blank', () => {
    const { at } = workbook([
      ['revenue', 'cost', 'margin', 'ROI'],
      [12000, 4000, 0.5, '=CAMPAIGN_ROI(A2:A4, B2:B4, C2:C4)'],
      [5000, 2000, 0.5, null],
      [null, 1000, 0.5, null],
    ]);
    // (12000 × 0.5 − 4000) ÷ 4000 = 0.5; (5000 × 0.5 − 2000) ÷ 2000 = 0.25; blank revenue.
    expect([at('D2'), at('D3'), at('D4')]).toEqual([0.5, 0.25, '']);
  });

  test('a percentage typed in the formula spreads over the range', () => {
    const { at } = workbook([
      [12000, 4000, '=CAMPAIGN_ROI(A1:A2, B1:B2, 50%)'],
      [8000, 4000, null],
    ]);
    // (8000 × 0.5 − 4000) ÷ 4000 = 0.
    expect([at('C1'), at('C2')]).toEqual([0.5, 0]);
  });

  test('FUNNEL_RATE over a row of steps spills to the right, overall from the first step', () => {
    const { at } = workbook([
      [2000, 500, 50, null],
      ['=FUNNEL_RATE(A1:D1, "overall")', null, null, null],
    ]);
    // 500 ÷ 2000 = 0.25 and 50 ÷ 2000 = 0.025; the step not counted yet stays blank.
    expect([at('A2'), at('B2'), at('C2'), at('D2')]).toEqual([1, 0.25, 0.025, '']);
  });

  test('FUNNEL_RATE of two cells gives a single rate', () => {
    const { at } = workbook([[2000, 50, '=FUNNEL_RATE(A1, B1)']]);
    expect(at('C1')).toBe(0.025);
  });

  test('CAMPAIGN_COST and COST_PER_ORDER chain like formulas do', () => {
    const { at } = workbook([
      [2, 10, 50, 300, 52, '=CAMPAIGN_COST(A1, B1, C1, D1)', '=COST_PER_ORDER(F1, E1)'],
    ]);
    // 2 × 10 × 50 + 300 = 1300; 1300 ÷ 52 = 25.
    expect([at('F1'), at('G1')]).toEqual([1300, 25]);
  });

  test('numbers pasted as text are read', () => {
    const { at } = workbook([['=ROAS("$5,000.00", "1 250")']]);
    expect(at('A1')).toBe(4);
  });

  test('an error shows in the cell with the sentence naming the argument and row', () => {
    const { at } = workbook([
      [100, 50, '=CAMPAIGN_ROI(A1:A2, B1:B2)'],
      [200, 0, null],
    ]);
    const shown = at('C1') as DetailedCellError;
    expect(shown).toBeInstanceOf(DetailedCellError);
    expect(shown.value).toBe('#ERROR!');
    expect(shown.message).toContain('cost in row 2, column 1 of its range is 0');
  });

  test('an error in a single input cell passes through, as spreadsheets pass errors on', () => {
    const { at } = workbook([['=1/0', 50, '=CAMPAIGN_ROI(A1, B1)']]);
    expect((at('C1') as DetailedCellError).type).toBe(ErrorType.DIV_BY_ZERO);
  });

  test('an error inside a range is named with its row, not computed with', () => {
    const { at } = workbook([
      [100, 50, '=CAMPAIGN_ROI(A1:A2, B1:B2)'],
      ['=1/0', 50, null],
    ]);
    expect((at('C1') as DetailedCellError).message).toContain(
      'revenue in row 2, column 1 of its range holds the error "#DIV/0!"',
    );
  });

  test('an answer that would overwrite a typed cell does not spill', () => {
    const { at } = workbook([
      [100, 50, '=CAMPAIGN_ROI(A1:A2, B1:B2)'],
      [200, 50, 'typed here'],
    ]);
    expect((at('C1') as DetailedCellError).type).toBe(ErrorType.SPILL);
  });

  test('answers follow when an input changes', () => {
    const { engine, at } = workbook([
      [100, 50, '=CAMPAIGN_ROI(A1:A2, B1:B2)'],
      [200, 50, null],
    ]);
    engine.setCellContents({ sheet: 0, row: 1, col: 0 }, 300);
    // (300 − 50) ÷ 50 = 5.
    expect(at('C2')).toBe(5);
  });
});
