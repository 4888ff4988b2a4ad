// Random sequences of pulls and of a person's edits, merged into the ROI sheet one after the
// other: after every step no typed cell is lost or sits with another campaign, and the figures
// are the latest pull's. The expected sheet is kept by a small model written from the rules of
// the issue, not from the merge code.
import fc from 'fast-check';
import type { FunnelResult, FunnelRow } from '../../../src/core/funnel/funnelRows';
import { ProductError } from '../../../src/core/productError';
import {
  layoutToGrid,
  locateRoiTable,
  mergeRoiSheet,
} from '../../../src/core/refresh/roiSheetMerge';
import { cellAt, isBlankCell, SheetCell, SheetGrid } from '../../../src/core/refresh/sheetGrid';
import {
  columnLetter,
  NOT_IN_LATEST_PULL,
  ROI_COLUMNS,
  roiPeriodLine,
  roiRowFormulas,
  roiTotalsRow,
} from '../../../src/core/roi/roiSheetLayout';

const SHEET = 'Campaign ROI';
// Names chosen to trip a careless merge: a rename pair, text that looks like a formula or a
// number, and a campaign spelled like the totals row.
const CAMPAIGNS = [
  'spring sale',
  'spring sale 2',
  'brunch club',
  'gift cards',
  '=1+1',
  '2024',
  'All campaigns',
  'toast day',
];
const WIDTH = ROI_COLUMNS.length;
const INPUT_COLUMNS = ROI_COLUMNS.flatMap((c, i) => (c.kind === 'input' ? [i] : []));
const PULLED_COLUMNS = ROI_COLUMNS.flatMap((c, i) => (c.kind === 'pulled' ? [i] : []));
const FORMULA_COLUMNS = ROI_COLUMNS.flatMap((c, i) => (c.kind === 'formula' ? [i] : []));
const STATUS_COLUMN = ROI_COLUMNS.findIndex((c) => c.kind === 'status');
const PROFIT_LETTER = columnLetter(ROI_COLUMNS.findIndex((c) => c.id === 'profit'));
// The person's own columns: one gap after Status, then three columns of notes.
const NOTE_COLUMNS = [WIDTH + 1, WIDTH + 2, WIDTH + 3];

type Figures = [number, number, number, number, number];
type Pull = { campaigns: { name: string; figures: Figures }[]; period: string };
type Typed = string | number | { sameRowRevenueTimes: number } | { totalsProfit: true } | null;
type Step =
  | { kind: 'pull'; pull: Pull }
  | { kind: 'input'; pick: number; column: number; value: number | null }
  | { kind: 'note'; pick: number; column: number; value: Typed }
  | { kind: 'below'; offset: number; column: number; value: Typed }
  | { kind: 'above'; column: number; value: string | null }
  | { kind: 'moveHeader' };

const figuresArb = fc.tuple(
  fc.nat(5000),
  fc.nat(2000),
  fc.nat(500),
  fc.nat(600),
  fc.nat(10_000_000),
) as fc.Arbitrary<Figures>;

const pullArb: fc.Arbitrary<Pull> = fc.record({
  campaigns: fc.uniqueArray(
    fc.record({ name: fc.constantFrom(...CAMPAIGNS), figures: figuresArb }),
    { selector: (c) => c.name, maxLength: CAMPAIGNS.length },
  ),
  period: fc.constantFrom('2024-01-01 to 2024-01-31 (UTC)', '2024-02-01 to 2024-02-29 (UTC)'),
});

const typedArb: fc.Arbitrary<Typed> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('=not a formula', 'note ✓', ''),
  fc.integer({ min: -1000, max: 1000 }),
  fc.record({ sameRowRevenueTimes: fc.integer({ min: 1, max: 9 }) }),
  fc.constant({ totalsProfit: true as const }),
  fc.constant(null),
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: pullArb.map((pull) => ({ kind: 'pull' as const, pull })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('input' as const),
      pick: fc.nat(),
      column: fc.constantFrom(...INPUT_COLUMNS),
      value: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('note' as const),
      pick: fc.nat(),
      column: fc.constantFrom(...NOTE_COLUMNS),
      value: typedArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('below' as const),
      offset: fc.integer({ min: 1, max: 3 }),
      column: fc.integer({ min: 0, max: WIDTH + 3 }),
      value: typedArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('above' as const),
      column: fc.integer({ min: 2, max: 6 }),
      value: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'moveHeader' as const }) },
);

