// The pulled-data sheet merge: table cases for what it refuses and claims, then random pulls by
// two grouping keys interleaved with a person's notes beside and below the block, checked
// against a model of the rules after every step.
import fc from 'fast-check';
import { ProductError } from '../../../src/core/productError';
import { OwnedBlock } from '../../../src/core/pull/savedPulls';
import {
  mergePulledSheet,
  planPulledSheetWrite,
  PreviousBlock,
  PULL_NOT_RETURNED,
  PulledBlockCells,
} from '../../../src/core/refresh/pulledSheetMerge';
import { cellAt, isBlankCell, SheetCell, SheetGrid } from '../../../src/core/refresh/sheetGrid';
import { BlockColumn, PulledBlock } from '../../../src/core/sheet/pulledBlock';

const HEADER = ['source', 'medium', 'visits', 'revenue'];
const NO_ROWS = 'No rows for these settings.';

function block(rows: (string | number)[][]): PulledBlockCells {
  return rows.length
    ? { values: [HEADER, ...rows], groupRows: rows.length }
    : { values: [HEADER, [NO_ROWS, '', '', '']], groupRows: 0 };
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

  test('refuses a sheet pulled by more grouping keys than the pull has now', () => {
    const bySourceOnly: PulledBlockCells = {
      values: [
        ['source', 'visits', 'revenue'],
        ['email', 3, 1],
      ],
      groupRows: 1,
    };
    expect(
      codeOf(() => mergePulledSheet(first, 'Funnel', bySourceOnly, previousOf(first, 3), 1)),
    ).toBe('refresh/grouping-changed');
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

describe('mergePulledSheet: a pull that returns nothing', () => {
  // Two groups pulled and merged before, a note beside the first, a line below the table.
  const kept: SheetGrid = [
    [...HEADER, 'Status', 'my note'],
    ['email', 'newsletter', 10, 99.5, '', 'ask about the promo'],
    ['cpc', 'google', 4, 0, ''],
    [],
    ['my line below'],
  ];
  const keptBlock = { rows: 3, columns: 5, hadNoRows: false };

  test('keeps every row, marked, and ends the block with the "no rows" line in a new row', () => {
    const merged = mergePulledSheet(kept, 'Funnel', block([]), keptBlock, 2);
    expect(merged.grid[1]).toEqual([
      'email',
      'newsletter',
      null,
      null,
      PULL_NOT_RETURNED,
      'ask about the promo',
    ]);
    expect(merged.missing).toEqual([
      ['email', 'newsletter'],
      ['cpc', 'google'],
    ]);
    expect(cellAt(merged.grid, 3, 0)).toBe(NO_ROWS);
    expect(merged).toMatchObject({ rows: 4, noRowsLine: true });
    expect(merged.insertion).toEqual({ beforeRow: 4, count: 1 });
    expect(cellAt(merged.grid, 5, 0)).toBe('my line below');
  });

  test('writes the next "no rows" line over the last one, adding no row', () => {
    const once = mergePulledSheet(kept, 'Funnel', block([]), keptBlock, 2);
    const twice = mergePulledSheet(
      once.grid,
      'Funnel',
      block([]),
      { rows: once.rows, columns: once.columns, hadNoRows: once.noRowsLine },
      2,
    );
    expect(twice).toMatchObject({ rows: 4, noRowsLine: true, insertion: null });
    expect(cellAt(twice.grid, 3, 0)).toBe(NO_ROWS);
    expect(cellAt(twice.grid, 5, 0)).toBe('my line below');
  });

  // Guards the row the "no rows" line stood in being taken for row 2 of the sheet, which wiped
  // the first kept group's keys and pulled every returning group into a second row.
  test('matches the kept rows on the pull after, never wiping or doubling one', () => {
    const empty = mergePulledSheet(kept, 'Funnel', block([]), keptBlock, 2);
    const next = mergePulledSheet(
      empty.grid,
      'Funnel',
      block([
        ['cpc', 'google', 7, 1.5],
        ['social', 'feed', 2, 0],
      ]),
      { rows: empty.rows, columns: empty.columns, hadNoRows: empty.noRowsLine },
      2,
    );
    expect(next.grid.slice(1, 4).map((row) => row.slice(0, 6))).toEqual([
      ['email', 'newsletter', null, null, PULL_NOT_RETURNED, 'ask about the promo'],
      ['cpc', 'google', 7, 1.5, ''],
      ['social', 'feed', 2, 0, ''],
    ]);
    expect(next.grid.filter((row) => row[0] === 'cpc')).toHaveLength(1);
    expect(next).toMatchObject({ rows: 4, noRowsLine: false, added: [['social', 'feed']] });
    expect(next.grid.some((row) => row[0] === NO_ROWS)).toBe(false);
    expect(next.grid.findIndex((row) => row[0] === 'my line below')).toBe(6);
  });

  test('leaves what a person typed beside the "no rows" line in its row, through two pulls', () => {
    const empty: SheetGrid = [HEADER, [NO_ROWS, null, null, null, 'check the filters']];
    const again = mergePulledSheet(empty, 'Funnel', block([]), previousOf(empty, 2, true), 2);
    expect(again.grid[1]).toEqual([NO_ROWS, null, null, null, 'check the filters']);
    const next = mergePulledSheet(
      again.grid,
      'Funnel',
      block([['cpc', 'google', 4, 0]]),
      { rows: again.rows, columns: again.columns, hadNoRows: again.noRowsLine },
      2,
    );
    expect(next.grid[1]).toEqual(['cpc', 'google', 4, 0, '']);
    expect(next.grid[2]).toEqual([null, null, null, null, 'check the filters']);
  });
});

describe('planPulledSheetWrite', () => {
  const formatOf = (id: string): BlockColumn['format'] => (id === 'revenue' ? 'money' : 'count');
  const keyed = new Set(['source', 'medium']);
  function pulled(header: string[], rows: (string | number)[][]): PulledBlock {
    const cells = block(rows);
    const values = [header, ...cells.values.slice(1)];
    return {
      sheetName: 'Funnel',
      columns: header.map((id) => ({
        id,
        format: keyed.has(id) ? 'text' : formatOf(id),
      })) as BlockColumn[],
      values,
      numberFormats: values.map((row) => row.map(() => '@')),
      groupRows: cells.groupRows,
      note: '',
    };
  }
  const sheet = (grid: SheetGrid) => ({ name: 'Funnel', grid });
  const owned = (rows: number, noRowsLine?: boolean): OwnedBlock => ({
    sheetName: 'Funnel',
    sheetId: 7,
    rows,
    columns: 4,
    ...(noRowsLine === undefined ? {} : { noRowsLine }),
  });
  const pulledBefore: SheetGrid = [HEADER, ['email', 'newsletter', 10, 99.5]];
  const byBoth = pulled(HEADER, [['cpc', 'google', 4, 0]]);

  test.each<[string, ReturnType<typeof sheet> | null, PulledBlock, OwnedBlock | null, string]>([
    ['writes afresh on a first pull', sheet(pulledBefore), byBoth, null, 'afresh'],
    ['writes afresh when the sheet the pull wrote is gone', null, byBoth, owned(2), 'afresh'],
    [
      'writes afresh when the pull is grouped by other keys now',
      sheet(pulledBefore),
      pulled(['source', 'visits', 'revenue'], [['cpc', 4, 0]]),
      owned(2),
      'afresh',
    ],
    ['merges into the block the sheet still holds', sheet(pulledBefore), byBoth, owned(2), 'merge'],
  ])('%s', (_what, held, next, previous, kind) => {
    expect(planPulledSheetWrite(held, next, previous).kind).toBe(kind);
  });

  test('counts the grouping keys from the block: a group is matched on both', () => {
    const plan = planPulledSheetWrite(
      sheet(pulledBefore),
      pulled(HEADER, [['email', 'promo', 3, 1]]),
      owned(2),
    );
    if (plan.kind !== 'merge') throw new Error('expected a merge');
    expect(plan.merge.added).toEqual([['email', 'promo']]);
    expect(plan.merge.missing).toEqual([['email', 'newsletter']]);
  });

  test('takes the "no rows" line the pull wrote last for its own, not for a group', () => {
    const plan = planPulledSheetWrite(sheet([HEADER, [NO_ROWS]]), byBoth, owned(2, true));
    if (plan.kind !== 'merge') throw new Error('expected a merge');
    expect(plan.merge.grid[1].slice(0, 4)).toEqual(['cpc', 'google', 4, 0]);
    expect(plan.merge.missing).toEqual([]);
  });

  test("throws before anything is written when the Status column is the person's", () => {
    const taken: SheetGrid = [HEADER, ['email', 'newsletter', 10, 99.5, 'mine']];
    expect(codeOf(() => planPulledSheetWrite(sheet(taken), byBoth, owned(2)))).toBe(
      'refresh/no-room-for-status',
    );
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
      // A person's lines below the block, by row: every row inserted above one moves it down.
      let below = new Map<number, Map<number, string>>();
      let latest = new Map<string, Group>();

      for (const step of [firstPull, ...steps]) {
        if (step.kind === 'pull') {
          const pulled = block(
            step.groups.map((g) => [escaped(g.source), g.medium, g.visits, g.revenue]),
          );
          const merged = mergePulledSheet(grid, 'Funnel', pulled, previous, 2);
          const known = order.length;
          for (const g of step.groups) {
            if (!order.includes(keyOf(g.source, g.medium))) order.push(keyOf(g.source, g.medium));
          }
          // New groups get new rows; an empty pull needs one for its line unless it had one.
          const inserted =
            order.length - known + (step.groups.length === 0 && !previous.hadNoRows ? 1 : 0);
          below = new Map([...below].map(([row, cells]) => [row + inserted, cells]));
          grid = merged.grid;
          previous = { rows: merged.rows, columns: merged.columns, hadNoRows: merged.noRowsLine };
          latest = new Map(step.groups.map((g) => [keyOf(g.source, g.medium), g]));
        } else if (step.kind === 'note' && order.length) {
          const key = order[step.pick % order.length];
          grid = put(grid, 1 + order.indexOf(key), step.column, step.text);
          const cells = notes.get(key) ?? new Map<number, string>();
          notes.set(key, cells.set(step.column, step.text));
        } else if (step.kind === 'below') {
          const row = previous.rows + step.offset;
          grid = put(grid, row, step.column, step.text);
          below.set(row, (below.get(row) ?? new Map<number, string>()).set(step.column, step.text));
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
        // An empty pull ends the block with the "no rows" line, after every kept row.
        expect(previous.rows).toBe(1 + order.length + (previous.hadNoRows ? 1 : 0));
        if (previous.hadNoRows) {
          expect(cellAt(grid, order.length + 1, 0)).toBe(NO_ROWS);
        }
        for (const [row, cells] of below) {
          expect(row).toBeGreaterThanOrEqual(previous.rows);
          for (const [column, text] of cells) expect(cellAt(grid, row, column)).toBe(text);
        }
      }
    }),
    { numRuns: 1000 },
  );
});
