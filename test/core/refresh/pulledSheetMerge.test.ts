// The pulled-data sheet merge: table cases for what it refuses and claims, then random pulls by
// two grouping keys interleaved with a person's notes beside and below the block, checked
// against a model of the rules after every step.
import fc from 'fast-check';
import { ProductError } from '../../../src/core/productError';
import {
  mergePulledSheet,
  PreviousBlock,
  PULL_NOT_RETURNED,
  PulledBlockCells,
} from '../../../src/core/refresh/pulledSheetMerge';
import { cellAt, isBlankCell, SheetCell, SheetGrid } from '../../../src/core/refresh/sheetGrid';

const HEADER = ['source', 'medium', 'visits', 'revenue'];

function block(rows: (string | number)[][]): PulledBlockCells {
  return rows.length
    ? { values: [HEADER, ...rows], groupRows: rows.length }
    : { values: [HEADER, ['No rows for these settings.', '', '', '']], groupRows: 0 };
}

const previousOf = (grid: SheetGrid, rows: number, hadNoRows = false): PreviousBlock => ({
  rows,
  columns: grid[0].length,
  hadNoRows,
});

function codeOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof ProductError ? error.code : String(error);
  }
}

describe('mergePulledSheet', () => {
  const first: SheetGrid = [HEADER, ['email', 'newsletter', 10, 99.5], ['cpc', 'google', 4, 0]];

  test('claims the empty column beside the block for the Status', () => {
    const merged = mergePulledSheet(
      first,
      'Funnel',
      block([['cpc', 'google', 5, 12]]),
      previousOf(first, 3),
      2,
    );
    expect(merged.grid[0][4]).toBe('Status');
    expect(merged.grid[1].slice(0, 5)).toEqual([
      'email',
      'newsletter',
      null,
      null,
      PULL_NOT_RETURNED,
    ]);
    expect(merged.grid[2].slice(0, 5)).toEqual(['cpc', 'google', 5, 12, '']);
    expect(merged.columns).toBe(5);
  });

  test('refuses when the person uses the column beside the block', () => {
    const taken = [HEADER, ['email', 'newsletter', 10, 99.5, 'my note']];
    expect(
      codeOf(() => mergePulledSheet(taken, 'Funnel', block([]), previousOf(taken, 2), 2)),
    ).toBe('refresh/no-room-for-status');
  });

  test('refuses rows pulled by other grouping keys', () => {
    const other = [
      ['campaign', 'visits'],
      ['spring', 3],
    ];
    expect(
      codeOf(() => mergePulledSheet(other, 'Funnel', block([]), previousOf(other, 2), 2)),
    ).toBe('refresh/grouping-changed');
  });

  test('puts the groups where the "no rows" line was', () => {
    const empty: SheetGrid = [HEADER, ['No rows for these settings.']];
    const merged = mergePulledSheet(
      empty,
      'Funnel',
      block([['email', 'promo', 1, 2]]),
      previousOf(empty, 2, true),
      2,
    );
    expect(merged.grid[1].slice(0, 4)).toEqual(['email', 'promo', 1, 2]);
    expect(merged.rows).toBe(2);
  });

  test('keeps a formula-looking campaign as text and matches it on the next pull', () => {
    const pulled = block([["'=cmd", 'x', 1, 1]]);
    const once = mergePulledSheet([HEADER], 'Funnel', pulled, previousOf([HEADER], 1), 2);
    expect(once.grid[1][0]).toBe('=cmd');
    const twice = mergePulledSheet(
      once.grid,
      'Funnel',
      pulled,
      { rows: once.rows, columns: 5, hadNoRows: false },
      2,
    );
    expect(twice.added).toEqual([]);
  });
});

// ---- Random pulls by source and medium ----

const SOURCES = ['email', 'cpc', '+promo', '2024'];
const MEDIUMS = ['newsletter', 'google', 'social'];
type Group = { source: string; medium: string; visits: number; revenue: number };
type Step =
  | { kind: 'pull'; groups: Group[] }
  | { kind: 'note'; pick: number; column: number; text: string }
  | { kind: 'below'; offset: number; column: number; text: string };