function funnelOf(pull: Pull): FunnelResult {
  const row = (name: string, [visitors, viewers, buyers, orders, cents]: Figures): FunnelRow => ({
    keys: name ? { campaign: name } : {},
    visits: visitors,
    storeVisitors: visitors,
    productViewers: viewers,
    buyers,
    orders,
    revenueCents: BigInt(cents),
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
  });
  const sum = (i: number) => pull.campaigns.reduce((total, c) => total + c.figures[i], 0);
  return {
    groupBy: ['campaign'],
    rows: pull.campaigns.map((c) => row(c.name, c.figures)),
    allGroups: row('', [sum(0), sum(1), sum(2), sum(3), sum(4)]),
    currency: 'USD',
  };
}

/** What the sheet must hold, kept from the steps alone. */
interface Model {
  campaigns: string[];
  typed: Map<string, Map<number, Typed>>;
  below: Map<number, Map<number, Typed>>;
  above: Map<number, string | null>;
  pull: Pull | null;
}

/** A typed value as the cell holds it; formulas are written for the row they are typed in. */
function typedCell(value: Typed, sheetRow: number, totalsRow: number): SheetCell {
  if (value !== null && typeof value === 'object') {
    if ('totalsProfit' in value) return { formula: `${PROFIT_LETTER}${totalsRow}*2` };
    return { formula: `F${sheetRow}*${value.sameRowRevenueTimes}` };
  }
  return value;
}

function deepFreeze(grid: SheetGrid): SheetGrid {
  grid.forEach((row) => Object.freeze(row));
  return Object.freeze(grid) as SheetGrid;
}

function withCell(grid: SheetGrid, row: number, column: number, cell: SheetCell): SheetGrid {
  const next = grid.map((cells) => [...cells]);
  while (next.length <= row) next.push([]);
  while (next[row].length < column) next[row].push(null);
  next[row][column] = cell;
  return next;
}

function expectCell(actual: SheetCell, expected: SheetCell, where: string): void {
  const blank = (cell: SheetCell) => isBlankCell(cell);
  if (blank(expected)) {
    if (!blank(actual))
      throw new Error(`${where}: expected blank, found ${JSON.stringify(actual)}`);
    return;
  }
  const same =
    typeof expected === 'object' && expected !== null && !(expected instanceof Date)
      ? typeof actual === 'object' &&
        actual !== null &&
        'formula' in actual &&
        actual.formula === expected.formula
      : actual === expected;
  if (!same) {
    throw new Error(
      `${where}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`,
    );
  }
}

function checkSheet(grid: SheetGrid, model: Model): void {
  const place = locateRoiTable(grid, SHEET);
  const totalsRow = place.bodyEnd + 1;
  const rows = new Map<string, number>();
  for (let row = place.headerRow + 1; row < place.bodyEnd; row++) {
    const name = cellAt(grid, row, 0);
    if (typeof name !== 'string' || rows.has(name)) {
      throw new Error(`row ${row + 1}: campaign ${JSON.stringify(name)} is missing or repeated`);
    }
    rows.set(name, row);
  }
  // Every campaign ever pulled keeps its row, in the order it first appeared.
  expect([...rows.keys()]).toEqual(model.campaigns);

  const latest = new Map((model.pull?.campaigns ?? []).map((c) => [c.name, c.figures]));
  for (const [name, row] of rows) {
    const where = `campaign ${name} (row ${row + 1})`;
    const figures = latest.get(name);
    PULLED_COLUMNS.forEach((column, i) => {
      const expected = figures ? (i === 4 ? figures[4] / 100 : figures[i]) : null;
      expectCell(cellAt(grid, row, column), expected, `${where} figure ${i}`);
    });
    expect(cellAt(grid, row, STATUS_COLUMN) || '').toBe(figures ? '' : NOT_IN_LATEST_PULL);
    const formulas = roiRowFormulas(row + 1);
    FORMULA_COLUMNS.forEach((column, i) =>
      expectCell(cellAt(grid, row, column), { formula: formulas[i] }, `${where} formula`),
    );
    const typed = model.typed.get(name) ?? new Map<number, Typed>();
    for (const column of [...INPUT_COLUMNS, WIDTH, ...NOTE_COLUMNS]) {
      const value = typed.get(column) ?? null;
      expectCell(
        cellAt(grid, row, column),
        typedCell(value, row + 1, totalsRow),
        `${where} column ${columnLetter(column)}`,
      );
    }
  }

  const funnel = funnelOf(model.pull as Pull);
  const totals = roiTotalsRow(funnel.allGroups, place.headerRow + 2, place.bodyEnd, totalsRow);
  totals.forEach((cell, column) =>
    expectCell(
      cellAt(grid, place.bodyEnd, column),
      cell.formula ? { formula: cell.formula } : (cell.value ?? null),
      `totals column ${columnLetter(column)}`,
    ),
  );

  for (let offset = 1; offset <= 4; offset++) {
    const typed = model.below.get(offset) ?? new Map<number, Typed>();
    for (let column = 0; column <= WIDTH + 4; column++) {
      expectCell(
        cellAt(grid, place.bodyEnd + offset, column),
        typedCell(typed.get(column) ?? null, place.bodyEnd + offset + 1, totalsRow),
        `${offset} rows below the totals, column ${columnLetter(column)}`,
      );
    }
  }
  for (let column = 0; column <= 7; column++) {
    expectCell(cellAt(grid, 2, column), model.above.get(column) ?? null, `row 3 ${column}`);
  }
  expect(cellAt(grid, 1, 0)).toBe(roiPeriodLine((model.pull as Pull).period));
}

