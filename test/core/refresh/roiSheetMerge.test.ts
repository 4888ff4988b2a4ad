// The ROI merge with a costs file and a change of period: blank input cells are filled, typed
// ones never overwritten (a differing file value is reported), campaigns with costs but no
// figures keep a row, and costs typed for another period are flagged. Expected values are
// written out by hand from the rules in the issue.
import type { FunnelResult, FunnelRow } from '../../../src/core/funnel/funnelRows';
import { messageFor } from '../../../src/core/messages';
import {
  layoutToGrid,
  mergeRoiSheet,
  roiMergeWarnings,
} from '../../../src/core/refresh/roiSheetMerge';
import { cellAt, SheetGrid, setCell } from '../../../src/core/refresh/sheetGrid';
import {
  buildRoiSheetLayout,
  CostInputs,
  NOT_IN_LATEST_PULL,
  periodOfLine,
  ROI_COLUMNS,
  roiPeriodLine,
  RoiColumnId,
} from '../../../src/core/roi/roiSheetLayout';

const JANUARY = '2024-01-01 to 2024-01-31 (UTC)';
const FEBRUARY = '2024-02-01 to 2024-02-29 (UTC)';
const col = (id: RoiColumnId) => ROI_COLUMNS.findIndex((c) => c.id === id);

function row(campaign: string, revenueCents: bigint): FunnelRow {
  return {
    keys: campaign ? { campaign } : {},
    visits: 10,
    storeVisitors: 10,
    productViewers: 5,
    buyers: 2,
    orders: 2,
    revenueCents,
    ordersMissingTotal: 0,
    ordersUnreadableTotal: 0,
  };
}

function funnelOf(...campaigns: string[]): FunnelResult {
  return {
    groupBy: ['campaign'],
    rows: campaigns.map((campaign) => row(campaign, 10000n)),
    allGroups: row('', BigInt(campaigns.length) * 10000n),
    currency: 'USD',
  };
}

/** A January sheet for spring sale and brunch club, spring sale's people and margin typed. */
function januarySheet(): SheetGrid {
  const grid = layoutToGrid(
    buildRoiSheetLayout({ funnel: funnelOf('spring sale', 'brunch club'), periodText: JANUARY })
      .rows,
  );
  setCell(grid, 4, col('people'), 2);
  setCell(grid, 4, col('margin'), 0.4);
  return grid;
}

const rowOf = (grid: SheetGrid, campaign: string) => grid.findIndex((r) => r[0] === campaign);

