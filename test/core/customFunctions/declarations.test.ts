// The custom functions as a marketer types them: answers worked out by hand, shapes, blanks,
// and hostile inputs that must give an error naming what to fix, never NaN or a wrong number.
import fc from 'fast-check';
import {
  CustomFunctionName,
  customFunctionDeclarations,
  findCustomFunction,
} from '../../../src/core/customFunctions/declarations';
import { describeError, hasMessage } from '../../../src/core/messages';
import { ProductError } from '../../../src/core/productError';

const evaluate = (name: CustomFunctionName, ...given: unknown[]) => {
  const declaration = findCustomFunction(name);
  if (!declaration) throw new Error(`${name} is not declared`);
  return declaration.evaluate(given);
};

/** A column range, as Sheets passes B2:B4. */
const column = (...cells: unknown[]) => cells.map((cell) => [cell]);
/** A row range, as Sheets passes B2:D2. */
const row = (...cells: unknown[]) => [cells];

function problemOf(name: CustomFunctionName, given: unknown[]): ProductError {
  try {
    evaluate(name, ...given);
  } catch (error) {
    if (error instanceof ProductError) return error;
    throw error;
  }
  throw new Error(`${name} gave an answer instead of an error`);
}

describe('the declaration table', () => {
  test.each(customFunctionDeclarations.map((declaration) => [declaration.name, declaration]))(
    '%s gives the answer its help example promises',
    (_name, declaration) => {
      const formula = declaration.example.formula;
      const inside = formula.slice(formula.indexOf('(') + 1, -1);
      const given = inside.split(', ');
      expect(declaration.evaluate(given)).toBeCloseTo(Number(declaration.example.answer), 12);
    },
  );

  test('names are unique and written in capitals as Sheets shows them', () => {
    const names = customFunctionDeclarations.map((declaration) => declaration.name);
    expect(new Set(names).size).toBe(names.length);
    names.forEach((name) => expect(name).toMatch(/^[A-Z][A-Z_]*[A-Z]$/));
  });

  test('optional arguments come after the required ones', () => {
    customFunctionDeclarations.forEach((declaration) => {
      const firstOptional = declaration.args.findIndex((argument) => argument.optional);
      if (firstOptional === -1) return;
      expect(declaration.args.slice(firstOptional).every((argument) => argument.optional)).toBe(
        true,
      );
    });
  });
});

describe('CAMPAIGN_ROI(revenue, cost, [margin])', () => {
  test.each([
    ['(12000 × 0.5 − 4000) ÷ 4000', [12000, 4000, 0.5], 0.5],
    ['margin left out is 100%: (12000 − 4000) ÷ 4000', [12000, 4000], 2],
    ['margin as a percentage', [12000, 4000, '50%'], 0.5],
    ['a loss: (3000 − 4000) ÷ 4000', [3000, 4000], -0.25],
    ['no revenue loses the whole cost', [0, 100], -1],
    ['margin of 1 (100%)', [100, 50, 1], 1],
    ['margin of 0: (0 − 50) ÷ 50', [100, 50, 0], -1],
    ['amounts pasted as text', ['$12,000.00', '4 000', '50%'], 0.5],
    ['1-by-1 ranges are single values', [[[100]], [[50]]], 1],
    ['a blank revenue gives a blank', ['', 50], ''],
    ['a blank margin gives a blank, not 100%', [100, 50, ''], ''],
    ['whitespace counts as blank', ['  ', 50], ''],
  ])('returns %s', (_why, given, answer) => {
    expect(evaluate('CAMPAIGN_ROI', ...given)).toBe(answer);
  });

  test.each([
    [
      'pairs two columns cell by cell: 2000 ÷ 4000 and 500 ÷ 2000',
      [column(12000, 5000), column(4000, 2000), 0.5],
      [[0.5], [0.25]],
    ],
    ['keeps a blank row blank', [column(12000, ''), column(4000, 2000)], [[2], ['']]],
    ['spreads one cost over a row: 50 ÷ 50 and 150 ÷ 50', [row(100, 200), 50], [[1, 3]]],
    [
      'pairs a margin column too: 0 ÷ 50 and 150 ÷ 50',
      [column(100, 200), 50, column(0.5, 1)],
      [[0], [3]],
    ],
    [
      'keeps a 2-by-2 block: (10−5)/5, (20−5)/5, (30−5)/5, blank',
      [
        [
          [10, 20],
          [30, ''],
        ],
        5,
      ],
      [
        [1, 3],
        [5, ''],
      ],
    ],
  ])("returns rows in the ranges' shape: %s", (_why, given, answer) => {
    expect(evaluate('CAMPAIGN_ROI', ...given)).toEqual(answer);
  });
});