function applyStep(grid: SheetGrid, model: Model, step: Step): SheetGrid {
  if (step.kind === 'pull') {
    const merged = mergeRoiSheet(deepFreeze(grid), SHEET, {
      funnel: funnelOf(step.pull),
      periodText: step.pull.period,
    });
    for (const { name } of step.pull.campaigns) {
      if (!model.campaigns.includes(name)) model.campaigns.push(name);
    }
    model.pull = step.pull;
    return merged.grid;
  }

  const place = locateRoiTable(grid, SHEET);
  const totalsRow = place.bodyEnd + 1;
  if (step.kind === 'moveHeader') {
    // A person drags a column into the middle of the table: the refresh refuses, and the
    // sheet it was given is untouched (it is frozen, so any write would throw).
    const broken = deepFreeze(withCell(grid, place.headerRow, 7, 'My notes'));
    expect(() =>
      mergeRoiSheet(broken, SHEET, { funnel: funnelOf(model.pull as Pull), periodText: 'x' }),
    ).toThrow(ProductError);
    return grid;
  }
  if (step.kind === 'above') {
    model.above.set(step.column, step.value);
    return withCell(grid, 2, step.column, step.value);
  }
  if (step.kind === 'below') {
    const row = place.bodyEnd + step.offset;
    const cells = model.below.get(step.offset) ?? new Map<number, Typed>();
    cells.set(step.column, step.value);
    model.below.set(step.offset, cells);
    return withCell(grid, row, step.column, typedCell(step.value, row + 1, totalsRow));
  }
  if (model.campaigns.length === 0) return grid;
  const name = model.campaigns[step.pick % model.campaigns.length];
  let row = -1;
  for (let r = place.headerRow + 1; r < place.bodyEnd; r++) {
    if (cellAt(grid, r, 0) === name) row = r;
  }
  const typed = model.typed.get(name) ?? new Map<number, Typed>();
  typed.set(step.column, step.value);
  model.typed.set(name, typed);
  return withCell(grid, row, step.column, typedCell(step.value, row + 1, totalsRow));
}

describe('ROI sheet merge, over random pulls and edits', () => {
  test('keeps every typed cell with its campaign and shows the latest pull', () => {
    let steps = 0;
    fc.assert(
      fc.property(pullArb, fc.array(stepArb, { minLength: 6, maxLength: 30 }), (first, rest) => {
        const model: Model = {
          campaigns: [],
          typed: new Map(),
          below: new Map(),
          above: new Map(),
          pull: null,
        };
        let grid: SheetGrid = [];
        for (const step of [{ kind: 'pull' as const, pull: first }, ...rest]) {
          grid = applyStep(grid, model, step);
          checkSheet(grid, model);
          steps++;
        }
      }),
      { numRuns: 1000 },
    );
    // Each of the 1,000 sequences has the first pull and at least six more steps.
    expect(steps).toBeGreaterThanOrEqual(7000);
  });

  test('a fresh sheet is the layout itself', () => {
    const pull: Pull = {
      campaigns: [{ name: 'spring sale', figures: [10, 5, 2, 3, 12345] }],
      period: '2024-01-01 to 2024-01-31 (UTC)',
    };
    const merged = mergeRoiSheet([], SHEET, { funnel: funnelOf(pull), periodText: pull.period });
    expect(merged.created).toBe(true);
    expect(merged.added).toEqual(['spring sale']);
    expect(locateRoiTable(merged.grid, SHEET)).toEqual(merged.place);
    expect(layoutToGrid([])).toEqual([]);
  });
});