describe('mergeRoiSheet with costs', () => {
  const costs = new Map<string, CostInputs>([
    ['spring sale', { people: 3, hours: 10, media_spend: 300, margin: 0.4 }],
    ['brunch club', { hourly_rate: 50 }],
    ['toast day', { media_spend: 80 }],
    ['gift cards', { media_spend: 100 }],
  ]);
  const merge = mergeRoiSheet(januarySheet(), 'Campaign ROI', {
    funnel: funnelOf('spring sale', 'brunch club', 'toast day'),
    periodText: JANUARY,
    costs,
  });
  const at = (campaign: string, id: RoiColumnId) =>
    cellAt(merge.grid, rowOf(merge.grid, campaign), col(id));

  test.each([
    ['fills a blank cell of a campaign already in the sheet', 'spring sale', 'hours', 10],
    ['fills another blank cell of that row', 'spring sale', 'media_spend', 300],
    ['fills a row with no typed cell yet', 'brunch club', 'hourly_rate', 50],
    ['fills the row of a campaign new to the sheet', 'toast day', 'media_spend', 80],
    ['keeps a typed cell the file differs from', 'spring sale', 'people', 2],
    ['keeps a typed cell the file agrees with', 'spring sale', 'margin', 0.4],
    ['leaves blank what the file does not give', 'brunch club', 'people', null],
  ] as const)('%s', (_name, campaign, id, expected) => {
    expect(at(campaign, id)).toBe(expected);
  });

  test('counts the cells it filled', () => {
    // spring sale hours and media, brunch club rate, toast day media, gift cards media
    expect(merge.costs.filled).toBe(5);
  });

  test('returns each typed cell the file differs from, naming both values', () => {
    expect(merge.costs.conflicts).toEqual([
      { campaign: 'spring sale', column: 'People', typed: 2, file: 3, percent: false },
    ]);
  });

  test('gives a campaign with costs but no figures a row marked not in the latest pull', () => {
    expect(merge.costs.withoutFigures).toEqual(['gift cards']);
    expect(at('gift cards', 'media_spend')).toBe(100);
    expect(at('gift cards', 'status')).toBe(NOT_IN_LATEST_PULL);
    expect(at('gift cards', 'revenue')).toBeNull();
    expect(merge.added).toEqual(['toast day']);
    expect(merge.missing).toEqual(['gift cards']);
    expect(merge.updated).toBe(2);
  });

  test('says what to check, one warning a line', () => {
    expect(roiMergeWarnings(merge).map((w) => messageFor(w.code, w.details))).toEqual([
      'Campaign "spring sale", People: the sheet holds 2 and the costs file says 3; the value typed in the sheet was kept. Clear the cell and run again to take the file\'s value.',
      'The costs file names 1 campaign the data does not have: gift cards. Their rows are marked "not in the latest pull" and left out of the totals; check the spelling, or the date range.',
    ]);
  });

  test('shows margins in a conflict as percentages and other cells as typed', () => {
    const grid = januarySheet();
    setCell(grid, 5, col('media_spend'), 'ask finance');
    const conflicts = mergeRoiSheet(grid, 'Campaign ROI', {
      funnel: funnelOf('spring sale', 'brunch club'),
      periodText: JANUARY,
      costs: new Map([
        ['spring sale', { margin: 0.5 }],
        ['brunch club', { media_spend: 40 }],
      ]),
    });
    expect(
      roiMergeWarnings(conflicts).map((w) => messageFor(w.code, w.details).split(';')[0]),
    ).toEqual([
      'Campaign "spring sale", Margin: the sheet holds 40% and the costs file says 50%',
      'Campaign "brunch club", Media spend: the sheet holds "ask finance" and the costs file says 40',
    ]);
  });

  test('adds a row for costs without figures only once, on the next merge too', () => {
    const again = mergeRoiSheet(merge.grid, 'Campaign ROI', {
      funnel: funnelOf('spring sale', 'brunch club', 'toast day'),
      periodText: JANUARY,
      costs,
    });
    expect(again.grid.filter((r) => r[0] === 'gift cards')).toHaveLength(1);
    expect(again.insertion).toBeNull();
    expect(again.costs.filled).toBe(0);
  });
});

describe('mergeRoiSheet when the period changes', () => {
  test.each([
    ['flags costs typed for another period', januarySheet, FEBRUARY, true],
    ['says nothing when the period is the same', januarySheet, JANUARY, false],
    [
      'says nothing when no cost was typed',
      () =>
        layoutToGrid(
          buildRoiSheetLayout({ funnel: funnelOf('spring sale'), periodText: JANUARY }).rows,
        ),
      FEBRUARY,
      false,
    ],
  ])('%s', (_name, sheet, periodText, flagged) => {
    const merge = mergeRoiSheet(sheet(), 'Campaign ROI', {
      funnel: funnelOf('spring sale'),
      periodText,
    });
    expect(merge.periodChange).toEqual(flagged ? { typedFor: JANUARY, nowCovers: FEBRUARY } : null);
    expect(cellAt(merge.grid, 1, 0)).toBe(roiPeriodLine(periodText));
  });

  test('warns in the words of the message table', () => {
    const merge = mergeRoiSheet(januarySheet(), 'Campaign ROI', {
      funnel: funnelOf('spring sale'),
      periodText: FEBRUARY,
    });
    expect(roiMergeWarnings(merge).map((w) => messageFor(w.code, w.details))).toEqual([
      `The costs in the sheet were typed for ${JANUARY}; the figures now cover ${FEBRUARY}: check the costs, and change them where they were for the old period.`,
    ]);
  });
});

describe('periodOfLine', () => {
  test.each([
    ['returns the period of the line the sheet is written with', roiPeriodLine(JANUARY), JANUARY],
    ['returns the period when the rest was edited', `Figures cover ${JANUARY}. Costs: ok`, JANUARY],
    ['returns the period of a line without a full stop', `Figures cover ${JANUARY}`, JANUARY],
    ['returns null for another line', 'Campaign ROI', null],
  ])('%s', (_name, line, expected) => {
    expect(periodOfLine(line)).toBe(expected);
  });
});