describe('FUNNEL_RATE(from, to) and FUNNEL_RATE(steps, [mode])', () => {
  test.each([
    ['50 buyers of 2000 visitors', [2000, 50], 0.025],
    ['a later step larger than the earlier one', [100, 150], 1.5],
    ['no one converting', [100, 0], 0],
    ['a blank to', [100, ''], ''],
  ])('returns %s', (_why, given, answer) => {
    expect(evaluate('FUNNEL_RATE', ...given)).toBe(answer);
  });

  test.each([
    ['pairs from and to columns', [column(2000, 1000), column(50, 0)], [[0.025], [0]]],
    ['spreads one to over a column', [column(2000, 1000), 100], [[0.05], [0.1]]],
    ['spreads one to given as text', [column(2000, 1000), '100'], [[0.05], [0.1]]],
    ['steps in a column: 500 ÷ 2000, 50 ÷ 500', [column(2000, 500, 50)], [[1], [0.25], [0.1]]],
    [
      'steps in a row, overall: 500 ÷ 2000, 50 ÷ 2000',
      [row(2000, 500, 50), 'overall'],
      [[1, 0.25, 0.025]],
    ],
    ['mode in any case, with spaces', [row(2000, 500, 50), ' OVERALL '], [[1, 0.25, 0.025]]],
    ['mode "step" said explicitly', [row(2000, 500), 'step'], [[1, 0.25]]],
    ['a blank mode is "step"', [column(2000, 500), ''], [[1], [0.25]]],
    ['mode in a cell of its own', [column(2000, 500), [['overall']]], [[1], [0.25]]],
    ['a blank step blanks the step after it too', [column(2000, '', 50)], [[1], [''], ['']]],
    ['overall skips a blank step', [column(2000, '', 50), 'overall'], [[1], [''], [0.025]]],
    ['a blank first step blanks the funnel', [column('', 500)], [[''], ['']]],
    ['a last step of 0', [column(2000, 500, 0)], [[1], [0.25], [0]]],
    [
      'a blank step after a step of 0, with nothing to compute',
      [column(2000, 0, '')],
      [[1], [0], ['']],
    ],
  ])('returns %s', (_why, given, answer) => {
    expect(evaluate('FUNNEL_RATE', ...given)).toEqual(answer);
  });
});

describe('CAMPAIGN_COST(people, hours, rate, [media_spend])', () => {
  test.each([
    ['2 people × 10 hours × 50 + 300 media', [2, 10, 50, 300], 1300],
    ['media spend left out is 0', [2, 10, 50], 1000],
    ['half a person for 8 hours at 40', [0.5, 8, 40], 160],
    ['no one on it costs only the media', [0, 10, 50, 75], 75],
  ])('returns %s', (_why, given, answer) => {
    expect(evaluate('CAMPAIGN_COST', ...given)).toBe(answer);
  });

  test('pairs columns and reads pasted amounts: 1×10×50+0 and 2×10×50+1000', () => {
    expect(evaluate('CAMPAIGN_COST', column(1, 2), 10, '$50', column(0, '$1,000'))).toEqual([
      [500],
      [2000],
    ]);
  });
});