const groupArb = fc.record({
  source: fc.constantFrom(...SOURCES),
  medium: fc.constantFrom(...MEDIUMS),
  visits: fc.nat(1000),
  revenue: fc.nat(100000).map((cents) => cents / 100),
});
const pullArb = fc
  .uniqueArray(groupArb, { selector: (g) => `${g.source}|${g.medium}`, maxLength: 8 })
  .map((groups) => ({ kind: 'pull' as const, groups }));
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  pullArb,
  fc.record({
    kind: fc.constant('note' as const),
    pick: fc.nat(),
    column: fc.constantFrom(5, 6),
    text: fc.string({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('below' as const),
    offset: fc.integer({ min: 0, max: 2 }),
    column: fc.integer({ min: 0, max: 6 }),
    text: fc.string({ minLength: 1, maxLength: 4 }),
  }),
);

const escaped = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);
const keyOf = (source: string, medium: string) => `${source}|${medium}`;

function put(grid: SheetGrid, row: number, column: number, cell: SheetCell): SheetGrid {
  const next = grid.map((cells) => [...cells]);
  while (next.length <= row) next.push([]);
  while (next[row].length < column) next[row].push(null);
  next[row][column] = cell;
  return next;
}

test('pulled sheets keep every note with its group and every line below the block', () => {
  fc.assert(
    fc.property(pullArb, fc.array(stepArb, { maxLength: 20 }), (firstPull, steps) => {
      let grid: SheetGrid = [HEADER];
      let previous: PreviousBlock = { rows: 1, columns: 4, hadNoRows: false };
      const order: string[] = [];
      const notes = new Map<string, Map<number, string>>();
      const below = new Map<number, Map<number, string>>();
      let latest = new Map<string, Group>();

      for (const step of [firstPull, ...steps]) {
        if (step.kind === 'pull') {
          const pulled = block(
            step.groups.map((g) => [escaped(g.source), g.medium, g.visits, g.revenue]),
          );
          const merged = mergePulledSheet(grid, 'Funnel', pulled, previous, 2);
          grid = merged.grid;
          previous = { rows: merged.rows, columns: merged.columns, hadNoRows: false };
          latest = new Map(step.groups.map((g) => [keyOf(g.source, g.medium), g]));
          for (const g of step.groups) {
            if (!order.includes(keyOf(g.source, g.medium))) order.push(keyOf(g.source, g.medium));
          }
        } else if (step.kind === 'note' && order.length) {
          const key = order[step.pick % order.length];
          grid = put(grid, 1 + order.indexOf(key), step.column, step.text);
          const cells = notes.get(key) ?? new Map<number, string>();
          notes.set(key, cells.set(step.column, step.text));
        } else if (step.kind === 'below') {
          grid = put(grid, previous.rows + step.offset, step.column, step.text);
          const cells = below.get(step.offset) ?? new Map<number, string>();
          below.set(step.offset, cells.set(step.column, step.text));
        }

        // Each group ever pulled has its row, in first-seen order, with the latest figures.
        order.forEach((key, i) => {
          const row = 1 + i;
          expect(keyOf(String(cellAt(grid, row, 0)), String(cellAt(grid, row, 1)))).toBe(key);
          const group = latest.get(key);
          expect([cellAt(grid, row, 2), cellAt(grid, row, 3)]).toEqual(
            group ? [group.visits, group.revenue] : [null, null],
          );
          expect(cellAt(grid, row, 4)).toBe(group ? '' : PULL_NOT_RETURNED);
          for (const column of [5, 6]) {
            const note = notes.get(key)?.get(column);
            if (note === undefined) expect(isBlankCell(cellAt(grid, row, column))).toBe(true);
            else expect(cellAt(grid, row, column)).toBe(note);
          }
        });
        expect(previous.rows).toBe(1 + order.length);
        for (const [offset, cells] of below) {
          for (const [column, text] of cells) {
            expect(cellAt(grid, previous.rows + offset, column)).toBe(text);
          }
        }
      }
    }),
    { numRuns: 1000 },
  );
});
