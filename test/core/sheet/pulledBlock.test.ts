// The pulled block's layout: header, padded rows, formats, the zero-row line and the note.
import { FunnelResult, FunnelRow } from '../../../src/core/funnel/funnelRows';
import { messageFor } from '../../../src/core/messages';
import { blockPlanCases } from './blockPlanCases';
import { funnelRow } from '../../support/funnelRow';
import { planBlockWrite, rectA1 } from '../../../src/core/sheet/blockPlan';
import { buildPulledBlock, PullRecord, wallClockText } from '../../../src/core/sheet/pulledBlock';

const row = funnelRow;

const RECORD: PullRecord = {
  sheetName: 'Campaign funnel',
  pulledAt: new Date('2024-07-01T07:15:00Z'),
  timeZone: 'Europe/Paris',
  source: 'my-project.segment (EU)',
  from: '2024-06-01',
  to: '2024-06-30',
  campaigns: ['spring sale'],
  storeUrlPattern: '/shop',
  windowDays: 30,
  bytesBilled: 1_300_000_000,
  bytesText: '1.3 GB',
};

function result(groupBy: FunnelResult['groupBy'], rows: FunnelRow[]): FunnelResult {
  return { groupBy, rows, allGroups: row({}), currency: 'USD' };
}

describe('buildPulledBlock', () => {
  // Rates by hand: 40 viewers / 80 visitors = 0.5; 10 buyers / 80 = 0.125; AOV 529.50 over
  // 11 orders with a total (12 - 1) = 48.136...; per visitor 529.50 / 80 = 6.61875.
  const spring = row(
    { campaign: 'spring sale', source: 'newsletter' },
    {
      visits: 120,
      storeVisitors: 80,
      productViewers: 40,
      buyers: 10,
      orders: 12,
      revenueCents: 52950n,
      ordersMissingTotal: 1,
    },
  );

  test('returns the key columns in the fixed order, then the figures, with labels', () => {
    const block = buildPulledBlock(result(['campaign', 'source'], [spring]), RECORD);
    expect(block.values[0]).toEqual([
      'campaign',
      'source',
      'visits',
      'store visitors',
      'product viewers',
      'buyers',
      'orders',
      'revenue (USD)',
      'orders without total',
      'view rate',
      'buy rate',
      'average order value',
      'revenue per visitor',
    ]);
    expect(block.columns.map((column) => column.id).slice(0, 3)).toEqual([
      'campaign',
      'source',
      'visits',
    ]);
  });

  test('returns one row per group with numbers, not text', () => {
    const block = buildPulledBlock(result(['campaign', 'source'], [spring]), RECORD);
    expect(block.values[1]).toEqual([
      'spring sale',
      'newsletter',
      120,
      80,
      40,
      10,
      12,
      529.5,
      1,
      0.5,
      0.125,
      529.5 / 11,
      529.5 / 80,
    ]);
    expect(block.groupRows).toBe(1);
  });

  test('leaves a rate blank, not 0, when its divisor is zero', () => {
    const block = buildPulledBlock(result(['campaign'], [row({ campaign: 'quiet' })]), RECORD);
    expect(block.values[1].slice(-4)).toEqual(['', '', '', '']);
  });

  test('sets a format per column kind on every data row and plain text on the header', () => {
    const block = buildPulledBlock(result(['campaign'], [spring, spring]), RECORD);
    expect(block.numberFormats[0].every((format) => format === '@')).toBe(true);
    expect(block.numberFormats[1]).toEqual([
      '@',
      '#,##0',
      '#,##0',
      '#,##0',
      '#,##0',
      '#,##0',
      '#,##0.00',
      '#,##0',
      '0.0%',
      '0.0%',
      '#,##0.00',
      '#,##0.00',
    ]);
    expect(block.numberFormats).toHaveLength(block.values.length);
  });

  test('keeps every row as wide as the header', () => {
    const block = buildPulledBlock(result(['campaign', 'medium', 'term'], [spring]), RECORD);
    block.values.forEach((cells) => expect(cells).toHaveLength(block.values[0].length));
    block.numberFormats.forEach((cells) => expect(cells).toHaveLength(block.values[0].length));
  });

  test('writes the header and one "no rows" line, padded, when there are no groups', () => {
    const block = buildPulledBlock(result(['campaign', 'source'], []), RECORD);
    expect(block.values).toHaveLength(2);
    expect(block.values[1][0]).toBe(messageFor('sheet/no-rows'));
    expect(block.values[1][0]).toMatch(/^No rows for these settings/);
    expect(block.values[1].slice(1).every((cell) => cell === '')).toBe(true);
    expect(block.values[1]).toHaveLength(block.values[0].length);
    expect(block.groupRows).toBe(0);
  });

  test('records in the note when and with which settings the rows were pulled', () => {
    const note = buildPulledBlock(result(['campaign', 'source'], [spring]), RECORD).note;
    // 07:15 UTC is 09:15 in Paris in summer (UTC+2).
    expect(note).toContain('Pulled 2024-07-01 09:15 (Europe/Paris)');
    expect(note).toContain('my-project.segment (EU)');
    expect(note).toContain('Days 2024-06-01 to 2024-06-30');
    expect(note).toContain('grouped by campaign, source');
    expect(note).toContain('Campaigns: spring sale.');
    expect(note).toContain('Store URL contains "/shop"');
    expect(note).toContain('1 row; 1.3 GB billed.');
    expect(note).toContain('saved pull "Campaign funnel"');
  });
});

describe('wallClockText', () => {
  test.each([
    ['2024-03-31T00:59:00Z', 'Europe/Paris', '2024-03-31 01:59'],
    ['2024-03-31T01:00:00Z', 'Europe/Paris', '2024-03-31 03:00'],
    ['2024-01-01T00:00:00Z', 'America/New_York', '2023-12-31 19:00'],
  ])('shows %s in %s as %s', (instant, zone, shown) => {
    expect(wallClockText(new Date(instant), zone)).toBe(shown);
  });
});

describe('planBlockWrite', () => {
  test.each(blockPlanCases)('%s', (_what, previous, rows, columns, clear, mustBeEmpty) => {
    const plan = planBlockWrite(previous, rows, columns);
    expect(plan.clear ? rectA1(plan.clear) : null).toBe(clear);
    expect(plan.mustBeEmpty.map(rectA1)).toEqual(mustBeEmpty);
    expect(rectA1(plan.target)).toBe(rectA1({ row: 1, column: 1, rows, columns }));
  });
});
