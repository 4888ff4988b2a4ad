import { normalizeKeyValue, resolveFunnelSpec } from '../../../src/core/funnel/funnelOptions';

describe('normalizeKeyValue', () => {
  test.each([
    ['Spring+Sale', 'spring sale'],
    [' SPRING  SALE ', 'spring sale'],
    ['spring\tsale', 'spring sale'],
    ['Spring\u00a0Sale', 'spring sale'],
    ['PMax:+SHP_Top', 'pmax: shp_top'],
    ['+++', null],
    ['   ', null],
    ['', null],
  ])('normalises %j to %j', (written, normalized) => {
    expect(normalizeKeyValue(written)).toBe(normalized);
  });
});

describe('resolveFunnelSpec', () => {
  test('fills in the defaults: campaign, 30-day window, 60 s skew, total, UTC', () => {
    const spec = resolveFunnelSpec({});
    expect(spec.groupBy).toEqual(['campaign']);
    // 30 x 86,400 s in microseconds; 60 s in microseconds
    expect(spec.windowMicros).toBe(2_592_000_000_000n);
    expect(spec.skewMicros).toBe(60_000_000n);
    expect(spec.revenueColumn).toBe('total');
    expect(spec.from).toBeNull();
    expect(spec.tables).toEqual({
      pages: 'pages',
      productViewed: 'product_viewed',
      orderCompleted: 'order_completed',
    });
  });

  test('puts grouping keys in the fixed order whatever order they are given in', () => {
    expect(resolveFunnelSpec({ groupBy: ['term', 'Medium', 'source'] }).groupBy).toEqual([
      'source',
      'medium',
      'term',
    ]);
  });

  test.each([
    // Paris is UTC+1 in winter; summer time starts on 2024-03-31, so that day ends at 22:00 UTC.
    [
      '2024-01-15',
      '2024-01-15',
      'Europe/Paris',
      '2024-01-14T23:00:00.000Z',
      '2024-01-15T23:00:00.000Z',
    ],
    [
      '2024-03-31',
      '2024-03-31',
      'Europe/Paris',
      '2024-03-30T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
    ],
    ['2024-02-28', '2024-02-29', 'UTC', '2024-02-28T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    // New York: EST is UTC-5; 2024-11-03 is the day summer time ends (25 hours long).
    [
      '2024-11-03',
      '2024-11-03',
      'America/New_York',
      '2024-11-03T04:00:00.000Z',
      '2024-11-04T05:00:00.000Z',
    ],
    [
      '2024-01-01',
      '2024-01-01',
      'Asia/Kolkata',
      '2023-12-31T18:30:00.000Z',
      '2024-01-01T18:30:00.000Z',
    ],
  ])('turns %s..%s in %s into [%s, %s)', (from, to, timeZone, start, end) => {
    const spec = resolveFunnelSpec({ from, to, timeZone });
    expect(spec.from?.toISOString()).toBe(start);
    expect(spec.toExclusive?.toISOString()).toBe(end);
  });

  test.each([
    [{ groupBy: ['channel'] }, 'funnel/unknown-grouping-key'],
    [{ groupBy: [] }, 'funnel/no-grouping-key'],
    [{ groupBy: ['campaign', 'Campaign'] }, 'funnel/repeated-grouping-key'],
    [{ from: '2024-02-30' }, 'funnel/bad-date'],
    [{ from: '31/01/2024' }, 'funnel/bad-date'],
    [{ from: '2024-02-01', to: '2024-01-31' }, 'funnel/dates-reversed'],
    [{ timeZone: 'Mars/Olympus' }, 'funnel/bad-time-zone'],
    [{ windowDays: -1 }, 'funnel/bad-duration'],
    [{ skewSeconds: Number.NaN }, 'funnel/bad-duration'],
    [{ campaigns: ['  +  '] }, 'funnel/empty-campaign-filter'],
    [{ tables: { pages: 'pages;--' } }, 'funnel/bad-identifier'],
    [{ project: 'Bad Project' }, 'funnel/bad-identifier'],
    [{ revenueColumn: 'total"' }, 'funnel/bad-identifier'],
  ])('rejects %j with %s', (request, code) => {
    expect(() => resolveFunnelSpec(request as never)).toThrow(expect.objectContaining({ code }));
  });
});
