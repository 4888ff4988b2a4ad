import { funnelCsv } from '../../../src/core/funnel/funnelRows';
import { funnelRow } from '../../support/funnelRow';

const row = funnelRow;

describe('funnelCsv', () => {
  test('rounds each ratio half away from zero from the exact figures', () => {
    // Hand-computed: 127.47 over 2 orders with totals is 63.735, so 63.74; over 3 visitors it
    // is 42.49; 2 of 3 visitors viewed (0.6667), 1 of 3 bought (0.3333).
    const figures = {
      visits: 4,
      storeVisitors: 3,
      productViewers: 2,
      buyers: 1,
      orders: 3,
      revenueCents: 12747n,
      ordersMissingTotal: 1,
    };
    const csv = funnelCsv({
      groupBy: ['campaign'],
      rows: [row({ campaign: 'spring sale' }, figures)],
      allGroups: row({}, figures),
      currency: 'USD',
    });
    expect(csv.trim().split('\n')[1]).toBe(
      'spring sale,4,3,2,1,3,127.47,1,0.6667,0.3333,63.74,42.49',
    );
  });

  test('leaves a ratio blank when its divisor is zero', () => {
    const csv = funnelCsv({
      groupBy: ['campaign'],
      rows: [row({ campaign: 'x' }, { visits: 1, orders: 1, ordersMissingTotal: 1 })],
      allGroups: row({}, {}),
      currency: null,
    });
    expect(csv.trim().split('\n')[1]).toBe('x,1,0,0,0,1,0.00,1,,,,');
  });
});