describe('ROAS(revenue, media_spend) and COST_PER_ORDER(cost, orders)', () => {
  test.each([
    ['ROAS', '5000 ÷ 1250', [5000, 1250], 4],
    ['ROAS', 'a European amount: 1000 ÷ 250', ['€1.000,00', '250'], 4],
    ['COST_PER_ORDER', '1300 ÷ 52', [1300, 52], 25],
    ['COST_PER_ORDER', 'a campaign that cost nothing', [0, 10], 0],
  ] as const)('%s returns %s', (name, _why, given, answer) => {
    expect(evaluate(name, ...given)).toBe(answer);
  });

  test('ROAS spreads one media spend: 5000 ÷ 1000 and 900 ÷ 1000', () => {
    expect(evaluate('ROAS', column(5000, 900), 1000)).toEqual([[5], [0.9]]);
  });

  test('COST_PER_ORDER keeps a blank cost blank', () => {
    expect(evaluate('COST_PER_ORDER', column(100, ''), column(4, 5))).toEqual([[25], ['']]);
  });
});

describe('hostile inputs give an error naming the argument and its cell', () => {
  const longText = 'x'.repeat(10000);
  const hostile: [string, CustomFunctionName, unknown[], string, Record<string, unknown>][] = [
    ['a word', 'CAMPAIGN_ROI', ['abc', 100], 'formula/not-a-number', { argument: 'revenue' }],
    [
      'a word inside a range',
      'CAMPAIGN_ROI',
      [column(100, 'n/a'), column(50, 50)],
      'formula/not-a-number',
      { argument: 'revenue', row: 2, column: 1 },
    ],
    [
      'a word in the second column',
      'CAMPAIGN_ROI',
      [[[1, 'x']], [[1, 1]]],
      'formula/not-a-number',
      { row: 1, column: 2 },
    ],
    [
      'a very long text',
      'CAMPAIGN_ROI',
      [longText, 1],
      'formula/not-a-number',
      { argument: 'revenue' },
    ],
    ['TRUE', 'CAMPAIGN_ROI', [true, 1], 'formula/yes-no-value', { argument: 'revenue' }],
    [
      'FALSE inside a range',
      'CAMPAIGN_ROI',
      [column(1, false), 1],
      'formula/yes-no-value',
      { row: 2 },
    ],
    [
      'a date',
      'CAMPAIGN_ROI',
      [new Date(Date.UTC(2024, 0, 31)), 1],
      'formula/date-value',
      { argument: 'revenue' },
    ],
    [
      'an invalid date',
      'ROAS',
      [new Date(Number.NaN), 1],
      'formula/date-value',
      { argument: 'revenue' },
    ],
    [
      '#N/A from another formula',
      'CAMPAIGN_ROI',
      ['#N/A', 1],
      'formula/error-value',
      { value: '#N/A' },
    ],
    [
      '#DIV/0! in a range',
      'CAMPAIGN_ROI',
      [column(1, '#DIV/0!'), 1],
      'formula/error-value',
      { row: 2 },
    ],
    ['#REF! as cost', 'CAMPAIGN_ROI', [1, '#REF!'], 'formula/error-value', { argument: 'cost' }],
    ['NaN', 'CAMPAIGN_ROI', [Number.NaN, 1], 'formula/not-finite', { argument: 'revenue' }],
    ['Infinity', 'CAMPAIGN_ROI', [Infinity, 1], 'formula/not-finite', { argument: 'revenue' }],
    [
      '-Infinity as cost',
      'CAMPAIGN_ROI',
      [1, -Infinity],
      'formula/not-finite',
      { argument: 'cost' },
    ],
    ['a negative revenue', 'CAMPAIGN_ROI', [-5, 1], 'formula/negative', { argument: 'revenue' }],
    [
      'a bracketed revenue',
      'CAMPAIGN_ROI',
      ['(250)', 1],
      'formula/negative',
      { argument: 'revenue' },
    ],
    ['a cost of 0', 'CAMPAIGN_ROI', [100, 0], 'formula/zero-divisor', { argument: 'cost' }],
    ['a cost of -0', 'CAMPAIGN_ROI', [100, -0], 'formula/zero-divisor', { argument: 'cost' }],
    [
      'a cost of $0.00',
      'CAMPAIGN_ROI',
      [100, '$0.00'],
      'formula/zero-divisor',
      { argument: 'cost' },
    ],
    [
      'a cost of 0 in row 3',
      'CAMPAIGN_ROI',
      [column(1, 2, 3), column(1, 2, 0)],
      'formula/zero-divisor',
      { row: 3, column: 1 },
    ],
    ['a negative cost', 'CAMPAIGN_ROI', [100, -50], 'formula/negative', { argument: 'cost' }],
    [
      'a margin of 40',
      'CAMPAIGN_ROI',
      [100, 50, 40],
      'formula/share-looks-like-percent',
      { value: 40 },
    ],
    [
      'a margin of "40" as text',
      'CAMPAIGN_ROI',
      [100, 50, '40'],
      'formula/share-looks-like-percent',
      { value: 40 },
    ],
    [
      'a margin of 100',
      'CAMPAIGN_ROI',
      [100, 50, 100],
      'formula/share-looks-like-percent',
      { value: 100 },
    ],
    ['a margin of 101', 'CAMPAIGN_ROI', [100, 50, 101], 'formula/share-too-large', { value: 101 }],
    [
      'a margin of 140%',
      'CAMPAIGN_ROI',
      [100, 50, '140%'],
      'formula/share-too-large',
      { value: '140%' },
    ],
    [
      'a margin of 1.5 in a range',
      'CAMPAIGN_ROI',
      [column(1, 2), 1, column(0.5, 1.5)],
      'formula/share-looks-like-percent',
      { row: 2 },
    ],
    [
      'a negative margin',
      'CAMPAIGN_ROI',
      [100, 50, -0.1],
      'formula/negative',
      { argument: 'margin' },
    ],
    [
      'a margin of -5%',
      'CAMPAIGN_ROI',
      [100, 50, '-5%'],
      'formula/negative',
      { argument: 'margin' },
    ],
    [
      'a revenue of 12%',
      'CAMPAIGN_ROI',
      ['12%', 5],
      'formula/percent-not-expected',
      { argument: 'revenue' },
    ],
    [
      'an ambiguous comma',
      'CAMPAIGN_ROI',
      ['1 234,567', 5],
      'formula/ambiguous-number',
      { argument: 'revenue', mark: ',', asThousands: '1234567', asDecimal: '1234.567' },
    ],
    [
      'a lone dot before three digits',
      'CAMPAIGN_ROI',
      ['€1.200', 5],
      'formula/ambiguous-number',
      { argument: 'revenue', mark: '.', asThousands: '1200', asDecimal: '1.2' },
    ],
    [
      'a lone dot before three digits in a range',
      'ROAS',
      [column(100, '-1.500'), 5],
      'formula/ambiguous-number',
      { argument: 'revenue', row: 2, asThousands: '-1500', asDecimal: '-1.5' },
    ],
    [
      'a currency and a percent',
      'CAMPAIGN_ROI',
      ['$12%', 5],
      'formula/percent-with-currency',
      { argument: 'revenue' },
    ],
    [
      'four values',
      'CAMPAIGN_ROI',
      [1, 2, 3, 4],
      'formula/too-many-arguments',
      { given: 4, most: 3 },
    ],
    ['no cost', 'CAMPAIGN_ROI', [100], 'formula/missing-argument', { argument: 'cost' }],
    ['no values at all', 'CAMPAIGN_ROI', [], 'formula/missing-argument', { argument: 'revenue' }],
    ['an empty list', 'CAMPAIGN_ROI', [[], 1], 'formula/empty-range', { argument: 'revenue' }],
    [
      'a range with no columns',
      'CAMPAIGN_ROI',
      [[[]], 1],
      'formula/empty-range',
      { argument: 'revenue' },
    ],
    ['a flat list', 'CAMPAIGN_ROI', [[1, 2], 1], 'formula/not-a-range', { argument: 'revenue' }],
    [
      'a row that is not a list',
      'CAMPAIGN_ROI',
      [[[1], 2], 1],
      'formula/not-a-range',
      { argument: 'revenue' },
    ],
    [
      'rows of different lengths',
      'CAMPAIGN_ROI',
      [[[1], [2, 3]], 1],
      'formula/ragged-range',
      { row: 2, found: 2, expected: 1 },
    ],
    [
      'a list inside a cell',
      'CAMPAIGN_ROI',
      [[[[1]]], 1],
      'formula/unreadable-value',
      { argument: 'revenue' },
    ],
    [
      'an object',
      'CAMPAIGN_ROI',
      [{ amount: 1 }, 1],
      'formula/unreadable-value',
      { argument: 'revenue' },
    ],
    [
      'a big integer',
      'CAMPAIGN_ROI',
      [BigInt(5), 1],
      'formula/unreadable-value',
      { argument: 'revenue' },
    ],
    [
      'a symbol',
      'CAMPAIGN_ROI',
      [Symbol('revenue'), 1],
      'formula/unreadable-value',
      { argument: 'revenue' },
    ],
    [
      'a function',
      'CAMPAIGN_ROI',
      [() => 1, 1],
      'formula/unreadable-value',
      { argument: 'revenue' },
    ],
    [
      'columns of different lengths',
      'CAMPAIGN_ROI',
      [column(1, 2), column(1, 2, 3)],
      'formula/shape-mismatch',
      { argument: 'revenue', other: 'cost', rows: 2, otherRows: 3 },
    ],
    [
      'a row against a column',
      'CAMPAIGN_ROI',
      [row(1, 2), column(1, 2)],
      'formula/shape-mismatch',
      { rows: 1, columns: 2, otherRows: 2, otherColumns: 1 },
    ],
    [
      'an answer beyond the largest number',
      'CAMPAIGN_ROI',
      [1e308, 1e-300],
      'formula/result-too-large',
      {},
    ],
    [
      'a cost beyond the largest number',
      'CAMPAIGN_COST',
      [1e200, 1e200, 1],
      'formula/result-too-large',
      {},
    ],
    [
      'an overflow in row 2',
      'CAMPAIGN_COST',
      [column(1, 1e200), 1e200, 1],
      'formula/result-too-large',
      { row: 2, column: 1 },
    ],
    ['a from of 0', 'FUNNEL_RATE', [0, 50], 'formula/zero-divisor', { argument: 'from' }],
    ['one count only', 'FUNNEL_RATE', [100], 'formula/funnel-needs-two-counts', {}],
    [
      'one count and a mode',
      'FUNNEL_RATE',
      [100, 'overall'],
      'formula/funnel-needs-two-counts',
      {},
    ],
    [
      'a block of steps',
      'FUNNEL_RATE',
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      'formula/steps-not-a-line',
      { rows: 2, columns: 2 },
    ],
    [
      'an unknown mode',
      'FUNNEL_RATE',
      [column(1, 2), 'weekly'],
      'formula/unknown-mode',
      { value: 'weekly' },
    ],
    [
      'an unknown mode in a cell',
      'FUNNEL_RATE',
      [column(1, 2), [['weekly']]],
      'formula/unknown-mode',
      { value: 'weekly' },
    ],
    [
      'a step of 0 before another',
      'FUNNEL_RATE',
      [column(100, 0, 5)],
      'formula/previous-step-zero',
      { row: 2, column: 1 },
    ],
    ['a first step of 0', 'FUNNEL_RATE', [column(0, 5)], 'formula/first-step-zero', { row: 1 }],
    [
      'a first step of 0, overall',
      'FUNNEL_RATE',
      [column(0, 5), 'overall'],
      'formula/first-step-zero',
      { row: 1 },
    ],
    [
      'a middle step of 0 in a row',
      'FUNNEL_RATE',
      [row(5, 0, 0)],
      'formula/previous-step-zero',
      { column: 2 },
    ],
    ['three values', 'FUNNEL_RATE', [1, 2, 3], 'formula/too-many-arguments', { given: 3 }],
    [
      'a word among the steps',
      'FUNNEL_RATE',
      [column(100, 'lots')],
      'formula/not-a-number',
      { argument: 'steps', row: 2 },
    ],
    [
      'a negative step',
      'FUNNEL_RATE',
      [row(100, -5)],
      'formula/negative',
      { argument: 'steps', column: 2 },
    ],
    [
      'a percentage as to',
      'FUNNEL_RATE',
      [100, '5%'],
      'formula/percent-not-expected',
      { argument: 'to' },
    ],
    ['a media spend of 0', 'ROAS', [5000, 0], 'formula/zero-divisor', { argument: 'media_spend' }],
    [
      'a bracketed media spend',
      'ROAS',
      [5000, '(100)'],
      'formula/negative',
      { argument: 'media_spend' },
    ],
    ['no orders', 'COST_PER_ORDER', [1300, 0], 'formula/zero-divisor', { argument: 'orders' }],
    [
      'no orders in row 3',
      'COST_PER_ORDER',
      [column(1, 2, 3), column(1, 1, 0)],
      'formula/zero-divisor',
      { row: 3 },
    ],
    [
      'a negative number of people',
      'CAMPAIGN_COST',
      [-1, 10, 50],
      'formula/negative',
      { argument: 'people' },
    ],
    [
      'a rate in words',
      'CAMPAIGN_COST',
      [1, 10, 'fifty'],
      'formula/not-a-number',
      { argument: 'rate' },
    ],
    [
      'a media spend of 5%',
      'CAMPAIGN_COST',
      [1, 10, 50, '5%'],
      'formula/percent-not-expected',
      { argument: 'media_spend' },
    ],
    [
      'five values',
      'CAMPAIGN_COST',
      [1, 2, 3, 4, 5],
      'formula/too-many-arguments',
      { given: 5, most: 4 },
    ],
  ];

  test.each(hostile)('rejects %s (%s)', (_what, name, given, code, details) => {
    const problem = problemOf(name, given);
    expect(problem.code).toBe(code);
    expect(problem.details).toMatchObject(details);
  });

  test.each(hostile)(
    'words the error for %s as a sentence naming what to fix',
    (_what, name, given) => {
      const problem = problemOf(name, given);
      const sentence = describeError(problem);
      expect(hasMessage(problem.code)).toBe(true);
      expect(sentence).not.toMatch(/undefined|\[object|NaN%|function/);
      expect(sentence.length).toBeLessThan(400);
      const { argument, row: inRow, column: inColumn } = problem.details;
      if (typeof argument === 'string' && argument !== '') expect(sentence).toContain(argument);
      if (inRow !== undefined) expect(sentence).toContain(`row ${inRow}`);
      if (inColumn !== undefined) expect(sentence).toContain(`column ${inColumn}`);
    },
  );

  test('says what to type instead of an amount whose dot reads two ways', () => {
    expect(describeError(problemOf('CAMPAIGN_ROI', ['€1.200', 5]))).toBe(
      'revenue is "€1.200", which reads two ways: the dot could group thousands or mark ' +
        'decimals. Retype it as 1200 if it groups thousands, or as 1.2 if it marks decimals.',
    );
  });

  test('asks whether 40% was meant for a margin of 40', () => {
    expect(describeError(problemOf('CAMPAIGN_ROI', [100, 50, 40]))).toContain(
      'Did you mean 40%? Type 40% or 0.4.',
    );
  });
});

describe('any input gives finite numbers, blanks, or a worded error', () => {
  const cell = fc.oneof(
    fc.double(),
    fc.integer({ min: -5, max: 1_000_000 }),
    fc.constantFrom('', ' ', '12%', '$1,234.50', '(250)', '1 234,50', '40', 'x', '#N/A', '0'),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(new Date(0)),
  );
  const argument = fc.oneof(
    cell,
    fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
    fc.integer({ min: 1, max: 4 }).chain((length) =>
      fc.array(fc.array(cell, { minLength: 1, maxLength: 1 }), {
        minLength: length,
        maxLength: length,
      }),
    ),
  );
  const names = customFunctionDeclarations.map((declaration) => declaration.name);

  test('holds for random arguments to every function', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(argument, { maxLength: 5 }),
        (name, given) => {
          let answer: unknown;
          try {
            answer = evaluate(name, ...given);
          } catch (error) {
            expect(error).toBeInstanceOf(ProductError);
            const problem = error as ProductError;
            expect(problem.code.startsWith('formula/')).toBe(true);
            expect(hasMessage(problem.code)).toBe(true);
            expect(describeError(problem)).not.toMatch(/undefined|\[object/);
            return;
          }
          const cells = Array.isArray(answer) ? answer.flat() : [answer];
          cells.forEach((value) => {
            expect(value === '' || (typeof value === 'number' && Number.isFinite(value))).toBe(
              true,
            );
            expect(Object.is(value, -0)).toBe(false);
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
